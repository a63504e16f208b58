"""Issue or revoke an account's access token for the campaign API (accounts/api_tokens.py)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from accounts.api_tokens import TokenRefused, expires_at, issue, revoke


class Command(BaseCommand):
    help = (
        "Issue a new API access token for an account (replacing its old one), or revoke it "
        "with --revoke."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--revoke", action="store_true", help="revoke the account's token")

    def handle(self, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(_("There is no account named %(name)s.") % {"name": username})
        if options["revoke"]:
            if revoke(user):
                self.stdout.write(_("The token of %(name)s is revoked.") % {"name": username})
            else:
                self.stdout.write(_("%(name)s had no token.") % {"name": username})
            return
        try:
            token = issue(user)
        except TokenRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(token.key)
        self.stdout.write(
            _("Valid until %(date)s; any earlier token of %(name)s no longer works.")
            % {
                "date": date_format(localtime(expires_at(token)), "SHORT_DATETIME_FORMAT"),
                "name": username,
            }
        )
