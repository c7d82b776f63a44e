"""``grad`` for tensor programs: parse -> build (shapes checked) -> evaluate -> reverse/forward -> verify,
into one finished TensorGradReport. Nothing here prints.

The hot path (``check="none"``, ``mode="reverse"``) is a cached graph look-up and plain NumPy over the node
list: no parsing on a repeated call, no Python per entry.
"""
from __future__ import annotations

import math
import time

import numpy as np

from symgraph.checks.compare import overall
from symgraph.core.point import check_against, Point
from symgraph.errors import PointError, SymgraphError
from symgraph.tensor import modes
from symgraph.tensor.build import build_graph
from symgraph.tensor.evaluate import evaluate, non_finite_adjoint
from symgraph.tensor.report import TensorGradReport
from symgraph.tensor.values import parse_arrays, parse_shapes
from symgraph.tensor.verify import verify

DEFAULT_SEED = 0


def tensor_grad(source: str, at=None, shapes=None, *, wrt=None, mode: str = "both", check: str = "auto",
                direction=None, seed: int | None = None, timeout: float | None = 10.0,
                read_file=None) -> TensorGradReport:
    """Differentiate the tensor program ``source`` at ``at`` (text, a dict of arrays, or parsed arrays).

    ``mode``: both | reverse | forward; ``check``: auto | full | none; ``direction``: the direction of the
    directional checks and of forward mode on big inputs (text or a dict of arrays; random by default, its
    ``seed`` recorded)."""
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))
                             or not 0 <= seed < 2**32):
        raise SymgraphError(f"seed must be an integer from 0 to 2**32 - 1, not {seed!r}")
    timings = {}
    start = time.perf_counter()
    point = at if _parsed(at) else parse_arrays(at, read_file)
    given = parse_shapes(shapes) if isinstance(shapes, str) else dict(shapes or {})
    graph = _graph(source, point, given)
    timings["parse"] = time.perf_counter() - start
    _check_point(graph, point, given)
    wrt = _wrt(graph, wrt)
    t = time.perf_counter()
    primals = evaluate(graph, point)
    timings["evaluate"] = time.perf_counter() - t
    out = graph.nodes[graph.output]
    if out.shape != ():
        col = out.span[0] if out.span and graph.source else None
        raise SymgraphError(f"the output has shape {out.shape}; grad needs a scalar output "
                            "(wrap it in sum(...) or mean(...))", graph.source if col is not None else None, col)
    adjoints = gradient = None
    if mode in ("both", "reverse"):
        t = time.perf_counter()
        adjoints = modes.reverse(graph, primals, wrt=wrt)
        gradient = modes.gradient(graph, adjoints, wrt)
        timings["reverse"] = time.perf_counter() - t
        for name, g in gradient.items():      # one summing pass: a sum is finite when every entry is
            if not math.isfinite(float(np.sum(g))) and not np.all(np.isfinite(g)):
                raise non_finite_adjoint(graph, adjoints, f"d{_out(graph)}/d{name}")
    report = TensorGradReport(source=source, graph=graph, point=point, primals=primals, adjoints=adjoints,
                              gradient=gradient, wrt=wrt, mode=mode, timings=timings)
    if check == "none" and mode == "reverse":
        report.check_plan = {"requested": "none", "strategy": "none", "reason": "--check none, --mode reverse: "
                             "no checks ran", "ran": [], "skipped": []}
        return report
    t = time.perf_counter()
    verify(report, check, direction, DEFAULT_SEED if seed is None else seed, timeout)
    timings["check"] = time.perf_counter() - t
    report.ok = overall(report.checks)
    return report


def _parsed(at) -> bool:
    return isinstance(at, dict) and all(type(v) is np.ndarray and v.dtype == np.float64 for v in at.values())


def _graph(source: str, point: dict, given: dict):
    shapes = {n: tuple(np.shape(v)) for n, v in point.items()}
    for name, shape in given.items():
        if name in shapes and shapes[name] != tuple(shape):
            raise PointError(f"--shapes says {name} is {tuple(shape)}, but its value at the point has shape "
                             f"{shapes[name]}")
        shapes.setdefault(name, tuple(shape))
    return build_graph(source, tuple(sorted(shapes.items())))


def _check_point(graph, point: dict, given: dict) -> None:
    missing = [n for n in graph.inputs if n not in point]
    if missing and all(n in given for n in missing):        # --shapes alone: the shapes were checked, say so
        shapes = ", ".join(f"{n} {graph.nodes[i].shape}" for n, i in graph.inputs.items())
        raise PointError(f"the shapes check out ({shapes}; the output {graph.node_name(graph.output)} has shape "
                         f"{graph.nodes[graph.output].shape}); grad needs values too: give "
                         f"{', '.join(missing)} in --at")
    check_against(Point({}, dict.fromkeys(point, 0.0), {}), list(graph.inputs))


def _wrt(graph, wrt) -> list:
    labels = graph.labels()
    if not wrt:
        return [n for n in graph.inputs if n not in labels]
    unknown = [w for w in wrt if w not in graph.inputs]
    if unknown:
        raise PointError(f"--wrt names {', '.join(unknown)}, which is not an input of the program (its inputs: "
                         f"{', '.join(graph.inputs) or 'none'})")
    if labels & set(wrt):
        raise PointError(f"{', '.join(sorted(labels & set(wrt)))} holds integer labels: no gradient flows to it")
    return list(dict.fromkeys(wrt))


def _out(graph) -> str:
    return graph.node_name(graph.output)
