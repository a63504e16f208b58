from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.api_tokens import TokenRefused, current_or_new
from accounts.roles import Role
from accounts.staff import save_staff_account
from taxonomy.models import AdministrativeUnit


class Command(BaseCommand):
    help = (
        "Create or update a staff account with one role (and, for local staff, its units); "
        "prints its API token last."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--role",
            required=True,
            choices=[*Role.values, "district"],
            help="local (staff of a commune or ward; 'district', its name before 2025, works too), "
            "editor, moderator or coordinator.",
        )
        parser.add_argument(
            "--unit", action="append", default=[], metavar="CODE", help="Unit code; repeatable."
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password", help="Set this password (otherwise it is left unchanged)."
        )

    def handle(self, username, role, unit, email, password, **options):
        named = {code: AdministrativeUnit.objects.named(code) for code in unit}
        units = [found for found in named.values() if found is not None]
        missing = sorted(code for code, found in named.items() if found is None)
        if missing:
            raise CommandError(_("Unknown unit code: %(codes)s") % {"codes": ", ".join(missing)})
        role = Role(role)
        if role == Role.LOCAL and not units:
            raise CommandError(_("Local staff need at least one --unit."))
        details = {"email": email} if email else {}
        user, created = save_staff_account(username, role, units, password=password, **details)
        verb = _("Created") if created else _("Updated")
        self.stdout.write(f"{verb}: {user.get_username()} ({Role(role).label})")
        # The last line is the API token alone, so a script can take it with `tail -n 1`.
        try:
            token = current_or_new(user)
        except TokenRefused as refused:
            self.stderr.write(str(refused))
            return
        self.stdout.write(token.key)
