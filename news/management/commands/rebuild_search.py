from django.core.management.base import BaseCommand

from news.search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the reader search's index from the published pages, audiences and districts."

    def handle(self, **options):
        self.stdout.write(f"{rebuild()} search entries.")
