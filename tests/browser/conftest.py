"""Real-browser tests: Playwright for Python driving the system's Chromium (Debian's ``chromium``).

Playwright's own browser download is not used (it is not reachable here): ``executable_path`` points at
the system binary. Without it every test here is skipped with the way to enable them."""
import os
import shutil

import pytest

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
HOW = "apt-get install -y chromium (Debian; .ci/run does it) and pip install -e '.[test]' (playwright)"


def chromium_path():
    return os.environ.get("SYMGRAPH_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        pytest.skip(f"browser tests SKIPPED: no chromium on PATH; to enable them: {HOW}")
    sync_api = pytest.importorskip("playwright.sync_api", reason=f"browser tests SKIPPED: no playwright; {HOW}")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors and uncaught exceptions in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def pytest_terminal_summary(terminalreporter):
    """One clear line when the browser tests could not run (pytest -q would only count the skips)."""
    if chromium_path() is None:
        terminalreporter.write_line(f"SKIPPED: the browser tests (tests/browser) need chromium; to run them: {HOW}",
                                    yellow=True, bold=True)
