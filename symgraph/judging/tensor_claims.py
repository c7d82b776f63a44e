"""Claims about tensor gradients: ``check "Z = X @ W; L = sum(relu(Z))" --shapes X=NxD,W=DxM
--claim "dL/dW = X.T @ dZ"``, judged at random points and shapes.

A claim is ``dOUT/dNAME = RHS``: OUT is the program's output, NAME an input or a named step, and RHS an
expression of the tensor language over the inputs, the steps and their adjoints (``dZ`` is dOUT/dZ). The
true side is reverse mode on the program's graph; the claimed side is RHS evaluated at the same values.
Without --at, every claim is judged at three random points for each of two shape draws (each letter of
--shapes a distinct prime, then other primes), so a transposed product never fits by accident; with --at,
at that point. A wrong claim gets its largest error, where it is, and the mistake when one row's rule
applied wrongly at one node reproduces it (symgraph.code.mistakes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from symgraph.code.inputs import PRIMES, draw
from symgraph.code.mistakes import OUT_OF_TIME, close, diagnose, tolerance
from symgraph.errors import SymgraphError
from symgraph.report import JsonReport
from symgraph.tensor.build import build_graph, input_names
from symgraph.tensor.evaluate import evaluate
from symgraph.tensor.modes import reverse

SCHEMA = "symgraph.check-tensor/1"
CLAIM = re.compile(r"^\s*[d∂]\s*([A-Za-z_]\w*)\s*/\s*[d∂]\s*([A-Za-z_]\w*)\s*=\s*(.+?)\s*$", re.S)
DRAWS = 3
_DIMS = re.compile(r"^[A-Za-z0-9_]+(x[A-Za-z0-9_]+)*$")


@dataclass
class TensorVerdict:
    claim: str
    ok: bool
    shape: tuple = ()
    expected_shape: tuple = ()
    max_abs_err: float = 0.0
    where: tuple = ()
    yours: float = 0.0
    true: float = 0.0
    shapes: dict = field(default_factory=dict)
    why: str = ""
    diagnosis: dict | None = None


@dataclass
class TensorCheckReport(JsonReport):
    program: str
    output: str
    verdicts: list
    tried: list                      # the shape sets tried, with how many points each

    @property
    def ok(self) -> bool:
        return bool(self.verdicts) and all(v.ok for v in self.verdicts)

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "program": self.program, "output": self.output, "ok": self.ok,
                "tried": self.tried,
                "claims": [{"claim": v.claim, "ok": v.ok, "shape": list(v.shape), "expected_shape":
                            list(v.expected_shape), "max_abs_err": float(f"{v.max_abs_err:.12g}"),
                            "where": list(v.where), "yours": v.yours, "true": v.true,
                            "shapes": {k: list(s) for k, s in v.shapes.items()}, "why": v.why,
                            "diagnosis": v.diagnosis} for v in self.verdicts]}


def shape_sets(text: str) -> list:
    """Two shape draws from ``--shapes``: each letter a distinct prime (7, 5, 3, ...), then other primes;
    numbers stay as written."""
    items = []
    for item in text.split(","):
        name, _, dims = item.partition("=")
        dims = dims.strip().replace(" ", "")
        if not name.strip() or not (dims == "()" or _DIMS.match(dims)):
            raise SymgraphError(f"--shapes: {item.strip()!r} is not NAME=DIMS (e.g. X=NxD, W=DxM, b=M)")
        items.append((name.strip(), [] if dims == "()" else dims.split("x")))
    letters = list(dict.fromkeys(d for _, dims in items for d in dims if not d.isdigit()))
    if 2 * len(letters) > len(PRIMES):
        raise SymgraphError("--shapes: too many distinct letters")
    out = []
    for offset in (0, len(letters)):
        value = {d: PRIMES[offset + i] for i, d in enumerate(letters)}
        out.append({name: tuple(int(d) if d.isdigit() else value[d] for d in dims) for name, dims in items})
    return out


def check_tensor_claims(source: str, claims: list, *, shapes: str | None = None, at: dict | None = None,
                        seed: int = 0) -> TensorCheckReport:
    parsed = []
    for text in claims:
        m = CLAIM.match(text)
        if not m:
            raise SymgraphError(f"a tensor claim is dOUT/dNAME = RHS (e.g. \"dL/dW = X.T @ dZ\"), not {text!r}")
        parsed.append((text.strip(), m.group(1), m.group(2), m.group(3)))
    if at:
        sets = [{k: np.shape(v) for k, v in at.items()}]
    elif shapes:
        sets = shape_sets(shapes)
    else:
        raise SymgraphError("tensor claims need --shapes (e.g. X=NxD,W=DxM) or the arrays in --at")
    for shape_set in sets:        # a gradient with no entries has nothing to compare a claim with
        empty = next((k for k, v in shape_set.items() if 0 in tuple(v)), None)
        if empty is not None:
            raise SymgraphError(f"{empty} has no entries (shape {tuple(shape_set[empty])}): a claim about the "
                                "gradient cannot be tested on it; give it at least one entry")
    rng = np.random.default_rng(seed)
    verdicts = {text: None for text, *_ in parsed}
    output = ""
    tried = []
    for shape_set in sets:
        graph = build_graph(source, tuple(sorted((k, tuple(v)) for k, v in shape_set.items()
                                                 if k in input_names(source))))
        output = graph.node_name(graph.output)
        draws = 1 if at else DRAWS
        tried.append({"shapes": {k: list(v) for k, v in shape_set.items()}, "points": draws})
        for _ in range(draws):
            point = ({n: np.asarray(at[n], dtype=np.float64) for n in graph.inputs} if at else
                     {n: draw(graph.nodes[i].shape, rng) for n, i in graph.inputs.items()})
            primals = evaluate(graph, point)
            adj = reverse(graph, primals)
            for text, out, name, rhs in parsed:
                if verdicts[text] is None or verdicts[text].ok:
                    verdicts[text] = _judge(text, out, name, rhs, graph, primals, adj, shape_set)
    return TensorCheckReport(source, output, list(verdicts.values()), tried)


def _nodes(graph) -> dict:
    named = {n.name: i for i, n in enumerate(graph.nodes) if n.name}
    named.update(graph.inputs)
    return named


def _judge(text, out, name, rhs, graph, primals, adj, shapes) -> TensorVerdict:
    named = _nodes(graph)
    if out != graph.node_name(graph.output):
        raise SymgraphError(f"{text}: claims are about the output {graph.node_name(graph.output)}, not {out}")
    if name not in named:
        raise SymgraphError(f"{text}: {name} is not an input or a named step of the program")
    node = named[name]
    values, rhs_shapes = {}, {}
    for n in input_names(rhs):
        if n in named:
            values[n] = primals[named[n]]
        elif n.startswith("d") and n[1:] in named:
            i = named[n[1:]]
            values[n] = adj[i] if adj[i] is not None else np.zeros(graph.nodes[i].shape)
        else:
            raise SymgraphError(f"{text}: {n} is not an input, a step or an adjoint (dSTEP) of the program")
        rhs_shapes[n] = tuple(np.shape(values[n]))
    claimed = evaluate(build_graph(rhs, tuple(sorted(rhs_shapes.items()))), values)[-1]
    claimed = np.asarray(claimed)
    truth = adj[node] if adj[node] is not None else np.zeros(graph.nodes[node].shape)
    scale = float(np.max(np.abs(truth), initial=0.0))
    v = TensorVerdict(text, False, tuple(claimed.shape), tuple(truth.shape), shapes=dict(shapes))
    if claimed.shape != truth.shape:
        v.why = f"the right side has shape {claimed.shape} and {name} is {truth.shape}"
        v.diagnosis = _named(v, diagnose(graph, primals, None, node, claimed, truth, scale, {"var": name}))
        return v
    err = np.abs(claimed - truth)
    v.max_abs_err = float(err.max(initial=0.0))
    where = np.unravel_index(int(np.argmax(err)), err.shape) if err.size else ()
    v.where = tuple(int(k) for k in where)
    v.yours, v.true = float(claimed[where]) + 0.0, float(truth[where]) + 0.0
    v.ok = close(claimed, truth, scale)
    if not v.ok:
        v.why = (f"largest error {v.max_abs_err:.3g} at {list(v.where)}: yours {v.yours:.6g}, true {v.true:.6g} "
                 f"(allowed {tolerance(scale):.2g})")
        v.diagnosis = _named(v, diagnose(graph, primals, None, node, claimed, truth, scale, {"var": name}))
    return v


def _named(v: TensorVerdict, diagnosis):
    if diagnosis is OUT_OF_TIME:
        v.why += "; " + OUT_OF_TIME["text"]
        return None
    return diagnosis
