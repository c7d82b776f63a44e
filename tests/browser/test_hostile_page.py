"""The HTML step-through with a hostile comment in the point loads in chromium without an error, and
shows the payload as text, never as markup (issue 22 item 4)."""
from tests.helpers import run

COMMENT = "\ufffe\uffff\x01\x7f\x1b\u202e\udcff <img src=x onerror=window.__pwned=1> </script><b>&amp;"


def test_the_page_loads_and_runs_no_injected_markup(tmp_path, page):
    path = tmp_path / "trace.html"
    run("grad", "x*y", "--at", f"x=1,y=2 # {COMMENT}", "--format", "html", "-o", str(path))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    assert page.errors == []
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
