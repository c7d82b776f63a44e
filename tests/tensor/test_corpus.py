"""Every corpus program: the gradient against central differences and the scalarized route (scalar graph and
SymPy, none of the tensor VJP rules), forward mode against reverse mode, and <v, J u> both ways."""
import numpy as np
import pytest

import symgraph
from symgraph.tensor import modes
from symgraph.tensor.build import build_graph
from symgraph.tensor.evaluate import evaluate
from tests.tensor.oracle import corpus, random_point

CASES = [pytest.param(s, p, pos, id=p[:60]) for s, p, pos in corpus()]


@pytest.mark.parametrize("shapes,program,positive", CASES)
def test_every_check_agrees(shapes, program, positive):
    point = random_point(shapes, np.random.default_rng(11), positive)
    r = symgraph.grad(program, point)
    names = {c.name for c in r.checks}
    assert {"gradient: graph vs scalarized graph", "gradient: graph vs SymPy (scalarized)",
            "gradient: graph vs finite differences", "forward vs reverse"} <= names, r.check_plan
    bad = [(c.name, c.status, c.note) for c in r.checks if c.status != "ok"]
    assert not bad and r.ok


@pytest.mark.parametrize("shapes,program,positive", CASES)
def test_vjp_and_jvp_are_dual_on_the_whole_graph(shapes, program, positive):
    rng = np.random.default_rng(5)
    point = random_point(shapes, rng, positive)
    graph = build_graph(program, tuple(sorted(shapes.items())))
    primals = evaluate(graph, point)
    tangents = {n: rng.standard_normal(np.shape(v)) for n, v in point.items()}
    jvp = modes.forward(graph, primals, tangents)[graph.output]
    grad = modes.gradient(graph, modes.reverse(graph, primals))
    dual = sum(float(np.sum(grad[n] * t)) for n, t in tangents.items())
    assert float(jvp) == pytest.approx(dual, rel=1e-10, abs=1e-12)


def test_every_op_appears_in_the_corpus():
    from symgraph.tensor.table import OPS

    used = set()
    for shapes, program, _ in corpus():
        used |= {n.op for n in build_graph(program, tuple(sorted(shapes.items()))).nodes}
    missing = set(OPS) - used - {"sign", "asin", "acos", "acosh", "atanh", "sec", "csc", "cot"}
    assert not missing, f"ops without a corpus line: {sorted(missing)}"
