from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfflineConfig(AppConfig):
    """Entry with a weak signal: idempotent writes, the staff and public service workers."""

    name = "campaigns.offline"
    label = "offline"
    verbose_name = _("Offline entry")
