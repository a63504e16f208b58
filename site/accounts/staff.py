"""Creating and updating staff accounts: one function for the command line and the demo data."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .models import UnitAssignment
from .roles import GROUP_NAMES, Role


@transaction.atomic
def save_staff_account(username, role, units=(), password=None, **details):
    """Create or update `username` with exactly one role and, for local staff, its units.

    Returns (user, created). Other groups and unit assignments the account had are removed, so
    running it again with the same arguments changes nothing.
    """
    role = Role(role)
    if role == Role.LOCAL and not units:
        raise ValueError("Local staff need at least one unit.")
    user, created = get_user_model().objects.get_or_create(username=username, defaults=details)
    for field, value in details.items():
        setattr(user, field, value)
    if password is not None:
        user.set_password(password)
    user.is_staff = False
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=GROUP_NAMES[role])])
    assigned = list(units) if role == Role.LOCAL else []
    UnitAssignment.objects.filter(user=user).exclude(unit__in=assigned).delete()
    for unit in assigned:
        UnitAssignment.objects.get_or_create(user=user, unit=unit)
    return user, created


def waiting_for_a_unit():
    """Active local staff with no assignment in force: those whose unit ended (in the 2025
    reform, say) and who wait for a coordinator to give them their new one."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=GROUP_NAMES[Role.LOCAL])
        .exclude(pk__in=UnitAssignment.objects.current().values("user"))
        .order_by("last_name", "first_name", "username")
    )
