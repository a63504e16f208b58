from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from campaigns.backup import describe, write


class Command(BaseCommand):
    help = (
        "Write all campaign data (units, indicators, campaigns and targets, records, periods, "
        "audit log, unit assignments) to one portable JSON file; gzip it when PATH ends in .gz."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        written = write(path)
        self.stdout.write(
            _("Wrote %(path)s: %(listed)s.") % {"path": path, "listed": describe(written)}
        )
