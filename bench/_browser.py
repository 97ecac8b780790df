"""Headless Debian Chromium through Playwright, shared by the benchmark groups."""

import os
from contextlib import contextmanager

CHROMIUM = os.environ.get("HOABAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium():
    if not os.path.exists(CHROMIUM):
        raise SystemExit(
            f"bench: {CHROMIUM} is missing; install Debian's chromium (make browsers) first."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
