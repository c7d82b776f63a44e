"""check --code's Markdown and LaTeX handouts (a real TeX run when pdflatex is installed) and the plain table."""
import shutil
import subprocess

import pytest

from tests.helpers import run


def test_markdown_table_and_first_wrong_line():
    out = run("check", "--code", "examples/code/wrong_seed.py", "--format", "markdown").output
    assert "| line | code | claim | verdict | shape | error |" in out
    assert "| 13 | ddot = (1 - dot) \\* dot | df/ddot | ✗ wrong | () | 1.3e+02 |" in out
    assert "## The first wrong line\n\nLine 13: ddot = (1 - dot) \\* dot" in out


@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="pdflatex is not installed")
def test_latex_compiles(tmp_path):
    result = run("check", "--code", "examples/code/wrong_affine.py", "--shapes", "x=NxD,w=DxM,b=M",
                 "--format", "latex", "--standalone")
    assert result.exit_code == 1
    (tmp_path / "code.tex").write_text(result.output)
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "code.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]


def test_latex_is_for_one_file(tmp_path):          # a folder's html is the class report (test_class_exports)
    assert run("check", "--code", "examples/code/class", "--format", "latex").exit_code == 2


def test_plain_table_names_the_shapes_that_differ():
    out = run("check", "--code", "examples/code/wrong_affine.py", "--shapes", "x=NxD,w=DxM,b=M",
              "--format", "plain").output
    assert "| ✗ wrong | (3, 5) ≠ (5, 3) |" in out
    assert "mistake transpose-missing: it is the transpose of the true gradient" in out


def test_html_page_marks_lines_and_escapes_user_text(tmp_path):
    from html.parser import HTMLParser

    text = ("x = [1.0, 2.0]\nf = x[0] * x[1]\n"
            "dx = [x[1], x[1]]  # </pre><script>alert(1)</script>\n")
    (tmp_path / "c.py").write_text(text)
    page = tmp_path / "c.html"
    result = run("check", "--code", str(tmp_path / "c.py"), "--format", "html", "-o", str(page))
    assert result.exit_code == 1
    html = page.read_text()
    tags = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Tags().feed(html)
    assert "script" not in [t for t, _ in tags]                    # the comment stays text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert ("span", {"class": "bad"}) in tags and "First wrong line" in html
