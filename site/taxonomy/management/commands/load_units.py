from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from taxonomy.reference import ReferenceDataError, load


class Command(BaseCommand):
    help = (
        "Load or update the province's administrative units and the 2025 reform's successions "
        "from the reference packages; safe to run again, and says what changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            default=settings.PROVINCE_CODE,
            metavar="CODE",
            help="The province's code today (default: the PROVINCE_CODE setting).",
        )

    def handle(self, province, **options):
        try:
            changes = load(province)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        for unit in changes.created:
            self.stdout.write(
                _("Created: %(code)s %(name)s") % {"code": unit.code, "name": unit.full_name}
            )
        for unit in changes.updated:
            self.stdout.write(
                _("Updated: %(code)s %(name)s") % {"code": unit.code, "name": unit.full_name}
            )
        self.stdout.write(
            _(
                "Units: %(created)d created, %(updated)d updated, %(unchanged)d unchanged, "
                "%(other)d not in the reference data left as they are. Successions: %(written)d "
                "written, %(removed)d removed."
            )
            % {
                "created": len(changes.created),
                "updated": len(changes.updated),
                "unchanged": changes.unchanged,
                "other": changes.not_in_reference,
                "written": changes.successions_written,
                "removed": changes.successions_removed,
            }
        )
