from django.core.management.base import BaseCommand

from hoaban.catalog.reference import reference_data_load


class Command(BaseCommand):
    help = "Load provinces, communes, former provinces, ethnic groups and categories (idempotent)."

    def handle(self, *args, **options):
        counts = reference_data_load()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
