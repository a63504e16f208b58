"""The first answer to each write sent with an Idempotency-Key, so that a retry is counted once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One key an account has used for a write, with the body it came with and the first answer.

    Written in the same transaction as the record it created, so either both exist or neither
    does. The unique constraint on (account, key) is what makes two retries arriving at once on
    PostgreSQL count once: the second insert waits for the first transaction and then fails.
    Nobody edits these; `clear_idempotency_keys` deletes them after `IDEMPOTENCY_KEY_HOURS`.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(_("key"), max_length=255)
    body_hash = models.CharField(_("SHA-256 of the body"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    response = models.JSONField(_("first response"), default=dict)
    record = models.ForeignKey(
        "campaigns.ActivityRecord",
        verbose_name=_("record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("first used at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_account"),
        ]

    def __str__(self):
        return f"{self.user_id}:{self.key}"
