"""Wagtail hooks of the spreadsheet import, imported by `campaigns.wagtail_hooks`."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from .import_views import BatchView, ConfirmView, ImportView, TemplateDownloadView
from .reporting_hooks import PermissionMenuItem


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


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        _("Import from a spreadsheet"),
        reverse("campaigns_import"),
        icon_name="upload",
        order=201,
        permission="campaigns.add_activityrecord",
    )
