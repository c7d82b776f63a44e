"""An independent implementation agrees: JAX's ``hessian`` and ``jacfwd`` against symgraph's Hessian
(forward-over-reverse on the graph) and Jacobian (several outputs), on textbook functions and on random
programs generated here.

JAX is optional (a large download): ``pip install jax jaxlib`` to run this file; without it the tests skip
and say so. Each program is built twice from one tree: as symgraph text and as a JAX function (test code,
never user text).
"""
import math
import random

import pytest

jax = pytest.importorskip("jax", reason="jax is not installed (optional): pip install jax jaxlib to compare "
                                        "against JAX's hessian and jacfwd")
jax.config.update("jax_enable_x64", True)
jnp = jax.numpy

from symgraph.higher.hessian import hessian  # noqa: E402
from symgraph.higher.jacobian import jacobian  # noqa: E402

UNARY = {"sin": jnp.sin, "cos": jnp.cos, "tanh": jnp.tanh, "exp": jnp.exp, "atan": jnp.arctan,
         "sigmoid": jax.nn.sigmoid, "softplus": jax.nn.softplus}
SAFE = {   # (symgraph text of u, JAX of u): always inside the domain
    "log1p2": ("log(1 + ({0})^2)", lambda u: jnp.log(1 + u ** 2)),
    "sqrt1p2": ("sqrt(1 + ({0})^2)", lambda u: jnp.sqrt(1 + u ** 2)),
    "recip": ("1/(2 + ({0})^2)", lambda u: 1 / (2 + u ** 2)),
}


def random_tree(rng, names, depth):
    if depth == 0 or rng.random() < 0.2:
        return ("var", rng.choice(names)) if rng.random() < 0.8 else ("num", rng.choice([0.5, 2.0, -1.5, 3.0]))
    kind = rng.choice(["add", "sub", "mul", "mul", "unary", "safe", "pow"])
    if kind in ("add", "sub", "mul"):
        return (kind, random_tree(rng, names, depth - 1), random_tree(rng, names, depth - 1))
    if kind == "pow":
        return ("pow", random_tree(rng, names, depth - 1), rng.choice([2, 3]))
    table = UNARY if kind == "unary" else SAFE
    return (kind, rng.choice(sorted(table)), random_tree(rng, names, depth - 1))


def text(t):
    k = t[0]
    if k == "var":
        return t[1]
    if k == "num":
        return f"({t[1]})"
    if k in ("add", "sub", "mul"):
        return f"({text(t[1])} {'+-*'[['add', 'sub', 'mul'].index(k)]} {text(t[2])})"
    if k == "pow":
        return f"({text(t[1])})^{t[2]}"
    if k == "unary":
        return f"{t[1]}({text(t[2])})"
    return SAFE[t[1]][0].format(text(t[2]))


def jaxfn(t, env):
    k = t[0]
    if k == "var":
        return env[t[1]]
    if k == "num":
        return t[1]
    if k == "add":
        return jaxfn(t[1], env) + jaxfn(t[2], env)
    if k == "sub":
        return jaxfn(t[1], env) - jaxfn(t[2], env)
    if k == "mul":
        return jaxfn(t[1], env) * jaxfn(t[2], env)
    if k == "pow":
        return jaxfn(t[1], env) ** t[2]
    if k == "unary":
        return UNARY[t[1]](jaxfn(t[2], env))
    return SAFE[t[1]][1](jaxfn(t[2], env))


def _variables(t) -> set:
    if t[0] == "var":
        return {t[1]}
    return set().union(*[_variables(a) for a in t[1:] if isinstance(a, tuple)])


def _close(a, b, tol=1e-9):
    return abs(a - b) <= tol * (1 + abs(b))


def _agree_hessian(report, f, names, values):
    ref = jax.hessian(f)(jnp.array(values))
    for i, a in enumerate(names):
        for j, b in enumerate(names):
            assert _close(report.hessian[a][b], float(ref[i][j])), (a, b, report.hessian[a][b], float(ref[i][j]))


TEXTBOOK = [
    # Rosenbrock at its minimum, Himmelblau at a minimum, a saddle, Booth's function
    ("(1 - x)^2 + 100*(y - x^2)^2", lambda v: (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2, [1.0, 1.0], "minimum"),
    ("(x^2 + y - 11)^2 + (x + y^2 - 7)^2", lambda v: (v[0] ** 2 + v[1] - 11) ** 2 + (v[0] + v[1] ** 2 - 7) ** 2,
     [3.0, 2.0], "minimum"),
    ("x*y*exp(-(x^2 + y^2)/2)", lambda v: v[0] * v[1] * jnp.exp(-(v[0] ** 2 + v[1] ** 2) / 2), [0.0, 0.0], "saddle"),
    ("(x + 2*y - 7)^2 + (2*x + y - 5)^2", lambda v: (v[0] + 2 * v[1] - 7) ** 2 + (2 * v[0] + v[1] - 5) ** 2,
     [1.0, 3.0], "minimum"),
]


@pytest.mark.parametrize("src,f,point,verdict", TEXTBOOK)
def test_textbook_hessians_agree_with_jax(src, f, point, verdict):
    report = hessian(src, {"x": point[0], "y": point[1]}, trace=False)
    _agree_hessian(report, f, ["x", "y"], point)
    assert report.critical_point["verdict"] == verdict and report.ok


@pytest.mark.parametrize("seed", range(10))
def test_random_programs_hessian_agrees_with_jax(seed):
    rng = random.Random(1000 + seed)
    names = ["a", "b", "c"][: rng.randint(1, 3)]
    tree = random_tree(rng, names, 4)
    values = [round(rng.uniform(-1.5, 1.5), 3) for _ in names]
    src = text(tree)
    used = _variables(tree)
    if not used:
        pytest.skip("the random tree has no variable")
    values = [v for n, v in zip(names, values) if n in used]
    names = [n for n in names if n in used]
    report = hessian(src, dict(zip(names, values)), trace=False)
    _agree_hessian(report, lambda v: jaxfn(tree, dict(zip(names, v))), names, values)
    assert report.ok is not False


@pytest.mark.parametrize("seed", range(6))
def test_random_jacobians_agree_with_jacfwd(seed):
    rng = random.Random(2000 + seed)
    names = ["a", "b", "c"]
    trees = [random_tree(rng, names, 3) for _ in range(3)]
    src = "; ".join(f"y{k} = {text(t)} + 0*a + 0*b + 0*c" for k, t in enumerate(trees)) + "; return y0, y1, y2"
    values = [round(rng.uniform(-1.5, 1.5), 3) for _ in names]
    report = jacobian(src, dict(zip(names, values)), trace=False)
    ref = jax.jacfwd(lambda v: jnp.stack([jnp.asarray(jaxfn(t, dict(zip(names, v))), dtype=float) for t in trees]))(
        jnp.array(values))
    for k in range(3):
        for i, x in enumerate(names):
            assert _close(report.jacobian[f"y{k}"][x], float(ref[k][i]))
    assert report.ok is not False and not math.isnan(report.values["y0"])
