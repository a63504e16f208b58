from django.core.management.base import BaseCommand

from ...idempotency import KEY_LIFETIME, delete_expired


class Command(BaseCommand):
    help = "Delete the idempotency keys older than 24 hours (run it daily, e.g. from cron)."

    def handle(self, *args, **options):
        deleted = delete_expired()
        hours = int(KEY_LIFETIME.total_seconds() // 3600)
        self.stdout.write(f"{deleted} idempotency keys older than {hours} h deleted.")
