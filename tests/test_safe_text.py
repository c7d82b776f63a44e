"""User text never drives a terminal, a spreadsheet or a Markdown page (issue 22 items 1-3).

The payloads are the advisories' classics: an OSC title change and a screen clear (``ESC ] 0 ; X BEL``,
``ESC [ 2 J``), a C1 CSI (U+009B), a right-to-left override (U+202E), a carriage return, DEL, a line
separator and a non-character. Every output path gets them; stdout and stderr are then read as bytes."""
import csv
import io
import json
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st
from markdown_it import MarkdownIt

from symgraph.cli import main
from symgraph.safe_text import cell, csv_cell, json_text, terminal
from tests.helpers import EXAMPLES

PAYLOAD = "\x1b]0;X\x07\x1b[2J\x9b31m\u202e\r\x7f\u2028\ufffe\x00"


def _unsafe(data: bytes) -> list:
    """The code points a terminal would act on: C0 other than newline and tab, DEL, C1, bidi overrides."""
    text = data.decode("utf-8", errors="replace")
    return [hex(ord(c)) for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
            or unicodedata.category(c) in ("Cf", "Zl", "Zp", "Cs") or c in "\ufffe\uffff"]


def test_terminal_escapes_controls_c1_bidi_separators_and_non_characters_visibly():
    assert terminal(PAYLOAD) == "\\x1b]0;X\\x07\\x1b[2J\\x9b31mU+202E\\x0d\\x7fU+2028U+FFFE\\x00"
    assert terminal("naïve σ(x) ∂f/∂x 🙂\tand\nmore") == "naïve σ(x) ∂f/∂x 🙂\tand\nmore"
    assert terminal("\ud800") == "U+D800"                      # a lone surrogate from undecodable bytes


def test_a_cell_shows_a_newline_as_a_return_symbol():
    assert cell("eve\nforged | row") == "eve⏎forged | row"


def test_json_text_escapes_what_json_dumps_leaves_and_reads_back_the_same():
    data = {"name": PAYLOAD + "\u00ad\u200b\ud800"}
    text = json_text(json.dumps(data, ensure_ascii=False))
    assert not _unsafe(text.encode("utf-8", errors="surrogatepass"))
    assert json.loads(text) == data


# OWASP's CSV injection page: the characters that make a spreadsheet read a cell as a formula.
@pytest.mark.parametrize("value, expected", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("+1+cmd|x", "'+1+cmd|x"), ("-2+3+cmd|x", "'-2+3+cmd|x"),
    ("@SUM(1+1)*cmd|x", "'@SUM(1+1)*cmd|x"), ("\t=1", "'\t=1"), ("\r=1", "'\\x0d=1"),
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("-3", "-3"), ("+1.5e3", "+1.5e3"), ("alice", "alice"), (3, 3), (1.5, 1.5), (True, True),
    # whitespace first (a spreadsheet skips it), and the fullwidth forms NFKC makes plain
    (" =1+1", "' =1+1"), ("\u00a0=HYPERLINK(\"http://x\")", "'\u00a0=HYPERLINK(\"http://x\")"),
    ("\u3000\u2003@SUM(A1)", "'\u3000\u2003@SUM(A1)"), ("\n=1", "'\n=1"), ("\x1c-1+1", "'\\x1c-1+1"),
    ("＝1+1", "'＝1+1"), ("－1+1", "'－1+1"), ("＋cmd|x", "'＋cmd|x"), ("＠SUM(1)", "'＠SUM(1)"),
    ("﹦1", "'﹦1"), ("=\u0338x", "'=\u0338x"),        # NFKC makes '=' + U+0338 into '≠': the raw '=' counts
    (" -3", " -3"), ("－3", "'－3"), ("a =1", "a =1"), ("\u200b=1", "U+200B=1"),   # escaped: no longer '='
])
def test_csv_cells_are_neutralized_as_owasp_recommends(value, expected):
    assert csv_cell(value) == expected


def _formula(text: str) -> bool:
    """What a spreadsheet may read as a formula: after its whitespace, in NFKC, = + - @ first (or tab, CR)."""
    rest = text.lstrip()
    return text.startswith(("\t", "\r")) or any(t.startswith(("=", "+", "-", "@"))
                                                  for t in (rest, unicodedata.normalize("NFKC", rest)))


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(" \t\r\n\u00a0\u3000\u2003\x1c\u200b=+-@＝－＋＠﹦\u0338a1.e"), max_size=6) | st.text())
def test_no_csv_cell_reads_as_a_formula(value):
    out = csv_cell(value)
    number = out.startswith(("+", "-")) and _float(out) and out.strip() == out
    assert out.startswith("'") or number or not _formula(out), (value, out)
    assert out == csv_cell(value) and (out.startswith("'") or out == terminal(value))


def _float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return "_" not in text and text.lstrip("+-")[:1].isdigit() or text.lstrip("+-")[:1] == "."


def _run(args, input=None):
    result = CliRunner().invoke(main, args, input=input)
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output)
    return result


_STUDENT = json.dumps("eve" + PAYLOAD + "\nforged | row")
ANSWERS = f"""
[[problem]]
id = {json.dumps("=HYPERLINK(1)" + PAYLOAD)}
expression = "x**2"
at = "x=1"

[[problem.answer]]
student = {_STUDENT}
claims = ["df/dx = 3"]

[[problem.answer]]
student = "=cmd|' /C calc'!A0"
claims = ["df/dx = 2"]
"""

PATHS = [
    ["grad", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}"],
    ["grad", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "plain"],
    ["grad", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "json"],
    ["grad", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "markdown"],
    ["grad", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "latex"],
    ["grad", "x*y", "--at", "x=1,y=2", "--wrt", "z" + PAYLOAD],
    ["grad", "f = x*y; g = x", "--at", "x=1,y=2", "--outputs", "q" + PAYLOAD],
    ["grad", "x", "extra" + PAYLOAD],
    ["grad", "x", "--no-such" + PAYLOAD],
    ["grad", "x", "--at", "@" + PAYLOAD],
    ["grad", "x*" + PAYLOAD],
    ["check", "x**2", "--at", "x=1", "--claim", f"df/dx = 3 #{PAYLOAD}"],
    ["check", "x**2", "--at", "x=1", "--claim", f"df/dx = 3 #{PAYLOAD}", "--format", "json"],
    ["check", "x**2", "--at", "x=1", "--claim", f"df/dx = 3 #{PAYLOAD}", "--format", "markdown"],
    ["check", "x**2", "--at", "x=1", "--claim", f"df/dx = 3 #{PAYLOAD}", "--format", "latex"],
    ["check", "x**2", "--at", "x=1", "--claim", f"df/d{PAYLOAD} = 3"],
    ["graph", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}"],
    ["graph", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "dot"],
    ["graph", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "mermaid"],
    ["graph", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}", "--format", "svg"],
    ["graph", "f = x*y", "--of", "q" + PAYLOAD],
    ["steps", "x**2", "--at", f"x=1 #{PAYLOAD}"],
    ["hessian", "x*y", "--at", f"x=1,y=2 #{PAYLOAD}"],
    ["hessian", "x*y", "--at", "x=1,y=2", "--of", "q" + PAYLOAD],
]


@pytest.mark.parametrize("args", PATHS, ids=lambda a: " ".join(a[:1] + a[-2:])[:40])
def test_no_control_c1_or_bidi_code_reaches_stdout_or_stderr(args):
    result = _run(args)
    assert not _unsafe(result.stdout_bytes), result.stdout
    assert not _unsafe(result.stderr_bytes), result.stderr


def test_an_answers_file_reaches_the_terminal_and_the_csv_defused(tmp_path):
    path, out = tmp_path / "answers.toml", tmp_path / "grades.csv"
    path.write_text(ANSWERS, encoding="utf-8")
    for fmt in ("rich", "plain", "json"):
        result = _run(["check", "--file", str(path), "--format", fmt, "--csv", str(out)])
        assert not _unsafe(result.stdout_bytes) and not _unsafe(result.stderr_bytes), result.output
        if fmt == "plain":
            assert "eve" in result.stdout and "\nforged" not in result.stdout   # the newline is ⏎, no new row
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [c for row in rows[1:] for c in row]
    assert not any(_formula(c) for c in cells if not c.lstrip("+-")[:1].isdigit()), cells
    assert "'=cmd|' /C calc'!A0" in cells
    assert all(row[rows[0].index("right")].isdigit() for row in rows[1:])     # numeric columns stay numbers


def test_a_markdown_handout_cannot_open_a_tag_or_a_link():
    """Rendered by an independent Markdown parser (markdown-it, CommonMark): no tag, no link, no image."""
    evil = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](http://x/y.png) <b>bold</b> `c` &amp;"
    result = _run(["check", "x**2", "--at", "x=1", "--claim", f"df/dx = 3 #{evil}", "--format", "markdown"])
    html = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<img" not in html and "<a " not in html and "<b>" not in html and "<code>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_a_space_or_a_fullwidth_sign_before_a_formula_is_defused_in_the_csv(tmp_path):
    """Read back with Python's csv module: every such student name starts with ', the points stay numbers."""
    names = [" =1+1", "\u00a0=HYPERLINK(\"http://evil.example\")", "＝1+1", "－1+1", "\u3000@SUM(A1)"]
    path, out = tmp_path / "answers.toml", tmp_path / "grades.csv"
    path.write_text('[[problem]]\nid = "p"\nexpression = "x**2"\nat = "x=1"\n' + "".join(
        f'[[problem.answer]]\nstudent = {json.dumps(n)}\nclaims = ["df/dx = 2"]\n' for n in names), encoding="utf-8")
    _run(["check", "--file", str(path), "--format", "json", "--csv", str(out)])
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["student"] for r in rows] == ["'" + n for n in names]
    assert all(r["points"] == "1" and r["right"] == "1" for r in rows)       # d(x^2)/dx at 1 is 2: right


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF), max_size=40))
def test_json_text_keeps_every_string_and_leaves_nothing_for_the_terminal_sanitizer(text):
    """Any string, through json.dumps (UTF-8, not ASCII) and json_text, reads back identical, and the
    terminal sanitizer finds nothing to change in the document (so JSON on stdout stays exact)."""
    document = json_text(json.dumps({"s": text}, ensure_ascii=False))
    assert json.loads(document)["s"] == text
    assert terminal(document) == document


def test_a_number_after_blanks_stays_a_number_and_a_tab_led_one_is_text():
    assert csv_cell(" -3") == " -3" and csv_cell("\u00a0-3") == "\u00a0-3" and csv_cell("-3") == "-3"
    assert csv_cell("\t-3") == "'\t-3" and csv_cell(" -3+cmd") == "' -3+cmd"
