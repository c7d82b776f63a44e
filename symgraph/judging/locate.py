"""Locate the mistake: where a hand derivation over named steps first went wrong.

Backpropagation over the user's own decomposition computes, for every node N,
``dOUT/dN = sum over the steps s that use N of dOUT/ds · ∂s/∂N``. The wrong claims are visited in
backward-pass order (nearest OUT first); the first is where the derivation first went wrong. For each wrong
claim the explanation names the steps s, says which of the student's pieces (``dOUT/ds``, ``ds/dN``) are
right or wrong, and whether the error is in a piece or in combining the paths (a forgotten path or a
forgotten factor is recognised by its value).

All values are at one point: ``--at``, or else the counterexample of the first wrong symbolic claim, and
come from the graph (so a kink uses symgraph's convention). Symbolic forms of the local partials are shown
when SymPy can build them (not for a too deeply nested expression). Nothing here prints.
"""
from __future__ import annotations

import math
from itertools import combinations
from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.errors import DomainError
from symgraph.core.evaluate import evaluate
from symgraph.judging.judge import fmt_pair, fmt_value, show_number
from symgraph.core.lower import Graph
from symgraph.core.point import Point
from symgraph.checks.symbolic import show, value_at
from symgraph.judging.truth import Truth

CLOSE = (1e-6, 1e-6)


def _close(a: Optional[float], b: Optional[float]) -> bool:
    if a is None or b is None or not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) <= CLOSE[0] + CLOSE[1] * abs(b)


def _n(x: Optional[float]) -> str:
    text = fmt_value(x, 6)
    return f"({text})" if text.startswith("-") else text


def _and(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def locate(graph: Graph, truth: Truth, verdicts: list, point: Optional[Point], timeout) -> dict:
    wrong = [v for v in verdicts if v.ok is False]
    if not wrong:
        return {}
    exact = dict(point.exact) if point is not None else None
    if exact is None:   # no --at: use the counterexample of the first wrong claim in backward order
        with_counter = sorted((v for v in wrong if v.counter_exact), key=lambda v: (v.out_id, -v.wrt_id))
        if not with_counter:
            return {}
        exact = with_counter[0].counter_exact
        try:
            truth = truth.at(evaluate(graph, {k: float(x) for k, x in exact.items()}))
        except DomainError:
            return {}
    ordered = sorted(wrong, key=lambda v: (v.out_id != graph.output, v.out_id, -v.wrt_id))
    result = {"first_wrong": ordered[0].lhs, "first_wrong_claim": ordered[0].claim,
              "first_wrong_node": graph.nodes[ordered[0].wrt_id].name,
              "point": {k: show_number(x) for k, x in exact.items()}, "explanations": []}
    try:
        with time_budget(timeout):
            ctx = _Context(graph, truth, verdicts, exact)
            for k, v in enumerate(ordered):
                try:
                    text = ctx.explain(v)
                except RecursionError:
                    text = f"{v.lhs} = {v.got} is wrong (true {v.expected}); the expression is nested too " \
                           "deeply for SymPy to write out the chain rule"
                result["explanations"].append({"claim": v.lhs, "first": k == 0, "text": text})
    except BudgetExceeded:
        result["note"] = f"the explanation ran out of time ({timeout:g} s, --timeout)"
    return result


class _Context:
    def __init__(self, graph: Graph, truth: Truth, verdicts: list, exact: dict):
        self.graph, self.truth, self.exact = graph, truth, exact
        self.by_pair = {}
        for v in verdicts:
            self.by_pair.setdefault((v.out_id, v.wrt_id), v)

    def name(self, node_id: int) -> str:
        return self.graph.nodes[node_id].name

    def true_value(self, v) -> Optional[float]:
        return self.truth.value(v.out_id, v.wrt_id, v.partial)

    def local_text(self, out: int, wrt: int) -> Optional[str]:
        """∂OUT/∂NAME written with the named steps held fixed, or None when SymPy cannot build it."""
        try:
            return show(self.truth.local(out, wrt, in_steps=True))
        except RecursionError:
            return None

    def claimed_value(self, v) -> Optional[float]:
        if v.claimed_expr is None:
            return v.got_value
        x = value_at(v.claimed_expr, self.exact)
        return None if math.isnan(x) else x

    def explain(self, v) -> str:
        out, wrt = v.out_id, v.wrt_id
        tv, cv = self.true_value(v), self.claimed_value(v)
        shown_c, shown_t = fmt_pair(cv, tv)
        head = f"{v.lhs} = {v.got} is wrong (true {v.expected})" if v.kind == "numeric" else \
            f"{v.lhs} = {v.got} is wrong: at {self._where()} it gives {shown_c}, the true value is {shown_t}"
        if v.method == "at a kink":
            return f"{v.lhs} = {v.got} is wrong: {v.note}."
        cut = truncated(v, tv)
        if cut:
            return f"{v.lhs} = {v.got} is wrong (true {v.expected}): {cut}."
        if wrt == out:
            return f"{head}; the derivative of a step with respect to itself is always 1."
        if v.partial:
            body = self.local_text(out, wrt)
            return (f"{head}. In the statement for {self.name(out)}, with the other named steps held fixed, "
                    f"∂{self.name(out)}/∂{self.name(wrt)} = {body + ' = ' if body else ''}{_n(tv)}.")
        users = self.truth.users(wrt, out)
        if not users:
            return f"{head}; {self.name(out)} does not depend on {self.name(wrt)}, so the derivative is 0."
        body = self._paths(v, users, tv, cv)
        return head + (body if body.startswith(": ") else ". " + body)

    def _where(self) -> str:
        return ", ".join(f"{k} = {show_number(x)}" for k, x in self.exact.items()) or "the point"

    def _paths(self, v, users: list, tv, cv) -> str:
        out, wrt = v.out_id, v.wrt_id
        o, n = self.name(out), self.name(wrt)
        adj = self.truth.adjoints(out)
        terms, facts, right, wrong, formula, numbers = [], [], [], [], [], []
        for s in users:
            local_sym = self.local_text(s, wrt)
            local_val = self.truth.value(s, wrt, partial=True)
            a = 1.0 if s == out else adj[s]
            mine_a, mine_l = a, local_val
            if s != out:
                formula.append(f"d{o}/d{self.name(s)}·∂{self.name(s)}/∂{n}")
                numbers.append(f"{_n(a)}·{_n(local_val)}")
                piece = self.by_pair.get((out, s))
                if piece is not None and not piece.partial:
                    (right if piece.ok else wrong).append(piece)
                    mine_a = self.claimed_value(piece) if piece.ok is False else a
            else:
                formula.append(f"∂{o}/∂{n}")
                numbers.append(_n(local_val))
            facts.append(f"∂{self.name(s)}/∂{n} = " + (f"{local_sym} = " if local_sym not in (
                None, fmt_value(local_val, 6)) else "") + fmt_value(local_val, 6))
            piece = self.by_pair.get((s, wrt)) if s != out else None
            if piece is not None and (piece.partial or _close(self.true_value(piece), local_val)):
                (right if piece.ok else wrong).append(piece)
                mine_l = self.claimed_value(piece) if piece.ok is False else local_val
            terms.append((s, a * local_val, mine_a, mine_l))
        if users == [out]:
            fact = facts[0].replace(f"∂{o}/∂{n}", f"d{o}/d{n} = ∂{o}/∂{n}", 1)
            return (f"{o}'s own statement uses {n} directly (no named step in between), so {fact}; the error "
                    f"is in differentiating that statement with respect to {n}.")
        feeds = " and ".join(self.name(s) for s in users)
        chain = (f"{n} feeds {feeds}, so d{o}/d{n} = {' + '.join(formula)} = {' + '.join(numbers)} = "
                 f"{fmt_value(tv, 6)}")
        if wrong:
            w = wrong[0]
            text = (f"{chain}. It builds on your {w.lhs} = {w.got}, which is wrong (true {w.expected})")
            if cv is not None and _close(sum(ma * ml for _, _, ma, ml in terms), cv):
                text += f"; your {v.lhs} follows correctly from it, so fix {w.lhs} first"
            return text + "."
        said = ""
        if right:
            said = (f"Your {_and([f'{p.lhs} = {p.got}' for p in right])} "
                    f"{'is' if len(right) == 1 else 'are'} right, and {_and(facts)}")
        else:
            said = f"Here {_and(facts)}"
        diagnosis = getattr(v, "diagnosis", None)
        if diagnosis and diagnosis["mistake"] != "path-missing":
            # the diagnosis names the mistake; the paths read as "also", not as a second, different verdict
            paths = any(a["mistake"] == "path-missing" for a in diagnosis.get("also") or [])
            return (f": {_named(diagnosis)}. Also: {chain}. {said}; combined right, they give {fmt_value(tv, 6)}"
                    f"{self._guess(terms, cv, n, o) if paths else ''}.")
        return f"{chain}. {said}, so the error is in combining the paths into {n}{self._guess(terms, cv, n, o)}."

    def _guess(self, terms: list, cv, n: str, o: str) -> str:
        """Recognise a forgotten path or a forgotten factor by the claimed value."""
        if cv is None:
            return ""
        if len(terms) > 1:
            for size in range(1, len(terms)):
                for subset in combinations(terms, size):
                    if _close(sum(t for _, t, _, _ in subset), cv):
                        kept = " and ".join(self.name(s) for s, _, _, _ in subset)
                        missed = " and ".join(self.name(s) for s, _, _, _ in terms if all(s != k[0] for k in subset))
                        return f" (your value counts only the path through {kept}; it misses {missed})"
        (s, t, a, l), = terms if len(terms) == 1 else [(None, None, None, None)]
        if s is not None and _close(a, cv) and not _close(l, 1.0):
            return f" (your value leaves out the factor ∂{self.name(s)}/∂{n})"
        if s is not None and _close(l, cv) and not _close(a, 1.0):
            return f" (your value leaves out the factor d{o}/d{self.name(s)})"
        return ""


def _named(diagnosis: dict) -> str:
    """Each fitting mistake's reading followed by its catalog name."""
    also = diagnosis.get("also") or []
    own = diagnosis["text"]
    for a in also:
        own = own.replace("; or " + a["text"], "")
    return "; or ".join(f"{text} ({mistake})" for text, mistake in
                        [(own, diagnosis["mistake"])] + [(a["text"], a["mistake"]) for a in also])


WORDS = {1: "one decimal", 2: "two decimals", 3: "three decimals"}


def truncated(v, true: Optional[float]) -> str:
    """A decimal answer that is the true value cut off, not rounded (4.3 for 4.3548): said so, with the
    rounded value that would be right; "" otherwise."""
    literal = _decimal_literal(v)
    if literal is None or true is None or not math.isfinite(true) or v.got_value is None:
        return ""
    decimals = len(literal.split(".")[1])
    scale = 10 ** decimals
    cut = math.trunc(true * scale) / scale
    rounded = f"{true:.{decimals}f}"
    if not decimals or abs(cut - v.got_value) > 1e-9 * max(1.0, abs(true)) or float(rounded) == v.got_value:
        return ""
    places = WORDS.get(decimals, f"{decimals} decimals")
    return (f"that is the true value {fmt_value(true, 6)} truncated to {places}; rounded to {places} it is "
            f"{rounded} (a decimal answer is right when it is the true value rounded to the digits written)")


def _decimal_literal(v) -> Optional[str]:
    from symgraph.judging.claims import parse_claim
    from symgraph.errors import SymgraphError

    if v.kind != "numeric":
        return None
    try:
        literal = parse_claim(v.claim).decimal_literal
    except SymgraphError:
        return None
    return literal if literal and "e" not in literal.lower() else None
