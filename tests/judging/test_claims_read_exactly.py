"""Claims are read exactly or refused, in every notation (issue 22 item 8): the order over the fraction must
equal the sum of the powers under it (one kind of d throughout, every power at least 1); a mismatch is one
``error:`` line saying what was read, with a caret, exit 2. What reads is judged against SymPy's diff of
the same function, written independently here."""
import pytest
import sympy
from hypothesis import given, settings, strategies as st

import symgraph
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.errors import ParseError, SymgraphError
from symgraph.judging.claims import Claim, parse_claim, resolve
from symgraph.judging.second import SecondClaim, parse_second
from tests.helpers import caret_column, refused

SOURCE = "x*y*z + x**3*y"
AT = "x=1,y=2,z=3"
x, y, z = sympy.symbols("x y z")
F = x * y * z + x**3 * y
POINT = {x: 1, y: 2, z: 3}

READ = [      # (left side, the variables SymPy differentiates in)
    ("d^2f/dx^2", "xx"), ("d2f/dx2", "xx"), ("d²f/dx²", "xx"), ("∂²f/∂x²", "xx"), ("∂^2f/∂x^2", "xx"),
    ("d^2 f / d x^2", "xx"), ("d^2f/d^2x", "xx"), ("∂²f/∂x∂x", "xx"), ("d^2f/dy^2", "yy"),
    (r"\frac{d^2 f}{dx^2}", "xx"), (r"\frac{d^{2} f}{dx^{2}}", "xx"), (r"\frac{\mathrm{d}^2 f}{\mathrm{d}x^2}", "xx"),
    (r"\frac{\partial^2 f}{\partial x^2}", "xx"), (r"\frac{d^2}{dx^2} f", "xx"), ("d^2/dx^2(f)", "xx"),
    ("f''(x)", "xx"), ("f′′(x)", "xx"), (r"f^{\prime\prime}(x)", "xx"), ("f_xx", "xx"),
    ("∂²f/∂x∂y", "xy"), ("∂²f/∂y∂x", "yx"), ("∂²f/∂x ∂y", "xy"), ("d^2f/dxdy", "xy"), ("d^2f/dx dy", "xy"),
    ("d2f/dxdy", "xy"), ("d²f/dx dy", "xy"), ("d^2f/(dx dy)", "xy"), ("d^2 f/dx^1 dy", "xy"), ("∂²f/∂z∂y", "zy"),
    (r"\frac{\partial^2 f}{\partial x \partial y}", "xy"), (r"\frac{\partial^2 f}{\partial x\,\partial y}", "xy"),
    (r"\frac{d^2 f}{d x d y}", "xy"), ("d^2/dx dy f", "xy"), ("f_xy", "xy"),
]

REFUSED = [   # (left side, what the message must say was read)
    ("d^1f/dx^1", ["order 1", "written without the 1s (df/dx"]),
    ("d^2f/dx^3", ["order 2", "1 variable (x³)", "whose power is 3"]),
    ("d²f/dx³", ["order 2", "1 variable (x³)", "whose power is 3"]),
    ("d2f/dx3", ["order 2", "1 variable (x³)", "whose power is 3"]),
    ("d^2f/dx^2dy", ["order 2", "2 variables (x², y)", "add up to 3"]),
    ("d²f/dx²dy", ["order 2", "2 variables (x², y)", "add up to 3"]),
    ("∂²f/∂x² ∂y", ["order 2", "2 variables (x², y)", "add up to 3"]),
    (r"\frac{\partial^2 f}{\partial x^2 \partial y}", ["order 2", "2 variables (x², y)", "add up to 3"]),
    (r"\frac{d^2 f}{dx}", ["order 2", "1 variable (x)", "whose power is 1"]),
    ("d^2f/dx", ["order 2", "1 variable (x)", "whose power is 1"]),
    ("d^2f/dx2", ["order 2", "1 variable (x2)", "whose power is 1"]),       # with ^ the order, x2 is a name
    ("∂²f/∂x∂y∂z", ["order 2", "3 variables (x, y, z)", "add up to 3"]),
    ("d^2f/dx dy dz", ["order 2", "3 variables (x, y, z)", "add up to 3"]),
    ("d2f/dxdydz", ["order 2", "3 variables (x, y, z)", "add up to 3"]),
    (r"\frac{\partial^2 f}{\partial x \partial y \partial z}", ["order 2", "3 variables (x, y, z)"]),
    ("∂f/∂x∂y", ["order 1", "2 variables (x, y)", "add up to 2"]),
    ("df/dx^2", ["order 1", "1 variable (x²)"]),
    (r"\frac{\partial f}{\partial x \partial y}", ["order 1", "2 variables (x, y)"]),
    ("d^3f/dx^3", ["order 3", "1 variable (x³)", "first or second derivatives"]),
    ("∂³f/∂x∂y∂z", ["order 3", "3 variables (x, y, z)", "first or second derivatives"]),
    (r"\frac{\partial^3 f}{\partial x^2 \partial y}", ["order 3", "(x², y)", "first or second derivatives"]),
    ("d^3f/dxdydz", ["order 3", "dxdydz", "first or second derivatives"]),
    ("d^2f/dx^2 dy^0", ["order 2", "(x², y⁰)", "power 0"]),
    (r"\frac{d^2 f}{\partial x \partial y}", ["order 2", "(x, y)", "mixes d and ∂"]),
    ("∂^2f/dx dy", ["mixes d and ∂"]),
    ("f'''(x)", ["3 primes", "order 3", "first or second derivatives"]),
    (r"f^{\prime\prime\prime}(x)", ["3 primes", "order 3"]),
    (r"\frac{d^2}{dx^2}(x^3)", ["cannot read the left side", "as a derivative"]),
    (r"\left.\frac{d^2 f}{dy^2}\right|_{x=5}", ["evaluation bar sets x", "with respect to y"]),
]


def _true(wrts: str) -> sympy.Expr:
    return sympy.diff(F, *[sympy.Symbol(w) for w in wrts])


@pytest.mark.parametrize("lhs, wrts", READ, ids=[r[0] for r in READ])
def test_a_derivative_written_in_any_notation_is_judged_as_what_it_says(lhs, wrts):
    value = _true(wrts).subs(POINT)
    report = symgraph.check(SOURCE, [f"{lhs} = {value}", f"{lhs} = {value + 1}", f"{lhs} = {_true(wrts)}"], AT)
    right, wrong, symbolic = report.verdicts
    assert right.ok and not wrong.ok, (right.lhs, right.note)
    assert symbolic.ok and symbolic.method == ("proved" if _true(wrts).free_symbols else "at the point")
    claim = parse_second(f"{lhs} = 0")
    claim.resolve(lower(parse(SOURCE)))
    assert (claim.wrt, claim.wrt2) == tuple(wrts)


@pytest.mark.parametrize("lhs, said", REFUSED, ids=[r[0] for r in REFUSED])
def test_an_order_that_does_not_match_its_powers_is_refused_saying_what_was_read(lhs, said):
    lines = refused("check", SOURCE, "--at", AT, "--claim", f"{lhs} = 6")
    assert all(part in lines[0] for part in said), lines[0]
    assert "\\\\" not in lines[0]                      # LaTeX shown with single backslashes
    column, echoed = caret_column(lines)
    assert echoed == f"{lhs} = 6" and 0 <= column < len(echoed)
    with pytest.raises(SymgraphError):                  # the library refuses it the same way
        symgraph.check(SOURCE, [f"{lhs} = 6"], AT)


def test_the_caret_points_under_the_fraction():
    column, echoed = caret_column(refused("check", SOURCE, "--claim", "d^2f/dx^3 = 12"))
    assert echoed[column:].startswith("dx^3")
    column, echoed = caret_column(refused("check", SOURCE, "--claim", r"\frac{d^2 f}{dx} = 12"))
    assert echoed[column:].startswith("{dx}")


def test_f_double_prime_of_several_variables_says_it_is_the_second_partial():
    (verdict,) = symgraph.check(SOURCE, ["f''(x) = 12"], AT).verdicts
    assert verdict.ok and "∂²f/∂x²" in verdict.note and "y, z held fixed" in verdict.note
    assert float(_true("xx").subs(POINT)) == 12
    (verdict,) = symgraph.check("x**3", ["f''(x) = 6"], "x=1").verdicts     # one variable: nothing to say
    assert verdict.ok and verdict.note == ""


@pytest.mark.parametrize("source, at, lhs, said", [
    ("x*x2 + x**3", "x=1,x2=2", "d2f/dx2", "reads two ways (x2 or x²)"),      # the name x2, or x squared
    ("x*x2 + x**3", "x=1,x2=2", "d2f/dxdx2", "reads two ways"),
    (SOURCE, AT, "d2f/dq2", "names no input"),
])
def test_a_spelling_the_inputs_cannot_settle_is_refused(source, at, lhs, said):
    lines = refused("check", source, "--at", at, "--claim", f"{lhs} = 1")
    assert said in lines[0], lines[0]


def test_with_a_caret_the_same_spellings_are_exact():
    x1, x2 = sympy.symbols("x x2")
    f = x1 * x2 + x1**3
    for lhs, wrts in (("d^2f/dx^2", (x1, x1)), ("d^2f/dx2^2", (x2, x2)), ("∂²f/∂x∂x2", (x1, x2))):
        truth = sympy.diff(f, *wrts).subs({x1: 1, x2: 2})
        assert symgraph.check("x*x2 + x**3", [f"{lhs} = {truth}"], "x=1,x2=2").verdicts[0].ok, lhs


def test_an_evaluation_bar_is_judged_at_its_own_point():
    truth = sympy.diff(x**3, x, x).subs(x, 5)              # 30, not the value at --at's x = 1
    bar = r"\left.\frac{d^2 f}{dx^2}\right|_{x=5}"
    assert symgraph.check("x**3", [f"{bar} = {truth}"], "x=1").verdicts[0].ok
    assert not symgraph.check("x**3", [f"{bar} = 6"], "x=1").verdicts[0].ok


# the generated property: any order over any list of powers, in any notation, is read exactly or refused
_STYLES = ("bare", "caret", "latex", "unicode")
_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(style: str, p: int) -> str:
    return str(p).translate(_SUPER) if style == "unicode" else ("^{{{}}}" if style == "latex" else "^{}").format(p)


def _written(style: str, order, sign: str, factors: list) -> str:
    latex = style == "latex"
    top = {"d": "d", "∂": "\\partial " if latex else "∂"}
    num = top[sign] + ("" if order is None else (str(order) if style == "bare" else _power(style, order)))
    den = " ".join(top[s].rstrip() + (" " if latex else "") + v + ("" if p is None else _power(style, p))
                   for s, v, p in factors)
    return (f"\\frac{{{num} f}}{{{den}}}" if latex else f"{num}f/{den}") + " = 0"


@settings(max_examples=150, deadline=None)
@given(style=st.sampled_from(_STYLES), order=st.none() | st.integers(0, 4), sign=st.sampled_from("d∂"),
       factors=st.lists(st.tuples(st.sampled_from("d∂"), st.sampled_from("xyz"), st.none() | st.integers(0, 3)),
                        min_size=1, max_size=4))
def test_generated_orders_and_powers_are_read_exactly_or_refused(style, order, sign, factors):
    if style == "bare" and order is None:
        style = "caret"
    text = _written(style, order, sign, factors)
    n = 1 if order is None else order
    powers = [1 if p is None else p for _, _, p in factors]
    wrts = [v for (_, v, _), p in zip(factors, powers) for _ in range(p)]
    well_formed = {s for s, _, _ in factors} == {sign} and min(powers) >= 1 and sum(powers) == n
    graph = lower(parse(SOURCE))
    try:
        claim = parse_second(text) or parse_claim(text)
        claim.resolve(graph) if isinstance(claim, SecondClaim) else resolve(claim, graph)
    except ParseError as exc:
        assert not (well_formed and n == 2), (text, exc.message)          # a second derivative is never refused
        if {s for s, _, _ in factors} == {sign} and min(powers) >= 1 and sum(powers) != n:
            assert f"order {n}" in exc.message, (text, exc.message)             # says what was read
        return
    if isinstance(claim, SecondClaim):                   # read: exactly the generated second derivative
        assert well_formed and n == 2 and [claim.wrt, claim.wrt2] == wrts, text
    else:
        assert isinstance(claim, Claim) and n == 1 and len(factors) == 1 and claim.wrt == factors[0][1], text
