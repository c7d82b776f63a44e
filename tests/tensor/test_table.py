"""Every row of the tensor table: VJP against central finite differences, VJP against JVP (<v, J u> two
ways), and the elementwise rows' NumPy partials against the scalar primitive rows they name."""
import numpy as np
import pytest

from symgraph.core.primitives import PRIMITIVES
from symgraph.tensor.table import OPS

# Per op: argument shapes and params to try. Every row must have an entry (adding an op = one row + one line).
SAMPLES = {
    "matmul": [((3, 4), (4, 2)), ((3, 4), (4,)), ((4,), (4, 2)), ((4,), (4,))],
    "dot": [((4,), (4,))], "outer": [((3,), (2,))], "transpose": [((3, 2),), ((3,),)],
    "index": [((3, 4), {"idx": (1, 2)}), ((3, 4), {"idx": (("slice", None, None, None), 0)}),
              ((5,), {"idx": (("slice", 1, 4, None),)})],
    "sum": [((3, 4),), ((3, 4), {"axis": 0}), ((3, 4), {"axis": -1})],
    "mean": [((3, 4),), ((3, 4), {"axis": 1})], "norm": [((3, 2),)],
    "softmax": [((5,),), ((3, 4), {"axis": 0})], "log_softmax": [((5,),), ((2, 3),)],
    "logsumexp": [((5,),), ((3, 4), {"axis": 1})],
    "maximum": [((3, 4), (4,))], "minimum": [((3,), ())], "pick": [((4, 3), (4,))],
    "reshape": [((3, 4), {"shape": (2, 6)}), ((6,), {"shape": (3, 1, 2)})],
    "stack": [((3,), (3,), (3,)), ((2, 3), (2, 3))],
    "take": [((3, 4), {"idx": (("ints", (3,), (0, 2, 2)), ("ints", (3,), (1, 3, 3)))}),
             ((5,), {"idx": (("ints", (2, 2), (4, 0, 4, 1)),)}),
             ((3, 4), {"idx": (("slice", None, None, None), ("ints", (2,), (3, 0)))})],
    "amax": [((3, 4),), ((3, 4), {"axis": 1}), ((3, 4), {"axis": 0, "keepdims": True}),
             ((3, 4), {"keepdims": True})],
}
# keepdims on the reductions that take it (NumPy's convention: the reduced axis stays, of size 1)
SAMPLES["sum"] += [((3, 4), {"axis": 1, "keepdims": True}), ((3, 4), {"keepdims": True})]
SAMPLES["mean"] += [((3, 4), {"axis": 0, "keepdims": True}), ((2, 3), {"keepdims": True})]
BINARY = [(3, 4), (4,)], [(3, 1), (1, 4)], [(), (3,)]
DOMAIN = {"log": (0.2, 2), "sqrt": (0.2, 2), "acosh": (1.2, 3), "asin": (-0.9, 0.9), "acos": (-0.9, 0.9),
          "atanh": (-0.9, 0.9), "pow": (0.5, 2), "div": (0.5, 2), "csc": (0.3, 1.2), "cot": (0.3, 1.2),
          "sec": (-1, 1), "tan": (-1, 1)}


def cases():
    for name, row in OPS.items():
        if name in SAMPLES:
            for case in SAMPLES[name]:
                params = case[-1] if isinstance(case[-1], dict) else {}
                shapes = case[:-1] if params else case
                yield pytest.param(name, shapes, params, id=f"{name}{shapes}{params or ''}")
        elif row.arity == 2:
            for shapes in BINARY:
                yield pytest.param(name, tuple(shapes), {}, id=f"{name}{tuple(shapes)}")
        else:
            yield pytest.param(name, ((3, 2),), {}, id=f"{name}(3, 2)")


def _args(name, shapes, rng):
    lo, hi = DOMAIN.get(name, (-2, 2))
    args = [rng.uniform(lo, hi, s) for s in shapes]
    if name == "pick":                                               # integer class labels 0..2
        args[1] = rng.integers(0, 3, shapes[1]).astype(float)
    if name in ("relu", "abs", "sign", "maximum", "minimum"):      # keep away from kinks and ties
        args = [a + np.where(np.abs(a) < 0.1, 0.3, 0) + 0.01 * k for k, a in enumerate(args)]
    return [np.asarray(a, dtype=float) for a in args]


@pytest.mark.parametrize("name,shapes,params", list(cases()))
def test_vjp_matches_finite_differences_and_jvp(name, shapes, params):
    row, rng = OPS[name], np.random.default_rng(7)
    args = _args(name, shapes, rng)
    out = np.asarray(row.impl(*args, **params))
    assert out.shape == row.shape(*shapes, **params)
    v = rng.standard_normal(out.shape)
    grads = row.vjp(v, out, *args, **params)
    for k, arg in enumerate(args):
        if k in row.labels:
            assert grads[k] is None, "no gradient flows to integer labels"
            continue
        u = rng.standard_normal(arg.shape)
        h = 1e-6
        plus = [a + h * u if j == k else a for j, a in enumerate(args)]
        minus = [a - h * u if j == k else a for j, a in enumerate(args)]
        fd = np.sum(v * (np.asarray(row.impl(*plus, **params)) - np.asarray(row.impl(*minus, **params)))) / (2 * h)
        assert np.sum(grads[k] * u) == pytest.approx(fd, rel=1e-6, abs=1e-8), f"VJP vs finite differences, arg {k}"
        tangents = [u if j == k else None for j in range(len(args))]
        jvp = row.jvp(tangents, out, *args, **params)
        assert np.sum(v * jvp) == pytest.approx(np.sum(grads[k] * u), rel=1e-10, abs=1e-12), "<v, J u> two ways"
        assert np.shape(grads[k]) == arg.shape


@pytest.mark.parametrize("name", [n for n, r in OPS.items() if r.scalar and r.arity == 1])
def test_elementwise_rows_agree_with_the_scalar_rows(name):
    row, prim = OPS[name], PRIMITIVES[OPS[name].scalar]
    a = _args(name, [(7,)], np.random.default_rng(3))[0]
    out = row.impl(a)
    g = row.vjp(np.ones_like(a), out, a)[0]
    for k in range(a.size):
        x = float(a[k])
        assert out[k] == pytest.approx(prim.impl([x], None), rel=1e-13, abs=1e-15)
        assert g[k] == pytest.approx(prim.partials([x], float(out[k]), None)[0], rel=1e-12, abs=1e-14)


def test_every_row_is_sampled():
    assert all(name in SAMPLES or OPS[name].scalar for name in OPS)
