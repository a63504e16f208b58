from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from campaigns.backup import BackupError, describe, load, read


class Command(BaseCommand):
    help = (
        "Import a file export_campaign_data wrote into a database without campaign data: all of "
        "it or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--create-missing-users",
            action="store_true",
            help="Make accounts the file names but this database lacks, inactive and without a "
            "password, so the history keeps their names.",
        )
        parser.add_argument(
            "--unlink-missing-materials",
            action="store_true",
            help="Import records whose material page this site lacks without the material.",
        )

    def handle(self, path, create_missing_users, unlink_missing_materials, **options):
        try:
            written = load(
                read(path),
                create_missing_users=create_missing_users,
                unlink_missing_materials=unlink_missing_materials,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Imported %(path)s: %(listed)s.") % {"path": path, "listed": describe(written)}
        )
