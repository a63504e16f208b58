import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from taxonomy.models import in_force_on


class AssignmentQuerySet(models.QuerySet):
    def current(self, day=None):
        """The assignments in force on `day` (today by default): within their own dates, to a
        unit that exists that day. When a unit ends in a reform, its staff's assignments end
        with it, and they wait for a coordinator to assign them a new one."""
        day = day or datetime.date.today()
        return self.filter(in_force_on(day), in_force_on(day, prefix="unit__"))


class UnitAssignment(models.Model):
    """Ties a staff account to an administrative unit whose figures it may record.

    Local staff see and change only the records of the units they are assigned to today (and the
    units below them). Province coordinators assign units; nobody else can.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        on_delete=models.CASCADE,
        related_name="unit_assignments",
    )
    unit = models.ForeignKey(
        "taxonomy.AdministrativeUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="staff_assignments",
    )
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("Empty while it lasts. It also ends when the unit ends."),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit assignment")
        verbose_name_plural = _("unit assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="unique_unit_assignment")
        ]

    def __str__(self):
        return f"{self.user.get_username()}: {self.unit}"


def full_name_family_first(user):
    """A staff member's name as Vietnamese is written and read: family name first, "Nguyễn Thị
    Lan", never Django's "Lan Nguyễn Thị". Wagtail's history, workflow and log screens show
    `get_full_name()`, so `AccountsConfig.ready` puts this in its place; the given name alone
    (`get_short_name()`, "Lan") stays what the admin greets staff with."""
    return " ".join(name for name in (user.last_name.strip(), user.first_name.strip()) if name)
