"""Wagtail finds the campaign data's hooks here: the two menu groups, then each room's own."""

from wagtail import hooks

# Importing a room's hooks module registers its screens, URLs, menu items and log actions.
from .audit import hooks as audit_hooks  # noqa: F401
from .importing import hooks as importing_hooks  # noqa: F401
from .menu import activities_menu_item, province_menu_item
from .records import hooks as records_hooks  # noqa: F401
from .reminders import hooks as reminders_hooks  # noqa: F401
from .reporting import hooks as reporting_hooks  # noqa: F401
from .reports import hooks as reports_hooks  # noqa: F401

hooks.register("register_admin_menu_item", activities_menu_item)
hooks.register("register_admin_menu_item", province_menu_item)
