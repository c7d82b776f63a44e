"""Line by line: each gradient event against the true adjoint of its variable (reverse mode on the traced
graph), its shape against the variable's shape, the largest error and where; then the first wrong line and
why, the way ``check`` names the first wrong step.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from symgraph.code.repairs import diagnose_failure, fitting
from symgraph.code.ties import tie_conventions
from symgraph.code.mistakes import OUT_OF_TIME, close, diagnose, inert_nodes, tolerance
from symgraph.tensor.evaluate import evaluate
from symgraph.tensor.modes import reverse


@dataclass
class LineVerdict:
    line: int
    name: str                  # the gradient variable (dx)
    claim: str                 # "dloss/dx"
    ok: Optional[bool]         # None: not judged (its variable is not differentiable here)
    unit: str
    code: str = ""
    lines: list = field(default_factory=list)
    shape: Optional[tuple] = None
    expected_shape: Optional[tuple] = None
    max_abs_err: Optional[float] = None
    where: Optional[tuple] = None        # the index of the largest error
    yours: Optional[float] = None
    true: Optional[float] = None
    scale: Optional[float] = None        # the true gradient's largest entry
    why: str = ""
    diagnosis: Optional[dict] = None
    deps: tuple = ()


def shape_hint(name: str, var: str, shape: tuple, expected: tuple) -> str:
    text = f"{name} has shape {shape} and {var} is {expected}"
    if len(shape) == 2 and shape == expected[::-1]:
        return text + ": a transposed product?"
    if int(np.prod(shape)) > int(np.prod(expected)) and len(shape) == len(expected) + 1:
        return text + ": not summed over an axis?"
    if int(np.prod(shape)) == int(np.prod(expected)):
        return text + ": the same entries in another shape (a reshape, or keepdims)?"
    return text


def judge_unit(unit, source_lines: list) -> list:
    primals = evaluate(unit.graph, unit.point)
    adj = reverse(unit.graph, primals, unit.seed)
    inert = frozenset(inert_nodes(unit.graph, adj))
    ties = tie_conventions(unit.graph, primals, unit.seed)
    # rounding floor: a gradient that is ~0 by cancellation (a centred layer's) carries rounding noise of the
    # pass's own size, so the scale is never below 1e-7 of the largest adjoint in the pass (tolerance 1e-13 of it)
    floor = 1e-7 * max((float(np.max(np.abs(a))) for a in adj if a is not None and np.size(a)), default=0.0)
    verdicts, wrong = [], set()
    for event in unit.events:
        claim = f"dout·∂out/∂{event.var}" if unit.kind == "layer" else f"d{unit.output}/d{event.var}"
        code = "; ".join(event.codes.get(n) or (source_lines[n - 1].strip() if 0 < n <= len(source_lines) else "")
                         for n in dict.fromkeys(event.lines))
        v = LineVerdict(event.lines[0], event.name, claim, None, event.unit, code, list(event.lines),
                        deps=tuple(sorted(event.deps)))
        verdicts.append(v)
        if event.node is None:
            if event.error is not None:
                v.ok, v.why = False, f"it does not run: {event.error}"
                wrong.add(event.name)
            else:
                v.why = f"not judged: {event.var} is not differentiable here (no path from an input)"
            continue
        expected_shape = tuple(unit.graph.nodes[event.node].shape)
        truth = adj[event.node] if adj[event.node] is not None else np.zeros(expected_shape)
        truth = np.broadcast_to(truth, expected_shape)
        v.expected_shape, v.scale = expected_shape, float(np.max(np.abs(truth))) if truth.size else 0.0
        judged = max(v.scale, floor)         # the right/wrong verdict's scale; diagnoses keep the gradient's
        if event.error is not None:
            v.ok, v.why = False, f"it does not run: {event.error}"
            v.diagnosis = diagnose_failure(event.failure, truth, v.scale, {"var": event.var}) or \
                fitting(event.repairs, truth, lambda value, t, s=v.scale: close(value, t, s))
            wrong.add(event.name)
            continue
        if event.value is None:
            v.ok, v.why = False, f"{event.name} is not an array of numbers"
            continue
        value = np.asarray(event.value)
        v.shape = tuple(value.shape)
        names = {"var": event.var}
        bad = [d for d in v.deps if d in wrong]
        if value.shape != expected_shape:
            v.ok, v.why = False, shape_hint(event.name, event.var, v.shape, expected_shape)
            if bad:
                v.why += f"; it builds on your {bad[0]}, which is wrong; fix {bad[0]} first"
            else:
                v.diagnosis = diagnose(unit.graph, primals, unit.seed, event.node, value, truth, v.scale, names,
                                       inert)
            wrong.add(event.name)
            continue
        if not np.all(np.isfinite(value)):
            v.ok, v.why = False, f"{event.name} is not finite"
            continue
        err = np.abs(value - truth)
        v.max_abs_err = float(err.max()) if err.size else 0.0
        where = np.unravel_index(int(np.argmax(err)), err.shape) if err.size else ()
        v.where = tuple(int(k) for k in where)
        v.yours, v.true = float(value[where]) + 0.0, float(truth[where]) + 0.0
        v.ok = bool(close(value, truth, judged))
        if not v.ok and any(t[event.node] is not None and close(value, t[event.node], judged) for t in ties):
            v.ok, v.why = True, "right with a tie's adjoint given to one side (a one-sided gradient at a kink)"
        if not v.ok and carried(v, event, unit.graph, adj, value, truth, source_lines):
            continue
        if not v.ok:
            at = f" at {list(v.where)}" if v.where else ""
            v.why = (f"largest error {v.max_abs_err:.3g}{at}: yours {v.yours:.6g}, true {v.true:.6g} "
                     f"(allowed {tolerance(judged):.2g}, 1e-6 of the gradient's largest entry {v.scale:.3g}"
                     f"{'' if judged == v.scale else ', or of 1e-7 of the largest adjoint in the pass'})")
            if bad:
                v.why = f"it builds on your {bad[0]}, which is wrong; fix {bad[0]} first"
            else:
                v.diagnosis = diagnose(unit.graph, primals, unit.seed, event.node, value, truth, v.scale, names,
                                       inert)
            if event.replaced is not None and event.replaced[1] is not None and \
                    close(np.broadcast_to(event.replaced[1], value.shape) + value, truth, v.scale):
                v.why += (f"; it replaces {event.name} from line {event.replaced[0]} without adding to it: at a "
                          f"fork the gradients add ({event.name} += ...)")
            wrong.add(event.name)
    for v in verdicts:
        if v.diagnosis is OUT_OF_TIME:
            v.diagnosis, v.why = None, v.why + "; " + OUT_OF_TIME["text"]
    return verdicts


def carried(v: LineVerdict, event, graph, adj, value, truth, source_lines) -> bool:
    """A gradient built over several lines may pass its variable on the way and end as the adjoint of an
    input of that variable (``dhidden = dscores @ W2.T; dhidden[hidden <= 0] = 0`` ends as the gradient of
    the pre-activation): right when a step matched the variable's adjoint and the end matches an ancestor's.
    When a step matched and the end matches nothing, the wrong line is the one after that step."""
    matched = [k for k, (_, snap) in enumerate(event.snaps[:-1])
               if snap is not None and snap.shape == truth.shape and close(snap, truth, v.scale)]
    if not matched:
        return False
    for i in ancestors(graph, event.node):
        true_i = adj[i]
        if true_i is not None and true_i.shape == value.shape and close(value, true_i, max(
                v.scale, float(np.max(np.abs(true_i), initial=0.0)))):
            v.ok = True
            v.claim += f" → {graph.nodes[event.node].op}'s input"
            v.max_abs_err = float(np.max(np.abs(value - true_i), initial=0.0))
            return True
    k = matched[-1] + 1
    v.line = event.snaps[k][0]
    v.code = event.codes.get(v.line) or v.code
    return False


def ancestors(graph, node: int, limit: int = 64) -> list:
    """The nodes ``node`` is computed from, nearest first (at most ``limit``)."""
    seen, order, frontier = {node}, [], [node]
    while frontier and len(order) < limit:
        nxt = []
        for n in frontier:
            for a in graph.nodes[n].args:
                if a not in seen and graph.nodes[a].op != "const":
                    seen.add(a)
                    order.append(a)
                    nxt.append(a)
        frontier = nxt
    return order


def first_wrong(verdicts: list) -> Optional[dict]:
    """The first wrong line (in the order the code ran), and why."""
    first = next((v for v in verdicts if v.ok is False), None)
    if first is None:
        return None
    why = first.why + (f"; {first.diagnosis['text']}" if first.diagnosis else "")
    return {"line": first.line, "name": first.name, "unit": first.unit, "code": first.code, "why": why}
