"""Practice mode of the HTML page: the tangents (forward mode along the first input) and the adjoints
(each backward accumulation) the learner types before the page shows them.

Each item names the step that computes the number, the field of the table it fills, the true value (from
the report's trace, never recomputed), the step's rule and the pieces it combines (shown when the typed
value is wrong). The page's script judges a typed value with ``check``'s rounding rule
(judging/judge.py ``tolerance``; assets/stepper.js ``judge`` mirrors it).
"""
from __future__ import annotations

from symgraph.render.common.numbers import fmt

DIGITS = 6
TANGENT_RULE = "d{v}/d{x} = Σ over the inputs u of {v}: ∂{v}/∂u · du/d{x}  (forward mode: the chain rule)"
ADJOINT_RULE = ("d{f}/d{u} += d{f}/d{v} · ∂{v}/∂{u}  (reverse mode: {u} feeds {v}; the adjoint so far plus "
                "the adjoint of {v} times the local partial on the edge)")


def tangent_input(data: dict, trace: dict | None) -> str | None:
    """The input whose tangents the page shows: the first one forward mode ran for (None: it did not run)."""
    forward = (trace or {}).get("forward_mode") or {}
    return next((w for w in data.get("wrt", []) if w in forward), None)


def forward_tangents(data: dict, trace: dict | None) -> dict:
    """{node id: (tangent, [pieces])} along the tangent input: inputs seeded with 1 or 0, the others from the
    trace's forward-mode terms (input name, local partial, the input's tangent)."""
    x = tangent_input(data, trace)
    if x is None:
        return {}
    rows = data["graph"]["nodes"]
    ids = {r["name"]: r["id"] for r in rows}
    out = {r["id"]: (1.0 if r["name"] == x else 0.0, []) for r in rows if not r["inputs"]}
    for row in trace["forward_mode"][x]:
        pieces = [f"∂{row['node']}/∂{u} = {fmt(local, DIGITS)}, d{u}/d{x} = {fmt(t, DIGITS)}"
                  for u, local, t in row["terms"]]
        out[ids[row["node"]]] = (row["tangent"], pieces)
    return out


def practice_items(data: dict, trace: dict | None, steps: list) -> list:
    """One item per tangent of an operation node and per backward accumulation: {s: step index, f: field,
    id: node, ask, value, rule, pieces}. ``steps`` are grad_steps' (their field ``t`` and ``g`` updates)."""
    x = tangent_input(data, trace)
    f = data["output"]
    rows = data["graph"]["nodes"]
    tangents = forward_tangents(data, trace)
    backward = iter((trace or {}).get("backward") or [])
    items = []
    for k, (edge, node, text, updates) in enumerate(steps):
        fields = {u[0] for u in updates}
        name = rows[node]["name"]
        if "t" in fields and rows[node]["inputs"] and node in tangents:
            value, pieces = tangents[node]
            items.append({"s": k, "f": "t", "id": node, "ask": f"d{name}/d{x}", "value": value,
                          "rule": TANGENT_RULE.format(v=name, x=x), "pieces": pieces,
                          "text": f"{text}; tangent d{name}/d{x} = ?"})
        if "g" in fields and edge is not None:
            s = next(backward)
            items.append({"s": k, "f": "g", "id": node, "ask": f"d{f}/d{s['to']}", "value": s["after"],
                          "text": f"backward: d{f}/d{s['to']} += d{f}/d{s['from']}·∂{s['from']}/∂{s['to']} = ?",
                          "rule": ADJOINT_RULE.format(f=f, u=s["to"], v=s["from"]),
                          "pieces": [f"d{f}/d{s['to']} so far = {fmt(s['before'], DIGITS)}",
                                     f"d{f}/d{s['from']} = {fmt(s['adjoint_from'], DIGITS)}",
                                     f"∂{s['from']}/∂{s['to']} = {fmt(s['local'], DIGITS)}"]})
    return [i for i in items if _finite(i["value"])]


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and x == x and abs(x) != float("inf")
