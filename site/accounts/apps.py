from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.contrib.auth import get_user_model

        from . import security_log  # noqa: F401  (connects the lockout log)
        from .models import full_name_family_first

        # The project keeps Django's own User model (no custom one was set before the first
        # migration); its name order is the one thing about it that is wrong for Vietnamese.
        get_user_model().get_full_name = full_name_family_first
