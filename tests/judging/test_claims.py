"""Claims are read with the safe parser: shapes, validation, unknown names, and the right-hand side."""
import pytest
import sympy

from symgraph.judging.claims import claimed_expr, parse_claim, resolve
from symgraph.errors import LimitError, ParseError, SymgraphError
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.judging.truth import Truth

SEED = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
x1, x2 = sympy.symbols("x1 x2", real=True)


def graph(source=SEED):
    return lower(parse(source))


@pytest.mark.parametrize("text, out, wrt, partial", [
    ("df/dx1 = -6", "f", "x1", False),
    ("d f / d x1 = -6", "f", "x1", False),
    ("dg1/dx1=2", "g1", "x1", False),
    ("∂g2/∂x1 = x2", "g2", "x1", True),
    ("ddx/dx = 1", "dx", "x", False),
])
def test_shapes(text, out, wrt, partial):
    c = parse_claim(text)
    assert (c.out, c.wrt, c.partial) == (out, wrt, partial)


def test_numeric_and_symbolic_and_decimals():
    assert parse_claim("df/dx = -0.20").numeric
    assert parse_claim("df/dx = pi/4").numeric
    assert not parse_claim("df/dx = cos(2*x)").numeric
    assert parse_claim("df/dx = -0.20").decimal_literal == "0.20"
    assert parse_claim("df/dx = -6").decimal_literal is None
    assert parse_claim("df/dx = 1/3").decimal_literal is None


@pytest.mark.parametrize("text, fragment, column", [
    ("df/dx 3", "no '='", None),
    ("df/dx == 3", "single '='", 6),
    ("df/dx =  ", "no right-hand side", 6),
    ("f/dx = 1", "expected d<name>", 0),
    ("df dx = 1", "expected '/'", 3),
    ("df/dx = 2*", "expected a number", 10),
    ("df/dlambda = 1", "keyword", 4),
    ("df/dpi = 1", "constant", 4),
    ("df/dsin = 1", "function", 4),
    ("df/dx = __import__(1)", "unknown function", 8),
    ("df/dx = x.real", "attribute", 9),
])
def test_malformed_claims_point_into_the_claim(text, fragment, column):
    with pytest.raises(ParseError) as info:
        parse_claim(text)
    assert fragment in info.value.message
    if column is not None:
        assert info.value.source == text and info.value.column == column


@pytest.mark.parametrize("text, name", [
    ("df/dz = 1", "'z'"), ("dq/dx1 = 1", "'q'"), ("df/dx1 = 2*y", "'y'"), ("dx1/dx2 = 0", "'x1' is an input"),
])
def test_unknown_names_are_named(text, name):
    with pytest.raises(ParseError) as info:
        resolve(parse_claim(text), graph())
    assert name in info.value.message
    assert "g1, g2, f" in info.value.message     # and the names that do exist are listed


def test_resolve_gives_node_ids_of_steps_and_inputs():
    g = graph()
    out, wrt = resolve(parse_claim("df/dg2 = -4"), g)
    assert g.nodes[out].name == "f" and g.nodes[wrt].name == "g2"


def test_a_step_name_on_the_right_means_its_expression():
    g = graph()
    c = parse_claim("df/dx1 = 2 - 4*g2/x1")
    resolve(c, g)
    assert sympy.simplify(claimed_expr(c, g, Truth(g).full) - (2 - 4 * x2)) == 0


def test_constants_in_the_rhs_are_exact():
    g = graph("f = sin(x)")
    c = parse_claim("df/dx = sqrt(2)/2")
    assert claimed_expr(c, g, []) == sympy.sqrt(2) / 2


def test_huge_constant_in_a_claim_is_refused_not_computed():
    g = graph("f = x")
    c = parse_claim("df/dx = 10**10**10")
    with pytest.raises(LimitError):
        claimed_expr(c, g, [])


def test_errors_are_symgraph_errors():
    with pytest.raises(SymgraphError):
        parse_claim("")
