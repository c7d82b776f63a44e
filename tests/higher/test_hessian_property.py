"""Property: the graph's Hessian (forward-over-reverse) equals SymPy's second derivatives of the same random
expression built directly in SymPy (tests/core/test_properties.py's strategy), at random points."""
import re

import pytest
import sympy
from hypothesis import HealthCheck, given, settings

from symgraph.higher.hessian import hessian
from tests.core.test_properties import COORD, EXPRESSIONS


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS, COORD, COORD, COORD)
def test_hessian_equals_sympy_on_random_expressions(pair, x, y, z):
    text, reference = pair
    values = {"x": x, "y": y, "z": z}
    mentioned = [n for n in "xyz" if re.search(rf"\b{n}\b", text)]
    report = hessian(text, ",".join(f"{n}={values[n]!r}" for n in mentioned), check="none", trace=False)
    if report.warnings:                 # a kink (abs or relu at exactly 0): conventions apply
        return
    exact = {sympy.Symbol(n, real=True): sympy.Rational(repr(values[n])) for n in "xyz"}
    for a in mentioned:
        for b in mentioned:
            d = sympy.diff(reference, sympy.Symbol(a, real=True), sympy.Symbol(b, real=True))
            if d.has(sympy.Derivative):     # SymPy left a derivative unevaluated (Abs of a log): no reference
                continue
            expected = float(sympy.N(d.xreplace(exact).replace(sympy.DiracDelta, lambda *args: 0), 30))
            assert report.hessian[a][b] == pytest.approx(expected, rel=1e-7, abs=1e-8), (text, a, b)
