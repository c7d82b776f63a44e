"""The finished report of a tensor ``grad``: value, gradient per input (arrays), shapes, checks, notes, and
graph rows (per node: name, op, shape, primal, adjoint, the VJP rule with shapes). Renderers only format it.

JSON (``to_dict``, schema ``symgraph.tensor-grad/1``): ``value`` and ``gradient`` hold nested lists (a number
for a scalar); ``shapes`` gives every input's and the output's shape; graph rows show small arrays in full and
big ones summarized (shape, min, max, norm and the first entries).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Optional

import numpy as np

from symgraph.core import arguments
from symgraph.errors import SymgraphError
from symgraph.tensor.table import OPS, rule_text

SCHEMA = "symgraph.tensor-grad/1"
FULL_ENTRIES = 24        # graph rows and the trace show arrays up to this many entries in full
FIRST_ENTRIES = 4        # ... and the first few entries of a bigger one


def as_json(value):
    """An array as nested lists (a number for a scalar)."""
    return None if value is None else np.asarray(value, dtype=float).tolist()


def summary(value) -> dict:
    """A big array in a few numbers: shape, min, max, norm and its first entries."""
    a = np.asarray(value, dtype=float)
    return {"shape": list(a.shape), "min": float(a.min()), "max": float(a.max()),
            "norm": norm2(a), "first": a.ravel()[:FIRST_ENTRIES].tolist()}


def norm2(a) -> float:
    """The 2-norm, scaled by the largest entry first: entries of 1e300 do not overflow to inf on squaring."""
    top = float(np.max(np.abs(a))) if np.size(a) else 0.0
    return 0.0 if top == 0 or not np.isfinite(top) else top * float(np.sqrt(np.sum((a / top) ** 2)))


def shown(value):
    """Small arrays in full (nested lists), big ones summarized; None stays None."""
    if value is None:
        return None
    return as_json(value) if np.size(value) <= FULL_ENTRIES else {"summary": summary(value)}


@dataclass
class TensorGradReport:
    source: str
    graph: object
    point: dict
    primals: list
    adjoints: Optional[list]
    gradient: Optional[dict]
    wrt: list
    mode: str
    timings: dict = field(default_factory=dict)
    forward: Optional[dict] = None
    checks: list = field(default_factory=list)
    check_plan: dict = field(default_factory=dict)
    ok: bool = True
    direction: Optional[dict] = None
    directional: Optional[float] = None
    notes: list = field(default_factory=list)
    tangents: Optional[list] = None      # --mode forward: every node's tangent along the direction u

    # --- the numbers ----------------------------------------------------------------------------------
    @property
    def value(self):
        v = self.primals[self.graph.output]
        return float(v) if np.ndim(v) == 0 else v

    @property
    def output(self) -> str:
        return self.graph.node_name(self.graph.output)

    @property
    def shapes(self) -> dict:
        out = {name: list(self.graph.nodes[i].shape) for name, i in self.graph.inputs.items()}
        out[self.output] = list(self.graph.nodes[self.graph.output].shape)
        return out

    def kinks(self) -> list:
        """Warnings for nodes evaluated exactly at a kink (relu at 0, a tie in max)."""
        out = []
        for i, node in enumerate(self.graph.nodes):
            row = OPS.get(node.op)
            if row is not None and row.kinks is not None:
                msg = row.kinks(*[self.primals[a] for a in node.args])
                if msg:
                    out.append(f"{self.graph.node_name(i)}: {msg}")
        return out

    @property
    def warnings(self) -> list:
        return self.kinks() + list(self.notes) + [f"{c.name}: {c.note}" for c in self.checks
                                                  if c.status not in ("ok", "mismatch")]

    # --- graph rows -----------------------------------------------------------------------------------
    def rows(self) -> list:
        g = self.graph
        rows = []
        for i, node in enumerate(g.nodes):
            names = [g.node_name(a) for a in node.args]
            row = OPS.get(node.op)
            entry = {"id": i, "name": g.node_name(i), "op": node.op, "label": row.label if row else node.op,
                     "args": names, "shape": list(node.shape), "params": {k: v for k, v in node.params},
                     "primal": shown(self.primals[i]),
                     "adjoint": shown(self.adjoints[i]) if self.adjoints is not None else None}
            if self.tangents is not None:
                entry["tangent"] = shown(self.tangents[i])
            if row is not None:
                shapes = [g.nodes[a].shape for a in node.args]
                sent = self._contributions(i, row, node)
                entry["matrix_rule"] = row.matrix_rule
                entry["scalar_row"] = row.scalar
                entry["vjp"] = [{"arg": names[k], "rule": rule_text(row, k, names, g.node_name(i), shapes,
                                                                      node.kw),
                                 "shapes": {**{n: list(sh) for n, sh in zip(names, shapes)},
                                            g.node_name(i): list(node.shape)},
                                 "contributes": g.live[a], "value": shown(sent[k])}
                                for k, a in enumerate(node.args)]
            rows.append(entry)
        received: dict = {}         # how many += an input's adjoint received (its value is their sum)
        for r in rows:
            for v in r.get("vjp", ()):
                if v["value"] is not None:
                    received[v["arg"]] = received.get(v["arg"], 0) + 1
        for entry in rows:
            if entry["op"] == "input":
                entry["contributions"] = received.get(entry["name"], 0)
        return rows

    def _contributions(self, i: int, row, node) -> list:
        """Each argument's VJP contribution at node i (its rule evaluated), None where nothing flows."""
        if self.adjoints is None or self.adjoints[i] is None:
            return [None] * len(node.args)
        need = tuple(self.adjoints[a] is not None for a in node.args)
        args = [self.primals[a] for a in node.args]
        with np.errstate(all="ignore"):
            out = row.vjp(self.adjoints[i], self.primals[i], *args, need=need, **node.kw)
        return [v if n else None for v, n in zip(out, need)]

    # --- JSON -----------------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA, "expression": self.source, "output": self.output,
            "at": {k: shown(v) for k, v in self.point.items()},      # big inputs summarized
            "value": as_json(self.primals[self.graph.output]),
            "wrt": list(self.wrt), "mode": self.mode,
            "gradient": {k: as_json(v) for k, v in (self.gradient or {}).items()},
            "forward": None if self.forward is None else {k: as_json(v) for k, v in self.forward.items()},
            "shapes": self.shapes,
            "direction": self.direction, "directional_derivative": _no_nan(self.directional),
            "checks": [_check_json(c) for c in self.checks],
            "check_plan": self.check_plan, "ok": self.ok, "warnings": self.warnings,
            "graph": {"nodes": self.rows(), "inputs": list(self.graph.inputs), "output": self.graph.output},
            "timings": dict(self.timings),
        }

    def to_json(self, indent: Optional[int] = 2) -> str:
        """As every report's: ``indent`` None, 0 to 16 spaces, or a string of spaces and tabs."""
        return json.dumps(self.to_dict(), indent=arguments.indent(indent), allow_nan=False, ensure_ascii=False)

    def to_text(self, digits: int = 6) -> str:
        """The plain-text trace, as ``--format plain`` prints it (``digits``: 1 to 17 significant digits)."""
        from symgraph.views import render

        return render("tensor_text", self, arguments.integer(digits, "digits", 1, 17))

    def __str__(self) -> str:
        return self.to_text()

    def to_html(self) -> str:
        """The self-contained HTML step-through (views.py: "tensor_html")."""
        from symgraph.views import render

        return render("tensor_html", self)

    def to_markdown(self) -> str:
        raise SymgraphError("the Markdown handout is not available for tensor programs yet (text and JSON are)")

    def to_latex(self, standalone: bool = False) -> str:
        arguments.flag(standalone, "standalone")
        raise SymgraphError("the LaTeX handout is not available for tensor programs yet (text and JSON are)")

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        from symgraph.views import render

        return render("tensor_mimebundle", self)


def _check_json(c) -> dict:
    d = asdict(c)
    d["ok"] = c.ok
    return _no_nan(json.loads(json.dumps(d, default=float)))


def _no_nan(x):
    """JSON has no NaN or infinity: such numbers become the strings "nan", "inf", "-inf" (as in report.py)."""
    if isinstance(x, float):
        return x if np.isfinite(x) else str(x)
    if isinstance(x, dict):
        return {k: _no_nan(v) for k, v in x.items()}
    if isinstance(x, list):
        return [_no_nan(v) for v in x]
    return x
