"""What the browser tests share: Debian's Chromium, how to start it, when the page is ready."""

from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
OUT = REPO / "test-output" / "viewer"  # screenshots
# Without the background-networking flags Chromium keeps calling home on a closed network.
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "document.body.dataset.state === 'ready' && document.body.dataset.busy === 'false'"

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is missing: `make browser` installs Debian's chromium (never a downloaded one)")


def launch(playwright):
    """Headless Debian Chromium (never a browser downloaded by Playwright)."""
    OUT.mkdir(parents=True, exist_ok=True)
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=BROWSER_ARGS)
