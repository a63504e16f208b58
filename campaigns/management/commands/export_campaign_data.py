from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.backup import describe, write


class Command(BaseCommand):
    help = (
        "Write all campaign data (units, indicators, campaigns and targets, records, finished "
        "imports, periods, audit log, unit assignments) to one portable JSON file with its "
        "checksum; gzip it when PATH ends in .gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            written = write(path)
        except OSError as error:
            raise CommandError(
                _(
                    "Cannot write %(path)s: the folder does not exist, or this account may not "
                    "write there."
                )
                % {"path": path}
            ) from error
        self.stdout.write(
            _("Wrote %(path)s: %(listed)s.") % {"path": path, "listed": describe(written)}
        )
