"""`hoaban demo [--small]`: load the demo data set (idempotent) and print the demo logins."""

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from hoaban.demo.services import demo_load, demo_logins


class Command(BaseCommand):
    help = (
        "Load fictional demo data in real communes: cooperatives, members, products, lots, "
        "certificates and pictures. Safe to run again: only what is missing is created."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--small",
            action="store_true",
            help="A small set (6 organisations, 20 products, 30 members) for tests and benchmarks.",
        )

    def handle(self, *args, small: bool = False, verbosity: int = 1, **options):
        started = time.monotonic()
        bars: list[tqdm] = []
        # tqdm redraws a line with carriage returns: give it the raw stream, not Django's
        # line-ending wrapper (so call_command(stderr=...) still captures it).
        stream = getattr(self.stderr, "_out", sys.stderr)

        def on_start(total: int) -> None:
            bars.append(
                tqdm(total=total, file=stream, unit="step", disable=verbosity < 1, leave=False)
            )

        def progress(steps: int, label: str) -> None:
            bars[0].set_description(label, refresh=False)
            bars[0].update(steps)

        try:
            created = demo_load(small=small, progress=progress, on_start=on_start)
        finally:
            for bar in bars:
                bar.close()
        if verbosity < 1:
            return
        seconds = time.monotonic() - started
        made = ", ".join(f"{name} {count}" for name, count in created.items())
        if any(created.values()):
            self.stdout.write(f"Demo data loaded in {seconds:.1f} s (created: {made}).")
        else:
            self.stdout.write(f"Demo data already loaded: nothing to add ({seconds:.1f} s).")
        self.stdout.write(self.logins_table())

    @staticmethod
    def logins_table() -> str:
        rows = [("Role", "Phone", "Name", "Password"), *demo_logins()]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = ["", "Demo logins:"]
        for index, row in enumerate(rows):
            lines.append("  " + "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
            if index == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
        return "\n".join(lines) + "\n"
