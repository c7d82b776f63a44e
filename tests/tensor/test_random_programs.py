"""Fresh random tensor programs (hypothesis): the value against NumPy written independently here (not the
table), and the gradient against the scalarized SymPy route and the scalar graph (none of the tensor VJP
rules) to 1e-10, with finite differences and forward mode agreeing within their tolerances."""
import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

import symgraph
from symgraph.tensor.build import input_names

M, N = 2, 3
SHAPES = {"A": (M, N), "B": (M, N), "u": (N,), "v": (M,), "s": ()}
UNARY = {"sin": np.sin, "tanh": np.tanh, "atan": np.arctan, "cos": np.cos,
         "sigmoid": lambda a: 1 / (1 + np.exp(-a)), "softplus": lambda a: np.log1p(np.exp(a))}


def gen(draw, kind: str, depth: int):
    """(text, NumPy function of the point) of an expression of shape kind S (), N (n,), R (m,) or M (m, n)."""
    leaf = {"S": ["s"], "N": ["u"], "R": ["v"], "M": ["A", "B"]}[kind]
    if depth <= 0 or draw(st.integers(0, 4)) == 0:
        name = draw(st.sampled_from(leaf))
        return name, lambda p, name=name: p[name]
    f = draw(st.sampled_from(sorted(UNARY)))
    sub = lambda k: gen(draw, k, depth - 1)  # noqa: E731
    options = {
        "S": ["sum", "mean", "dot", "norm", "lse", "mul", "unary"],
        "N": ["Tmatvec", "vecmat", "sum0", "unary", "mul", "row"],
        "R": ["matvec", "mean1", "col", "unary", "add"],
        "M": ["unary", "bcast", "scale", "outer", "sub", "softmax0"],
    }[kind]
    c = draw(st.sampled_from(options))
    if c == "unary":
        t, g = sub(kind)
        return f"{f}({t})", lambda p: UNARY[f](g(p))
    if kind == "S":
        if c in ("sum", "mean"):
            t, g = sub(draw(st.sampled_from("MN")))
            return f"{c}({t})", lambda p: getattr(np, c)(g(p))
        if c == "dot":
            (t1, g1), (t2, g2) = sub("N"), sub("N")
            return f"dot({t1}, {t2})", lambda p: np.dot(g1(p), g2(p))
        if c == "norm":
            t, g = sub("R")
            return f"norm({t})", lambda p: np.sqrt(np.sum(g(p) ** 2))
        if c == "lse":
            t, g = sub("N")
            return f"logsumexp({t})", lambda p: np.log(np.sum(np.exp(g(p))))
        (t1, g1), (t2, g2) = sub("S"), sub("S")
        return f"({t1}) * ({t2})", lambda p: g1(p) * g2(p)
    if kind == "N":
        if c == "Tmatvec":
            (t1, g1), (t2, g2) = sub("M"), sub("R")
            return f"({t1}).T @ ({t2})", lambda p: g1(p).T.dot(g2(p))
        if c == "vecmat":
            (t1, g1), (t2, g2) = sub("R"), sub("M")
            return f"({t1}) @ ({t2})", lambda p: g1(p).dot(g2(p))
        if c == "sum0":
            t, g = sub("M")
            return f"sum({t}, axis=0)", lambda p: g(p).sum(axis=0)
        if c == "row":
            t, g = sub("M")
            return f"({t})[1]", lambda p: g(p)[1]
        (t1, g1), (t2, g2) = sub("N"), sub("N")
        return f"({t1}) * ({t2})", lambda p: g1(p) * g2(p)
    if kind == "R":
        if c == "matvec":
            (t1, g1), (t2, g2) = sub("M"), sub("N")
            return f"({t1}) @ ({t2})", lambda p: g1(p).dot(g2(p))
        if c == "mean1":
            t, g = sub("M")
            return f"mean({t}, axis=1)", lambda p: g(p).mean(axis=1)
        if c == "col":
            t, g = sub("M")
            return f"({t})[:, 2]", lambda p: g(p)[:, 2]
        (t1, g1), (t2, g2) = sub("R"), sub("S")
        return f"({t1}) + ({t2})", lambda p: g1(p) + g2(p)
    if c == "bcast":
        (t1, g1), (t2, g2) = sub("M"), sub("N")
        return f"({t1}) + ({t2})", lambda p: g1(p) + g2(p)[None, :]
    if c == "scale":
        (t1, g1), (t2, g2) = sub("M"), sub("S")
        return f"({t1}) * ({t2})", lambda p: g1(p) * g2(p)
    if c == "outer":
        (t1, g1), (t2, g2) = sub("R"), sub("N")
        return f"outer({t1}, {t2})", lambda p: np.einsum("i,j->ij", g1(p), g2(p))
    if c == "sub":
        (t1, g1), (t2, g2) = sub("M"), sub("M")
        return f"({t1}) - ({t2})", lambda p: g1(p) - g2(p)
    t, g = sub("M")
    return f"softmax({t}, axis=0)", lambda p: np.exp(g(p)) / np.exp(g(p)).sum(axis=0, keepdims=True)


@st.composite
def programs(draw):
    text, fn = gen(draw, "S", draw(st.integers(1, 4)))
    seed = draw(st.integers(0, 2 ** 16))
    rng = np.random.default_rng(seed)
    point = {k: np.asarray(0.7 * rng.standard_normal(s)) for k, s in SHAPES.items()}
    return text, fn, point


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_fresh_programs_match_independent_oracles(case):
    text, fn, point = case
    used = {k: point[k] for k in input_names(text)}
    r = symgraph.grad(text, used, shapes={k: np.shape(v) for k, v in used.items()})   # shapes: the tensor route
    expected = float(fn(point))
    assert abs(r.value - expected) <= 1e-10 * max(1.0, abs(expected)), (text, r.value, expected)
    checks = {c.name: c for c in r.checks}
    assert checks["gradient: graph vs SymPy (scalarized)"].status == "ok", text
    assert checks["gradient: graph vs scalarized graph"].status == "ok", text
    scale = 1.0 + max(float(np.max(np.abs(g))) if np.size(g) else 0.0 for g in r.gradient.values())
    for name in ("gradient: graph vs SymPy (scalarized)", "gradient: graph vs scalarized graph"):
        assert checks[name].max_abs_error <= 1e-10 * scale, (text, name, checks[name].max_abs_error)
    assert r.ok, [(c.name, c.status) for c in r.checks]
