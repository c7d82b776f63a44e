"""User text in Markdown goes through the one Markdown escaper (render.document.markdown.md_text): the class
report, the titles of every Document and bare URLs included (issue 22 F1, F2, F8). markdown-it-py, an
independent CommonMark parser, reads the output: no heading, link, image or raw HTML comes from user text."""
import html

import pytest
from markdown_it import MarkdownIt

from symgraph.render.document.markdown import md_text
from tests.helpers import EXAMPLES, run

# Every line break of any kind a user can type, then Markdown that would open a heading, a tag, a link.
BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
CONTROLS = "\x1b]0;X\x07\x1b[2J\u202e\ufffe\x01\x7f"


def _tokens(text, linkify=False):
    md = MarkdownIt("commonmark").enable("table")
    if linkify:
        md = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    out = []
    for token in md.parse(text):
        out.append(token)
        out += token.children or []
    return out


def _types(text, linkify=False):
    return [t.type for t in _tokens(text, linkify)]


def _no_raw_controls(text):
    assert not [ch for ch in text if ch not in "\n" and (ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0)], repr(text)
    assert not set(text) & {"\u2028", "\u2029", "\u202e", "\ufffe"}, repr(text)


@pytest.mark.parametrize("brk", BREAKS)
def test_no_line_break_of_any_kind_leaves_the_text(brk):
    for in_table in (False, True):
        text = md_text(f"eve{brk}# Forged{brk}<img src=x onerror=alert(1)>{brk}[x](javascript:alert(1))",
                       in_table)
        assert "\n" not in text and "\r" not in text
        _no_raw_controls(text)
        assert _types("para " + text) == ["paragraph_open", "inline", "text", "paragraph_close"]


def _toml(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text('[[problem]]\nid = "p\\n# Forged heading\\r<b>x</b>"\nexpression = "x**2"\nat = "x=1"\n'
                    '[[problem.answer]]\nstudent = "eve\\r## Forged\\u001b]0;X\\u0007\\u202e\\ufffe\\n| a | b |"\n'
                    'claims = ["df/dx = 3"]\n', encoding="utf-8")
    return path


def test_the_class_report_forges_no_heading_row_or_tag_and_writes_no_control(tmp_path):
    out = tmp_path / "r.md"
    assert run("check", "--file", str(_toml(tmp_path)), "--format", "markdown", "-o", str(out)).exit_code == 1
    text = out.read_bytes().decode("utf-8")
    _no_raw_controls(text)
    tokens = _tokens(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert len(headings) == 3 and headings[0].startswith("Class report") and headings[2] == "Students"
    assert "Forged heading" in headings[1]
    assert not {"html_inline", "html_block", "link_open"} & {t.type for t in tokens}
    students = text[text.index("## Students"):]
    body = [t for t in _tokens(students) if t.type == "tr_open"]
    assert len(body) == 2                                       # the header and eve's one row


def test_a_code_file_name_in_the_title_is_text(tmp_path):
    name = "h<img src=x onerror=alert(1)>[x](javascript:alert(1))$x$\n# Forged www.evil.com\r\x1b[2J.py"
    path = tmp_path / name
    path.write_text((EXAMPLES / "code" / "seed_neuron.py").read_text(encoding="utf-8"), encoding="utf-8")
    text = run("check", "--code", str(path), "--format", "markdown").stdout
    tokens = _tokens(text, linkify=_has_linkify())
    kinds = {t.type for t in tokens}
    assert not {"html_inline", "html_block", "link_open"} & kinds, text
    title = tokens[1].content
    assert tokens[0].type == "heading_open" and "Forged" in title and "onerror" in title
    assert sum(t.type == "heading_open" and t.tag == "h1" for t in tokens) == 1
    assert "$x$" not in text and "www." not in text
    _no_raw_controls(text)


def _has_linkify():
    try:
        import linkify_it  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.parametrize("claim", ["see https://evil.example/login", "see HTTP://evil.com/x",
                                   "www.evil.com/login", "(www.evil.com)", "mail eve@evil.com",
                                   "mailto:eve@evil.com", "ftp://evil.com"])
def test_a_bare_url_in_a_claim_comment_is_no_link(claim):
    text = run("check", "x*y", "--at", "x=1,y=2", "--claim", f"df/dx = 2 # {claim}",
               "--format", "markdown").stdout
    assert "://" not in text and "www." not in text.lower() and "@evil" not in text
    if _has_linkify():
        assert "link_open" not in _types(text, linkify=True)
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    assert claim in html.unescape(rendered)                     # the page shows it as written


def test_linkify_breaking_keeps_ordinary_text():
    assert md_text("x@y = A @ B, www") == "x&#64;y = A @ B, www"
    assert md_text("awww.x") == "awww.x"
