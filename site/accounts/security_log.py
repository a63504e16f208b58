"""Security events about accounts, logged by account id: never a visitor's address or what they typed."""

import logging

from axes.signals import user_locked_out

from django.contrib.auth import get_user_model
from django.dispatch import receiver

security_log = logging.getLogger("pcmbn.security")


@receiver(user_locked_out)
def log_lockout(sender, request, username=None, **kwargs):
    user = get_user_model().objects.filter(username=username).only("pk").first()
    account = f"user={user.pk}" if user else "account=unknown"
    security_log.warning("login lockout %s path=%s", account, request.path_info)
