"""The catalog's wrong answers for one problem, computed once and reused for every answer to it.

For one (OUT, NAME) pair of a graph at a point, ``prepare`` lists every candidate mistake (walk.py and
the modules it gathers), re-runs the walk once per candidate to get the wrong answer that mistake gives, and
evaluates each at the problem's point, at a second point and at a few screening points. A class of answers to
one problem asks the same question of the same graph each time: the result is cached by the graph's
structure, NAME, OUT and the point, so the second answer costs only the comparisons (``cache_info`` says how
many were reused). Pairs of mistakes at two nodes are built lazily, only when no single mistake fits.

The work is incremental: when a time budget stops it, the answers already computed are kept, and the next
call continues from there. Nothing here prints.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from typing import Optional

from symgraph.checks.symbolic import value_at
from symgraph.judging.judge import candidate_points
from symgraph.judging.catalog.walk import Walk, catalog
from symgraph.steps.walk import Partials, tangents

SCREEN_POINTS = 3      # cheap first test of each candidate (symbolic claims) before the full random test
POINT_TRIES = 60       # points tried to find the screening points and the second point
CACHE_SIZE = 32        # problems kept
# The mistakes made two at a time in real homework (the inner derivative dropped twice in a nested chain, with a
# sign or a constant factor lost on the way): pairs of these are tried when no single mistake fits.
PAIRABLE = {"chain-inner-missing", "log-inner-missing", "trig-sign", "constant-factor-dropped",
            "power-rule-exponent-kept", "sign-lost-in-subtraction", "derivative-table-swap",
            "product-rule-derivatives-multiplied", "product-rule-term-missing", "quotient-rule-sign",
            "quotient-rule-denominator", "power-rule-exponent-raised"}
MAX_PAIRS = 60         # pairs of node mistakes tried (nearest OUT first)
INNER = "chain-inner-missing"


class Answer:
    """One candidate (or a pair) and the wrong answer it gives, with its values at the prepared points."""

    def __init__(self, cands: list, expr, prep: "Prepared"):
        self.cands, self.expr = cands, expr
        self.at_start = _value(expr, prep.start) if prep.start is not None else math.nan
        self.at_second = _value(expr, prep.second) if prep.second is not None else math.nan
        self.screen = [_value(expr, p) for p in prep.screen]

    @property
    def cand(self):
        return self.cands[0]


class Prepared:
    def __init__(self, graph, truth, wrt_id: int, out_id: int, start: Optional[dict], defined):
        self.graph, self.wrt_id, self.out_id, self.start, self.defined = graph, wrt_id, out_id, start, defined
        self.names = sorted(graph.inputs)
        self.exprs, self.partials = truth.full, Partials()
        self.ds = tangents(graph, self.exprs, wrt_id, out_id, self.partials)
        self.walk = Walk(graph, self.exprs, wrt_id, out_id, self.partials)
        self.pending = catalog(graph, self.exprs, self.ds, wrt_id, out_id, self.partials)
        self.singles: list = []
        self.pairs: Optional[list] = None
        self._pair_queue: Optional[list] = None
        points = [p for p, _ in zip(_points(self.names, start, defined), range(SCREEN_POINTS + 2))]
        others = [p for p in points if p != start]
        self.screen = others[:SCREEN_POINTS]
        self.second = others[0] if others else None
        self._at: dict = {}
        self.true_second = _value(self.ds[out_id], self.second) if self.second is not None else math.nan

    def answers(self) -> list:
        """Every single mistake's answer (computed on first use, kept when a budget interrupts)."""
        while self.pending:
            cand = self.pending[0]
            wrong = cand.replacement if cand.final else self._rerun({cand.node: cand.replacement})[self.out_id]
            self.singles.append(Answer([cand], wrong, self))
            self.pending.pop(0)
        return self.singles

    def pair_answers(self) -> list:
        """Two node mistakes at two different nodes, the second one's rule applied to the first one's result."""
        if self._pair_queue is None:
            nodes = [c for c in self.answers() if not c.cand.final and c.cand.mistake in PAIRABLE]
            self._pair_queue = [(a.cand, b.cand) for i, a in enumerate(nodes) for b in nodes[i + 1:]
                                if a.cand.node < b.cand.node][-MAX_PAIRS:]
            # at one node: its rule applied wrongly and its inner derivative left out too ((uⁿ)' as n·uⁿ)
            self._pair_queue += [(a.cand, b.cand) for a in nodes for b in nodes if a.cand.node == b.cand.node
                                 and a.cand.mistake == INNER and b.cand.mistake != INNER]
            self.pairs = []
        while self._pair_queue:
            first, second = self._pair_queue[0]
            wrong = self._pair(first, second)
            if wrong is not None:
                self.pairs.append(Answer([first, second], wrong, self))
            self._pair_queue.pop(0)
        return self.pairs

    def _rerun(self, replaced: dict, upto: Optional[int] = None):
        (k, d), = replaced.items()
        return tangents(self.graph, self.exprs, self.wrt_id, upto if upto is not None else self.out_id,
                        self.partials, prefix=self.ds[:k] + [d])

    def _pair(self, first, second):
        if first.node == second.node:         # the inner derivative left out: the node's rule sees u' = 1
            inner = list(self.ds)
            for i in self.graph.nodes[first.node].inputs:
                inner[i] = 1
            same = [c for c in self._at_node(first.node) if c.mistake == second.mistake]
            again = [c for c in self.walk.at(first.node, inner) if c.mistake == second.mistake]
            if len(same) != len(again):
                return None
            index = next(i for i, c in enumerate(same) if c.text == second.text)
            return self._rerun({first.node: again[index].replacement})[self.out_id]
        ds = self._rerun({first.node: first.replacement}, second.node - 1)
        same = [c for c in self._at_node(second.node) if c.mistake == second.mistake]
        again = [c for c in self.walk.at(second.node, ds) if c.mistake == second.mistake]
        if len(same) != len(again):
            return None
        index = next(i for i, c in enumerate(same) if c.text == second.text)
        second_d = again[index].replacement
        return tangents(self.graph, self.exprs, self.wrt_id, self.out_id, self.partials,
                        prefix=ds[: second.node] + [second_d])[self.out_id]


    def _at_node(self, k: int) -> list:
        if k not in self._at:
            self._at[k] = self.walk.at(k, self.ds)
        return self._at[k]


def _points(names: list, start: Optional[dict], defined):
    gen = candidate_points(names, start)
    for _ in range(POINT_TRIES):
        point = next(gen)
        if defined(point):
            yield point


def _value(expr, point: dict) -> float:
    try:
        return value_at(expr, point)
    except (TypeError, ValueError, ZeroDivisionError, RecursionError):
        return math.nan


_CACHE: "OrderedDict[tuple, Prepared]" = OrderedDict()
_STATS = {"hits": 0, "misses": 0}


def signature(graph) -> tuple:
    """The graph's structure: two lowerings of the same program have the same signature."""
    return tuple((n.op, n.inputs, n.exact, tuple(n.names), n.param_text) for n in graph.nodes)


def prepare(graph, truth, wrt_id: int, out_id: int, start: Optional[dict], defined) -> Prepared:
    """The catalog's wrong answers for d OUT/d NAME of this graph at ``start`` (None: no point), cached per
    problem: call it once per problem (e.g. before grading a class) and every later diagnosis reuses it."""
    key = (signature(graph), wrt_id, out_id, tuple(sorted((start or {}).items())))
    found = _CACHE.get(key)
    if found is not None:
        _STATS["hits"] += 1
        _CACHE.move_to_end(key)
        return found
    _STATS["misses"] += 1
    found = _CACHE[key] = Prepared(graph, truth, wrt_id, out_id, start, defined)
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return found


def cache_info() -> dict:
    """How many diagnoses reused a prepared problem (hits) and how many prepared one (misses)."""
    return dict(_STATS, size=len(_CACHE))


def clear_cache() -> None:
    _CACHE.clear()
    _STATS.update(hits=0, misses=0)
