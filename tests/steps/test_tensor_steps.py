"""steps on tensor programs: matrixcalculus.org's documented examples, derived rule by rule in denominator
layout. The final forms are checked here independently: the expected closed form written in NumPy by hand,
against central differences of the forward function (also written here), at random prime shapes."""
import json

import numpy as np
import pytest

from symgraph.tensor.derive import derive
from tests.helpers import refused, run

PRIMES = [3, 5, 7, 11, 13]


def _fd(f, x, h=1e-6):
    g = np.zeros_like(x)
    for k in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[k] = h
        g[k] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _shapes(rng):
    n, m = rng.choice(PRIMES, 2, replace=False)
    return int(n), int(m)


CASES = [
    # program, shapes(n, m), wrt, the form steps must show, the closed form in NumPy, the function in NumPy
    ("x.T @ A @ x", lambda n, m: {"x": (n,), "A": (n, n)}, "x", "(A + A.T) @ x",
     lambda p: (p["A"] + p["A"].T) @ p["x"], lambda p, x: x @ p["A"] @ x),
    ("a.T @ x", lambda n, m: {"a": (n,), "x": (n,)}, "x", "a", lambda p: p["a"], lambda p, x: p["a"] @ x),
    ("dot(x, x)", lambda n, m: {"x": (n,)}, "x", "2 * x", lambda p: 2 * p["x"], lambda p, x: x @ x),
    ("norm(x)**2", lambda n, m: {"x": (n,)}, "x", "2 * x", lambda p: 2 * p["x"], lambda p, x: np.sum(x * x)),
    ("w.T @ X.T @ X @ w", lambda n, m: {"w": (m,), "X": (n, m)}, "w", "2 * X.T @ X @ w",
     lambda p: 2 * p["X"].T @ (p["X"] @ p["w"]), lambda p, w: w @ p["X"].T @ p["X"] @ w),
    ("sum((X @ w - y)**2)", lambda n, m: {"w": (m,), "X": (n, m), "y": (n,)}, "w", "2 * X.T @ (X @ w - y)",
     lambda p: 2 * p["X"].T @ (p["X"] @ p["w"] - p["y"]), lambda p, w: np.sum((p["X"] @ w - p["y"]) ** 2)),
    ("x.T @ A @ x", lambda n, m: {"x": (n,), "A": (n, n)}, "A", "outer(x, x)",
     lambda p: np.outer(p["x"], p["x"]), lambda p, A: p["x"] @ A @ p["x"]),
]


@pytest.mark.parametrize("program,shapes,wrt,form,closed,fn", CASES, ids=[f"{c[0]} wrt {c[2]}" for c in CASES])
@pytest.mark.parametrize("seed", [0, 1])
def test_matrixcalculus_examples_at_random_prime_shapes(program, shapes, wrt, form, closed, fn, seed):
    rng = np.random.default_rng(seed)
    sizes = shapes(*_shapes(rng))
    point = {k: rng.standard_normal(s) for k, s in sizes.items()}
    report = derive(program, sizes, [wrt], point)
    (g,) = report.gradients
    assert g.form == form and g.closed and report.ok
    assert "denominator layout" in report.layout and g.shape == sizes[wrt]
    expected = closed(point)                                        # the closed form, in NumPy, by hand
    fd = _fd(lambda v: fn(point, v), point[wrt])                    # the function, in NumPy, by hand
    np.testing.assert_allclose(expected, fd, rtol=1e-6, atol=1e-6)
    assert {c[0] for c in g.checks} == {"final form vs reverse mode", "final form vs finite differences"}


def test_every_step_names_a_row_rule_and_its_matrix_rule():
    report = derive("x.T @ A @ x", {"x": (3,), "A": (3, 3)}, ["x"])
    assert [s.matrix_rule for s in report.steps] == ["d(A B) = dA B + A dB", "d(A B) = dA B + A dB",
                                                     "d(Aᵀ) = (dA)ᵀ"]
    assert report.steps[-1].rules == ["adj(x) += adj(v1).T"]


def test_a_rule_without_a_form_is_shown_and_not_verified():
    report = derive("sum(relu(X @ w))", {"X": (5, 3), "w": (3,)}, ["w"])
    (g,) = report.gradients
    assert not g.closed and not g.checks and "(v2 > 0)" in g.form


def test_cli_plain_and_json():
    r = run("steps", "x.T @ A @ x", "--shapes", "x=3,A=3x3", "--wrt", "x")
    code, out = r.exit_code, r.output
    assert code == 0 and "df/dx [3] = (A + A.T) @ x" in out and "denominator layout" in out
    r = run("steps", "sum((X @ w - y)**2)", "--at", "X=[[1,2],[3,4],[5,6]], w=[1,-1], y=[0,1,2]",
            "--wrt", "w", "--format", "json")
    code, data = r.exit_code, json.loads(r.output)
    assert code == 0 and data["schema"] == "symgraph.tensor-steps/1"
    assert data["gradients"][0]["form"] == "2 * X.T @ (X @ w - y)" and data["ok"]
    assert data["values"] == "the point (--at)"


def test_cli_bad_shapes_is_bad_input():
    (first, *_) = refused("steps", "x.T @ A @ x", "--shapes", "x=3,A=4x4")
    assert "the inner sizes 3 and 4 differ" in first


def test_every_corpus_program_derives_and_no_shown_form_disagrees():
    """Every tensor corpus program (tests/tensor/corpus.txt): each gradient's form is either closed and agrees
    with reverse mode and finite differences, or is marked not verified (a rule without a form); never wrong."""
    from tests.tensor.oracle import corpus, random_point

    closed = 0
    for shapes, program, kind in corpus():
        point = random_point(shapes, np.random.default_rng(3), kind)
        report = derive(program, shapes, None, point)
        for g in report.gradients:
            assert g.ok, (program, g.name, g.form, g.checks)
            closed += g.closed
            assert g.closed == bool(g.checks)
    assert closed >= 20
