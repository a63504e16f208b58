"""The spreadsheet import's screens; its menu item is in the activities group."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from ..menu import ACTIVITIES_HOOK, PermissionMenuItem
from .views import BatchView, ConfirmView, ImportView, TemplateDownloadView


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("campaigns/import/", ImportView.as_view(), name="campaigns_import"),
        path(
            "campaigns/import/template/",
            TemplateDownloadView.as_view(),
            name="campaigns_import_template",
        ),
        path("campaigns/import/<int:pk>/", BatchView.as_view(), name="campaigns_import_batch"),
        path(
            "campaigns/import/<int:pk>/confirm/",
            ConfirmView.as_view(),
            name="campaigns_import_confirm",
        ),
    ]


@hooks.register(ACTIVITIES_HOOK)
def register_import_menu_item():
    return PermissionMenuItem(
        _("Import from a spreadsheet"),
        reverse("campaigns_import"),
        name="import-records",
        icon_name="upload",
        order=2,
        permission="campaigns.add_activityrecord",
    )
