"""The reporting audit log for coordinators: filter by unit, month and person; export it."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.admin_views import AdminScreenMixin
from taxonomy.models import AdministrativeUnit

from .. import exports
from ..months import parse_month
from .log import export_lines
from .models import ReportingLogEntry


class AuditLogView(AdminScreenMixin, TemplateView):
    """The reporting audit log for coordinators: filter by unit, month and person; export CSV."""

    template_name = "campaigns/audit/audit_log.html"
    page_title = _("Reporting audit log")
    header_icon = "history"
    per_page = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("campaigns.view_reportinglogentry"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def filters(self):
        get = self.request.GET
        found = {"unit": get.get("unit", "").strip(), "month": get.get("month", "").strip()}
        try:
            found["user"] = int(get.get("user", ""))
        except ValueError:
            found["user"] = None
        return found

    def get_entries(self):
        entries = ReportingLogEntry.objects.select_related("user", "unit")
        unit = self.filters["unit"]
        if unit:
            ids = AdministrativeUnit.objects.filter(code=unit).values_list("pk", flat=True)
            entries = entries.filter(unit_id__in=AdministrativeUnit.descendant_ids(list(ids)))
        if self.filters["month"]:
            try:
                entries = entries.filter(month=parse_month(self.filters["month"]))
            except ValueError:
                entries = entries.none()
        if self.filters["user"]:
            entries = entries.filter(user_id=self.filters["user"])
        return entries.order_by("-timestamp", "-id")

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            lines = export_lines(self.get_entries().iterator(chunk_size=2000))
            return exports.download(
                lines, export, gettext("Reporting audit log"), "nhat-ky-bao-cao"
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.get_entries(), self.per_page).get_page(self.request.GET.get("p"))
        people = (
            get_user_model()
            .objects.filter(pk__in=ReportingLogEntry.objects.values("user_id"))
            .order_by("first_name", "last_name", "username")  # Vietnamese lists go by given name
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            page=page,
            filters=self.filters,
            units=AdministrativeUnit.objects.order_by("level", "code"),
            people=people,
            export_query=query.urlencode(),
        )
        return context
