"""The reporting audit log's screen, in the coordinators' menu group."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from ..menu import PROVINCE_HOOK, PermissionMenuItem
from .views import AuditLogView


@hooks.register("register_admin_urls")
def register_audit_log_url():
    return [path("campaigns/audit-log/", AuditLogView.as_view(), name="campaigns_audit_log")]


@hooks.register(PROVINCE_HOOK)
def register_audit_log_menu_item():
    return PermissionMenuItem(
        _("Reporting audit log"),
        reverse("campaigns_audit_log"),
        name="reporting-audit-log",
        icon_name="history",
        order=2,
        permission="campaigns.view_reportinglogentry",
    )
