"""The parser: precedence as in Python, statements, spans, and refusals with a column."""
import pytest

from symgraph.errors import ParseError
from symgraph.core.parser import parse, parse_expression


def shape(node):
    """A compact s-expression of the tree, written by hand in the expectations below."""
    if node.kind in ("num", "name"):
        return node.text
    return "(" + " ".join([node.text] + [shape(a) for a in node.args]) + ")"


@pytest.mark.parametrize("text, expected", [
    ("-x**2", "(- (** x 2))"),              # unary minus binds looser than power, as in Python
    ("2**-x", "(** 2 (- x))"),
    ("a^b^c", "(** a (** b c))"),          # ^ is power and right-associative
    ("a-b-c", "(- (- a b) c)"),            # left-associative, kept as written
    ("a/b*c", "(* (/ a b) c)"),
    ("(2*x1+3*x2)-4*x1*x2", "(- (+ (* 2 x1) (* 3 x2)) (* (* 4 x1) x2))"),
    ("sin(x)*cos(x)", "(* (sin x) (cos x))"),
    ("+x", "x"),
    ("1e-3*x + .5", "(+ (* 1e-3 x) .5)"),
])
def test_precedence_and_associativity(text, expected):
    assert shape(parse_expression(text)) == expected


def test_statements_names_and_output():
    program = parse("g1 = 2*x1 + 3*x2; g2 = x1*x2\nf = g1 - 4*g2")
    assert [st.name for st in program.statements] == ["g1", "g2", "f"]
    assert program.output == "f"
    assert parse("a = x*y; a + 1").output == "f"          # an unnamed last statement is f
    assert parse("loss = (y - 3)**2").output == "loss"


def test_spans_include_parentheses():
    src = "(2*x1+3*x2)-4*x1*x2"
    node = parse(src).statements[0].expr
    assert src[node.start:node.end] == src
    assert src[node.args[0].start:node.args[0].end] == "(2*x1+3*x2)"


def test_newlines_inside_parentheses_continue_the_statement():
    program = parse("f = (x +\n y)")
    assert len(program.statements) == 1


def test_deep_nesting_does_not_recurse():
    depth = 5000
    node = parse_expression("(" * depth + "x" + ")" * depth)
    assert node.kind == "name"


@pytest.mark.parametrize("text, column, fragment", [
    ("sine(x)", 0, "unknown function 'sine'"),
    ("x + * y", 4, "expected a number"),
    ("sin(x, y)", 0, "takes 1 argument, got 2"),
    ("(x + y", 0, "never closed"),
    ("x + y)", 5, "unmatched"),
    ("f = g + 1; g = x", 4, "used before it is assigned"),
    ("a = x; a = y", 7, "assigned twice"),
    ("x 2", 2, "expected an operator"),
    ("pi = 3", 0, "constant"),
])
def test_errors_name_what_and_where(text, column, fragment):
    with pytest.raises(ParseError) as info:
        parse(text)
    assert fragment in info.value.message
    assert info.value.column == column
    rendered = info.value.render().splitlines()
    assert rendered[-1].strip() == "^" or rendered[-2].strip() == "^" or "hint" in rendered[-1]


def test_unknown_function_suggests_nearest():
    with pytest.raises(ParseError) as info:
        parse("sine(x)")
    assert "sin" in info.value.hint


def test_errors_in_a_multi_line_program_name_the_line():
    with pytest.raises(ParseError) as info:
        parse("g1 = 2*x1 + 3*x2\ng2 = x1*x2\nf = g1 - 4*sine(g2)")
    first = info.value.render().splitlines()[0]
    assert "(line 3, column 12)" in first


@pytest.mark.parametrize("text, fragment", [
    ("0x10*x", "hexadecimal"), ("1_000*x", "digit separators"),
])
def test_a_number_running_into_letters_gets_a_fitting_hint(text, fragment):
    with pytest.raises(ParseError, match=fragment):
        parse(text)
