"""One problem's catalog, prepared before its answers are judged (for batch grading).

``check`` prepares the catalog of a (OUT, NAME) pair on its first wrong claim about it and caches it
(prepared.py), so the later answers to the same problem reuse it on their own. ``prepare_problem`` does that
work ahead, for every left-hand side a problem's answers will claim: a grader calls it once per problem (in
the parent, before worker processes start, they inherit the cache) and every answer's diagnosis then costs
only the comparisons. Nothing here prints.
"""
from __future__ import annotations

from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.core.evaluate import evaluate
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.core.point import Point, check_against, parse_point
from symgraph.errors import SymgraphError
from symgraph.higher.outputs import split_outputs
from symgraph.judging.catalog.prepared import prepare
from symgraph.judging.claims import parse_claim, resolve
from symgraph.judging.truth import Truth, defined_at


def prepare_problem(source: str, lhs: list, at: str | Point | None = None, timeout: Optional[float] = 10.0) -> int:
    """Prepare the catalog for each left-hand side (``"df/dx"``, ``"df/dg1"``) of the problem ``source`` at
    ``at`` (the problem's point, as ``check`` takes it; None: claims for all points). Returns how many pairs
    were prepared; a left side that does not resolve, or a budget that runs out, just prepares fewer (the
    diagnosis then prepares on first use, as without this call)."""
    graph = lower(parse(split_outputs(source)[0]))
    point = at if isinstance(at, Point) else parse_point(at)
    has_point = bool(point.exact) or not graph.inputs
    try:
        if point.exact or not graph.inputs:
            check_against(point, list(graph.inputs))
        truth = Truth(graph, evaluate(graph, point.floats) if has_point else None)
    except SymgraphError:
        return 0
    start, defined, done = (dict(point.exact) if has_point else None), defined_at(graph), 0
    for side in dict.fromkeys(lhs):
        try:
            out_id, wrt_id = resolve(parse_claim(f"{side} = 0"), graph)
            with time_budget(timeout):
                prepare(graph, truth, wrt_id, out_id, start, defined).answers()
            done += 1
        except (SymgraphError, BudgetExceeded, RecursionError, ValueError, TypeError, ZeroDivisionError):
            continue
    return done
