from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from .reminders.checks import check_reminder_settings

        checks.register(check_reminder_settings)
