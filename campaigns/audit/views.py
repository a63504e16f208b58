"""The reporting audit log for coordinators: filter by unit, month and person; export it."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from core.admin_views import AdminScreenMixin
from taxonomy.models import AdministrativeUnit

from .. import exports
from ..months import month_format_message, parse_month
from .log import export_lines, with_names
from .models import ReportingLogEntry


class AuditFilterForm(forms.Form):
    """The log's filters as the address carries them: a unit code, a month (YYYY-MM), a person."""

    unit = forms.CharField(required=False, max_length=20)
    month = forms.CharField(required=False, max_length=7)
    user = forms.ModelChoiceField(get_user_model().objects.all(), required=False)

    def clean_month(self):
        month = self.cleaned_data["month"]
        if not month:
            return None
        try:
            return parse_month(month)
        except ValueError as error:
            raise forms.ValidationError(month_format_message()) from error


class AuditLogView(AdminScreenMixin, TemplateView):
    """The reporting audit log for coordinators: filter by unit, month and person; export CSV."""

    template_name = "campaigns/audit/audit_log.html"
    page_title = _("Reporting audit log")
    header_icon = "history"
    per_page = 50
    permission_required = "campaigns.view_reportinglogentry"

    @cached_property
    def form(self):
        return AuditFilterForm(self.request.GET)

    @cached_property
    def filters(self):
        """The filters as the screen shows them back, whatever was typed."""
        get = self.request.GET
        data = self.form.cleaned_data if self.form.is_valid() else {}
        user = data.get("user")
        return {
            "unit": get.get("unit", "").strip(),
            "month": get.get("month", "").strip(),
            "user": user.pk if user else None,
        }

    def get_entries(self):
        if not self.form.is_valid():
            return ReportingLogEntry.objects.none()
        data = self.form.cleaned_data
        entries = ReportingLogEntry.objects.select_related("user", "unit")
        if data["unit"]:
            ids = AdministrativeUnit.objects.filter(code=data["unit"]).values_list("pk", flat=True)
            entries = entries.filter(unit_id__in=AdministrativeUnit.descendant_ids(list(ids)))
        if data["month"]:
            entries = entries.filter(month=data["month"])
        if data["user"]:
            entries = entries.filter(user=data["user"])
        return entries.order_by("-timestamp", "-id")

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            if not self.form.is_valid():
                return exports.refused(self.form)
            lines = export_lines(self.get_entries().iterator(chunk_size=2000))
            return exports.download(
                lines, export, gettext("Reporting audit log"), "nhat-ky-bao-cao"
            )
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.get_entries(), self.per_page).get_page(self.request.GET.get("p"))
        page.object_list = with_names(page.object_list)
        people = (
            get_user_model()
            .objects.filter(pk__in=ReportingLogEntry.objects.values("user_id"))
            .order_by("first_name", "last_name", "username")  # Vietnamese lists go by given name
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=self.form,
            page=page,
            filters=self.filters,
            units=AdministrativeUnit.objects.order_by("level", "code"),
            people=people,
            export_query=query.urlencode(),
        )
        return context
