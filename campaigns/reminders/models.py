"""Who wants reminders, and which reminders went out on which day."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import AdministrativeUnit


class ReminderPreference(models.Model):
    """A staff member's choice about reminder e-mails, made on their account settings
    (*Notifications*). Without a row they receive them."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    reminders = models.BooleanField(
        _("Monthly report reminders"),
        default=True,
        help_text=_(
            "E-mails a few days before and after the deadline while your unit's month is not "
            "submitted; for coordinators, a weekly summary of what awaits them."
        ),
    )

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return self.user.get_username()


class ReminderSent(models.Model):
    """One reminder sent to one person through one channel on one day.

    The unique constraints make a second run on the same day, or a copy running at the same time,
    send nothing twice: a run first claims its rows (`campaigns.reminders.sending`), then sends
    what it claimed. Nobody edits these rows; they are the log of what went out.
    """

    class Kind(models.TextChoices):
        STAFF = "staff", _("Month not submitted")
        DIGEST = "digest", _("Coordinators' weekly digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The unit whose month the reminder is about; empty for a digest, which covers them all.
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    day = models.DateField(_("day"), help_text=_("The day the reminder was due."))
    run = models.UUIDField(_("run"), help_text=_("The run of the command that sent it."))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "channel", "kind", "unit", "month", "day"],
                condition=models.Q(unit__isnull=False),
                name="reminder_once_a_day_per_unit",
            ),
            # NULLs never collide in a unique index, so the digest has a constraint of its own.
            models.UniqueConstraint(
                fields=["user", "channel", "kind", "month", "day"],
                condition=models.Q(unit__isnull=True),
                name="reminder_once_a_day",
            ),
        ]
        indexes = [models.Index(fields=["day", "run"], name="reminder_day_run")]

    def __str__(self):
        return f"{self.user.get_username()} · {self.get_kind_display()} · {self.day}"
