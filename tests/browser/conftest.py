"""Debian's Chromium through Playwright (never Playwright's own browser download)."""

import io
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# The flags the machine's notes ask for: no sandbox as root, and no background network traffic.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    # Playwright's sync API runs an event loop in this thread; Django's async-safety guard would
    # otherwise refuse the database work the test does between browser steps.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page(browser):
    return browser.new_page(locale="tr-TR")


@pytest.fixture
def demo_live_server(transactional_db, live_server):
    """The live server with the 2024 demo loaded (its users are tests.browser.helpers.ROLES)."""
    call_command("load_demo", stdout=io.StringIO())
    return live_server
