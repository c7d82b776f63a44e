"""Where a statement is in check --code's source (code/source_lines.py): each node's code is the same as
Python's own ``ast.get_source_segment`` (the independent reference) on sources with non-ASCII names and
strings (é, 𝑥, emoji: ast counts columns in UTF-8 bytes), multi-line expressions, every line break Python
knows (\\n, \\r\\n, \\r) and characters ``str.splitlines`` wrongly takes for one (form feed, U+2028, U+0085
in a comment). And a 4.8 MB comment line, which took ast.get_source_segment minutes, is judged."""
import ast

from hypothesis import given, settings, strategies as st

from symgraph.code.check import check_code
from symgraph.code.safety import offset
from symgraph.code.source_lines import SourceLines
from symgraph.errors import SymgraphError

ATOMS = ["x", "é", "𝑥", "ϕ2", "'😀'", "'a\\u00e9'", "1.5", "np.exp(x)", "[1, 2]", "'\U0001f9ea é'", "(é)"]
BREAKS = ["\n", "\r\n", "\r"]
COMMENT = st.text(st.sampled_from("ab é😀𝑥\x0c\u2028\u0085\x1c\v"), max_size=12)


@st.composite
def expressions(draw, depth=3):
    if depth == 0 or draw(st.booleans()):
        return draw(st.sampled_from(ATOMS))
    a, b = draw(expressions(depth - 1)), draw(expressions(depth - 1))
    brk = draw(st.sampled_from(BREAKS))
    return draw(st.sampled_from([f"{a} + {b}", f"f({a}, {b})", f"({brk}  {a} *{brk}  {b}{brk})",
                                 f"[{a},{brk} {b}]", f"{a}[{b}]"]))


@st.composite
def sources(draw):
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(["x", "dé", "d𝑥", "grad_ϕ"]))
        stmt = draw(st.sampled_from([f"{name} = {{}}", f"{name} += {{}}", "f({})", "{}"]))
        line = stmt.format(draw(expressions()))
        if draw(st.booleans()):
            line += "  # " + draw(COMMENT)
        lines.append(line)
        if draw(st.booleans()):
            lines.append("# " + draw(COMMENT))
    return draw(st.sampled_from(BREAKS)).join(lines) + draw(st.sampled_from(["", "\n"]))


def _same_as_python(source: str) -> int:
    tree = ast.parse(source)
    lines = SourceLines(source)
    nodes = [n for n in ast.walk(tree) if hasattr(n, "end_col_offset")]
    for node in nodes:
        assert lines.segment(node) == ast.get_source_segment(source, node), (source, ast.dump(node))
    return len(nodes)


@settings(max_examples=300, deadline=None)
@given(sources())
def test_every_nodes_code_is_pythons_own_segment(source):
    _same_as_python(source)


def test_a_hand_written_corpus():
    corpus = [
        "x = 1\n",
        "é = 'é'; 𝑥 = é + 1  # 😀 é\n",
        "dx = np.exp(\n    x *\r\n    '😀'\r)  # a\x0c b\u2028 c\x85 d\ny = [é,\n 𝑥]\n",
        "s = '''a\né😀\n'''; t = s\n",
        "a = (1 +\r\n     2)\r\nb = 'ϕ'",
    ]
    assert sum(_same_as_python(s) for s in corpus) > 30


def test_a_node_without_positions_has_no_segment():
    assert SourceLines("x = 1\n").segment(ast.Name("x")) is None


def test_the_lines_are_pythons_lines_and_offsets_count_characters():
    source = "é = 1  # a\x0c b\u2028 c\r\n𝑥 = 'é'\rdx = 2\n"
    tree = ast.parse(source)
    assert [n.lineno for n in tree.body] == [1, 2, 3]                      # Python's own numbering
    assert SourceLines(source).lines()[:3] == ["é = 1  # a\x0c b\u2028 c", "𝑥 = 'é'", "dx = 2"]
    value = tree.body[1].value              # 'é' starts at byte 7 of line 2 (𝑥 is 4 bytes), character 4
    assert value.col_offset == 7 and source[offset(source, value):].startswith("'é'")


CODE = "import numpy as np\nx = [1.0, 2.0]\n{}\nf = x[0]\ndx = [1, 0]{}\n"


def test_a_statement_that_does_not_run_shows_its_own_line_after_a_form_feed():
    """The line of a gradient that did not run comes from the source's lines: numbered as Python does,
    not as str.splitlines (which counted the form feed and U+2028 as breaks: it showed 'x = [1.0, 2.0]')."""
    report = check_code(CODE.format("# a\x0c b \u2028 c", " + q")).to_dict()
    assert [(r["line"], r["code"]) for r in report["lines"]] == [(5, "dx = [1, 0] + q")]


def test_a_refusal_points_at_its_own_line_after_a_form_feed():
    source = "import numpy as np\n# a\x0c b\nimport os\n"
    try:
        check_code(source)
    except SymgraphError as exc:
        assert exc.column == source.index("import os")         # line 3, column 1 (was line 2, column 5)
    else:
        raise AssertionError("import os was accepted")


def test_a_4_8_mb_comment_line_and_a_long_code_line_are_judged():
    for filler, tail in (("# " + "y" * 4_800_000, ""), ("# " + "é😀" * 1_000_000, ""), ("", " " * 400_000)):
        report = check_code(CODE.format(filler, tail)).to_dict()
        assert [(r["line"], r["code"], r["ok"]) for r in report["lines"]] == [(5, "dx = [1, 0]", True)]
