"""Which checks run on a tensor gradient (the check plan), within which budgets, and their results.

* entry by entry (forward mode per entry, central differences per entry): up to ENTRY_LIMIT input entries;
* along directions: forward mode along the direction (one JVP pass) and central differences along
  DIRECTIONS random unit directions (two forward passes each): cost independent of the size;
* the scalarized route (scalar graph and SymPy): up to scalarize.MAX_ENTRIES input entries and
  scalarize.MAX_TERMS scalar terms, SymPy within the time budget.
``check="none"`` keeps only forward vs reverse (when both modes run); every skip is named in check_plan.
"""
from __future__ import annotations

import numpy as np

from symgraph.checks.compare import Check
from symgraph.errors import SymgraphError
from symgraph.tensor import checks as tc
from symgraph.tensor import modes
from symgraph.tensor.values import parse_arrays


def verify(report, check: str, direction, seed: int, timeout) -> None:
    graph, point, primals, wrt = report.graph, report.point, report.primals, report.wrt
    n = tc.entries(point, wrt)
    small = n <= tc.ENTRY_LIMIT or (check == "full" and n <= tc.FULL_ENTRY_LIMIT)
    kink = bool(report.kinks())
    out, skipped = [], []
    u, length = _direction(direction, point, wrt, seed)
    report.direction = {"seed": None if direction else seed, "given": bool(direction),
                        "by": "reverse mode" if report.mode == "reverse" else "forward mode"}
    if direction and length != 1.0:
        report.direction["length"] = length          # the given direction, scaled to unit length
    if report.mode != "reverse":
        tangents = modes.forward(graph, primals, u)
        t = tangents[graph.output]
        report.directional = 0.0 if t is None else float(t)
        if report.mode == "forward":
            report.tangents = tangents       # the trace shows every node's tangent along u
    if report.mode == "forward" or (report.mode == "both" and small):
        if n > tc.FULL_ENTRY_LIMIT:
            raise SymgraphError(f"forward mode needs one pass per input entry ({n:,} here); use --mode reverse "
                                "or both (forward mode then runs along the direction)")
        report.forward = tc.forward_entrywise(graph, primals, point, wrt)
        if report.gradient is None:
            report.gradient = report.forward
    g = report.gradient
    along = float(sum(np.sum(g[k] * u[k]) for k in wrt))
    scale = float(sum(np.sum(np.abs(g[k] * u[k])) for k in wrt))
    if report.mode == "reverse":
        report.directional = along
    if report.mode == "both":
        if report.forward is not None:
            out.append(tc.compare_entries("forward vs reverse", "reverse mode", "forward mode (one pass per entry)",
                                          g, report.forward))
        else:
            out.append(tc.compare_directional("directional derivative: forward vs reverse", "u·∇f (reverse mode)",
                                              "forward mode along u (one JVP pass)", along, report.directional, scale))
    if check != "none":
        out += _finite_differences(graph, point, wrt, g, u, along, scale, small, seed, kink)
        if not small:
            skipped.append({"name": "gradient: graph vs finite differences", "status": "skipped",
                            "reason": f"{n:,} input entries (entry by entry up to {tc.ENTRY_LIMIT}, "
                                      f"{tc.FULL_ENTRY_LIMIT:,} with --check full); checked along "
                                      f"{tc.DIRECTIONS} random directions instead"})
        from symgraph.tensor.scalarize import scalarized_checks

        more, skip = scalarized_checks(report, check, timeout)
        out += more
        skipped += skip
    if report.mode == "forward":            # the graph's side of every check is forward mode
        for c in out:
            c.lhs = c.lhs.replace("reverse mode", "forward mode").replace("VJP rows", "JVP rows")
    report.checks = out
    report.check_plan = {
        "requested": check, "strategy": "none" if check == "none" else ("full" if small else "bounded"),
        "reason": f"{n:,} input entries; entry-by-entry checks up to {tc.ENTRY_LIMIT} ({tc.FULL_ENTRY_LIMIT:,} "
                  "with --check full), directional checks at any size"
                  + ("; --check none: only forward vs reverse" if check == "none" else ""),
        "seed": seed, "limits": _limits(),
        "ran": [c.name for c in out if c.status in ("ok", "mismatch")],
        "skipped": skipped + [{"name": c.name, "status": c.status, "reason": c.note} for c in out
                              if c.status not in ("ok", "mismatch")]}


def _limits() -> dict:
    from symgraph.tensor.scalarize import MAX_ENTRIES, MAX_TERMS

    return {"entry_by_entry": tc.ENTRY_LIMIT, "entry_by_entry_full": tc.FULL_ENTRY_LIMIT,
            "directions": tc.DIRECTIONS, "scalarized_entries": MAX_ENTRIES,
            "scalarized_terms": MAX_TERMS}


def _direction(direction, point, wrt, seed) -> dict:
    """The direction u as {input: array} of unit length, and the length of the direction given (1.0 when
    random). A zero direction (a check comparing 0 with 0 cannot fail) or one whose length is not a finite
    number is refused."""
    if not direction:
        return tc.random_direction(point, wrt, seed), 1.0
    given = parse_arrays(direction) if isinstance(direction, str) else {k: np.asarray(v, dtype=float)
                                                                       for k, v in direction.items()}
    out = {}
    for name in wrt:
        v = given.pop(name, np.zeros(np.shape(point[name])))
        if np.shape(v) != np.shape(point[name]):
            raise SymgraphError(f"--direction gives {name} the shape {np.shape(v)}; its value has shape "
                                f"{np.shape(point[name])}")
        out[name] = v
    if given:
        raise SymgraphError(f"--direction names {', '.join(given)}, which is not an input being differentiated")
    big = max([0.0] + [float(np.max(np.abs(v))) for v in out.values() if np.size(v)])
    if not np.isfinite(big) or big == 0.0:
        raise SymgraphError("--direction is " + ("zero: a directional check along it compares 0 with 0 and cannot "
                            "fail" if big == 0.0 else "not finite") + "; give a direction with a nonzero entry")
    length = big * float(np.sqrt(sum(np.sum((v / big) ** 2) for v in out.values())))   # scaled: no overflow
    return {n: v / length for n, v in out.items()}, length


def _finite_differences(graph, point, wrt, g, u, along, scale, small, seed, kink) -> list:
    out = []
    try:
        if small:
            unresolved = {}
            fd = tc.finite_differences(graph, point, wrt, unresolved)
            out.append(tc.compare_entries("gradient: graph vs finite differences", "reverse mode",
                                          "central differences of the forward pass, per entry", g, fd,
                                          at_kink=kink, unresolved=unresolved))
        for k in range(tc.DIRECTIONS):
            v = u if k == 0 else tc.random_direction(point, wrt, seed + k)
            lhs = along if k == 0 else float(sum(np.sum(g[n] * v[n]) for n in wrt))
            sc = scale if k == 0 else float(sum(np.sum(np.abs(g[n] * v[n])) for n in wrt))
            why = []
            rhs = tc.directional_fd(graph, point, v, why)
            c = tc.compare_directional("directional derivative: graph vs finite differences",
                                       f"v{k}·∇f (reverse mode)", f"central differences along v{k}", lhs, rhs, sc,
                                       note=f"v{k}: {'the direction u' if k == 0 else f'random, seed {seed + k}'}",
                                       at_kink=kink, unresolved="; ".join(why))
            out.append(c)
    except SymgraphError as exc:        # a shifted point left the domain: the check cannot be made here
        out.append(Check("gradient: graph vs finite differences", "reverse mode", "central differences",
                         "skipped", note=f"a shifted point is outside the domain ({exc.message})"))
    return out
