"""The property test (forward mode == reverse mode == SymPy on random expressions at random points) with the
new primitives in the random expressions too. Same test body as tests/core/test_properties.py."""
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_properties import BINARY, COORD, LEAVES, UNARY
from tests.core.test_properties import test_forward_equals_reverse_equals_sympy as _base

# (text template, SymPy builder), applied so that every value stays inside the domain.
NEW_UNARY = [
    ("erf({})", sympy.erf), ("asinh({})", sympy.asinh), ("sign({})", sympy.sign),
    ("sec(tanh({}))", lambda a: sympy.sec(sympy.tanh(a))),
    ("csc(1 + tanh({})**2)", lambda a: sympy.csc(1 + sympy.tanh(a) ** 2)),
    ("cot(1 + tanh({})**2)", lambda a: sympy.cot(1 + sympy.tanh(a) ** 2)),
    ("acosh(2 + ({})**2)", lambda a: sympy.acosh(2 + a ** 2)),
    ("atanh(tanh({})/2)", lambda a: sympy.atanh(sympy.tanh(a) / 2)),
    ("leaky_relu({}, 0.2)", lambda a: sympy.Piecewise((a, a > 0), (a / 5, True))),
    ("leaky_relu({})", lambda a: sympy.Piecewise((a, a > 0), (a / 100, True))),
    ("log(2 + sin({}), 2)", lambda a: sympy.log(2 + sympy.sin(a)) / sympy.log(2)),
    ("ln(2 + cos({}))", lambda a: sympy.log(2 + sympy.cos(a))),
    ("log10(2 + cos({}))", lambda a: sympy.log(2 + sympy.cos(a)) / sympy.log(10)),
]
NEW_BINARY = [
    ("max({}, {})", sympy.Max), ("min({}, {})", sympy.Min),
    ("atan2({}, 1 + ({})**2)", lambda a, b: sympy.atan2(a, 1 + b ** 2)),
    ("hypot({}, {})", lambda a, b: sympy.sqrt(a ** 2 + b ** 2)),
    ("pow(1 + ({})**2, {})", lambda a, b: (1 + a ** 2) ** b),
]


def _extend(children):
    unary = st.tuples(st.sampled_from(UNARY + NEW_UNARY), children).map(
        lambda t: (t[0][0].format(t[1][0]), t[0][1](t[1][1])))
    binary = st.tuples(st.sampled_from(BINARY + NEW_BINARY), children, children).map(
        lambda t: (t[0][0].format(t[1][0], t[2][0]), t[0][1](t[1][1], t[2][1])))
    return unary | binary


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(st.sampled_from(LEAVES), _extend, max_leaves=8), COORD, COORD, COORD)
def test_forward_equals_reverse_equals_sympy_with_the_new_primitives(pair, x, y, z):
    _base.hypothesis.inner_test(pair, x, y, z)
