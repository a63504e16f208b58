"""The panels of the staff home screen (Wagtail's dashboard), one per role: what each person
comes to the admin to do, first.

- local (district, commune) staff: record a result, this month's status and what is missing,
  their last records;
- editors and moderators: write an article, their drafts (Wagtail's own panel lists what awaits
  their review);
- coordinators: months awaiting approval, last month's reporting rate and the units that have not
  reported, the figures worth a second look, the report.

Each panel costs a fixed number of queries, however many units, records or pages there are.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import Locale, Page

from accounts.staff import waiting_for_a_unit
from campaigns.months import month_key, month_start
from campaigns.records.access import records_for
from campaigns.reporting.overview import province_month, unit_months
from news.models import ArticlePage, NewsIndexPage


def period_url(unit, first):
    return reverse("campaigns_reporting_period", args=[unit.code, month_key(first)])


class RolePanel(Component):
    order = 10  # before Wagtail's own panels

    def __init__(self, request):
        self.request = request


class LocalStaffPanel(RolePanel):
    name = "local_staff_home"
    template_name = "dashboard/local_staff_panel.html"
    heading = _("Your unit this month")

    def get_context_data(self, parent_context=None):
        user = self.request.user
        today = timezone.localdate()
        return {
            "this_key": month_key(month_start(today)),
            "panel": self,
            "add_url": reverse("activity_records:add"),
            "units": [
                (
                    overview,
                    period_url(overview.unit, overview.this_month.month),
                    period_url(overview.unit, overview.last_month.month),
                )
                for overview in unit_months(user, today)
            ],
            "records": records_for(user)
            .filter(recorded_by=user)
            .select_related("unit", "indicator")
            .order_by("-created_at", "-pk")[:5],
            "records_url": reverse("activity_records:index"),
        }


class EditorPanel(RolePanel):
    name = "editor_home"
    template_name = "dashboard/editor_panel.html"
    heading = _("Articles")

    def get_context_data(self, parent_context=None):
        user = self.request.user
        news_index = (
            NewsIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
        )
        add_url = None
        if news_index and news_index.permissions_for_user(user).can_add_subpage():
            add_url = reverse(
                "wagtailadmin_pages:add",
                args=[ArticlePage._meta.app_label, ArticlePage._meta.model_name, news_index.pk],
            )
        drafts = (
            Page.objects.filter(has_unpublished_changes=True, latest_revision__user=user)
            .order_by("-latest_revision_created_at")
            .only("pk", "title", "draft_title", "live", "latest_revision_created_at")[:5]
        )
        return {"panel": self, "add_url": add_url, "drafts": drafts}


class CoordinatorPanel(RolePanel):
    name = "coordinator_home"
    template_name = "dashboard/coordinator_panel.html"
    heading = _("The province's monthly reports")

    def get_context_data(self, parent_context=None):
        overview = province_month()
        return {
            "panel": self,
            "overview": overview,
            "awaiting": [(p, period_url(p.unit, p.month)) for p in overview.awaiting],
            "not_reported": [(u, period_url(u, overview.month)) for u in overview.not_reported],
            "flags": [
                (unit, flags, period_url(unit, overview.month))
                for unit, flags in overview.flags.items()
            ],
            "waiting": list(waiting_for_a_unit()),
            "assign_url": reverse("wagtailsnippets_accounts_unitassignment:add"),
            "months_url": reverse("campaigns_reporting_months"),
            "report_url": reverse("campaigns_report"),
        }
