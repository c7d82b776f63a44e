"""Claims about second derivatives: ``d2f/dx2 = 6*x``, ``d²f/dx² = 2``, ``d^2f/dxdy = 3``, ``∂²f/∂x∂y = 1``.

The left side is read here with a few patterns (never evaluated); the right side with the same safe parser
as every claim. OUT is the output or a named step; the two variables are inputs. ``d`` and ``∂`` mean the
same here (second derivatives with every other input held fixed).

Judged as first-derivative claims are: a number with ``--at`` against the graph's own Hessian entry
(forward-over-reverse, so kinks use the convention f'' = 0 there), anything else symbolically (random exact
points, then a proof, a counterexample when wrong) against SymPy's ``diff`` taken twice.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.symbolic import symbol
from symgraph.core.constants import to_float
from symgraph.core.parser import Node, parse_expression
from symgraph.errors import ParseError, SymgraphError
from symgraph.safe_text import quoted
from symgraph.judging.claims import claimed_expr, describe_names
from symgraph.judging.names import names_in, reanchor
from symgraph.notation.leibniz import Leibniz, beyond_second, exact, settle, unambiguous, written
from symgraph.notation.prime import claim_equals, SecondOrder, only_variable, output_alias, read_lhs
from symgraph.judging.judge import Verdict, judge_numeric, judge_symbolic


@dataclass
class SecondClaim:
    text: str
    out: str
    wrt: Optional[str]  # first variable (None: the expression's only variable, f''); "" until resolved
    wrt2: Optional[str]
    partial: bool
    rhs: Node
    rhs_text: str
    rhs_offset: int
    at: Optional[str] = None     # f''(1): the point of the expression's only variable, as written
    pending: Optional[Leibniz] = None    # dxdy, dx2: the variables are read against the graph's inputs
    primes: bool = False         # f''(x): Lagrange's notation names one variable
    notes: list = field(default_factory=list, compare=False)    # how the claim was read

    @property
    def lhs(self) -> str:
        sign = "∂" if self.partial else "d"
        at = f" at {self.wrt} = {self.at}" if self.at else ""
        if self.wrt == self.wrt2:
            return f"{sign}²{self.out}/{sign}{self.wrt}²{at}"
        return f"{sign}²{self.out}/{sign}{self.wrt}{sign}{self.wrt2}{at}"

    @property
    def numeric(self) -> bool:
        return not names_in(self.rhs)

    @property
    def decimal_literal(self) -> Optional[str]:
        node = self.rhs.args[0] if self.rhs.kind == "neg" else self.rhs
        return node.text if node.kind == "num" and "." in node.text else None

    def resolve(self, graph) -> tuple:
        """(OUT's node id, first input's node id); splits ``dxdy`` into two inputs of the graph."""
        ids = graph.names
        if self.wrt is None:              # f''(x) without a name, f''(1): the only variable
            self.wrt = self.wrt2 = only_variable(self, graph)
        self.out = output_alias(self.out, graph)
        if self.out not in ids or self.out in graph.inputs:
            raise ParseError(f"claim {quoted(self.text.strip())}: '{self.out}' is not the output or a named step "
                             f"({describe_names(graph)})", self.text, max(self.text.find(self.out), 0))
        if self.pending is not None:      # dxdy, dx2: the split or the power the graph's inputs allow
            self.wrt, self.wrt2 = _settled(self.pending, graph, self.text)
            self.pending = None
        elif self.primes and len(graph.inputs) > 1:       # said once, when resolved twice (grading)
            held = ", ".join(n for n in graph.inputs if n != self.wrt)
            said = f"{self.out}''({self.wrt}) means the second partial ∂²{self.out}/∂{self.wrt}², with {held} held fixed"
            self.notes += [said] if said not in self.notes else []
        for name in (self.wrt, self.wrt2):
            if name not in graph.inputs:
                raise ParseError(f"claim {quoted(self.text.strip())}: second derivatives are taken with respect to "
                                 f"inputs, and '{name}' is not one ({describe_names(graph)})", self.text,
                                 max(self.text.find(name, self.text.find("/")), 0))
        for node in names_in(self.rhs):
            if node.text not in ids:
                raise ParseError(f"claim {quoted(self.text.strip())}: '{node.text}' on the right-hand side is not a "
                                 f"variable or a named step ({describe_names(graph)})", self.text,
                                 self.rhs_offset + node.col)
        return ids[self.out], graph.inputs[self.wrt]


def _settled(lz: Leibniz, graph, text: str) -> tuple:
    """The two variables of a left side whose spelling waits for the inputs (``dxdy``, ``dx2``), or the
    ParseError naming what could not be read or could be read two ways."""
    factors = []
    for f in lz.factors:
        found = settle(f, graph.inputs, lz.bare)
        if len(found) != 1:
            why = f"reads two ways ({' or '.join(written(r) for r in found)})" if found else "names no input"
            raise ParseError(f"claim {quoted(text.strip())}: {f.sign}{f.name} {why} ({describe_names(graph)}); "
                             f"write each variable with its own {f.sign} and a power with ^ ({f.sign}x^2, "
                             f"{f.sign}x {f.sign}y)", text, max(text.find(f.name), 0))
        factors += found[0]
    return tuple(exact(lz, factors, text))


def parse_second(text: str) -> Optional[SecondClaim]:
    """The claim as a second-derivative claim, or None when its left side is not one of the forms above."""
    if not isinstance(text, str):
        return None
    eq = claim_equals(text)
    if eq < 0:
        return None
    return _from_notation(text, eq)


def _rhs(text: str, eq: int) -> tuple:
    rhs_text = text[eq + 1:]
    if not rhs_text.strip():
        raise ParseError("claim has no right-hand side after '='", text, eq)
    try:
        return parse_expression(rhs_text), rhs_text, eq + 1
    except SymgraphError as exc:
        raise reanchor(exc, text, eq + 1) from None     # the caret moved into the claim's text


def _from_notation(text: str, eq: int) -> Optional[SecondClaim]:
    """d^2f/dx^2, ∂²f/∂x∂y, f''(x), f''(1), f'', \\frac{d^2 f}{dx^2}, \\frac{\\partial^2 f}{\\partial x \\partial y}:
    the notation modules recognize them and hand them over as SecondOrder; a Leibniz left side is read
    exactly (notation/leibniz.py) or refused here; anything else is not a second derivative."""
    try:
        read_lhs(text, eq)
    except SecondOrder as so:
        lz, wrts, pending = so.leibniz, so.wrts, None
        if lz is not None:
            factors = unambiguous(lz)
            if factors is None:
                beyond_second(lz, text)
                wrts, pending = ["", ""], lz
            else:
                wrts = exact(lz, factors, text)
        rhs, rhs_text, offset = _rhs(text, eq)
        if so.at is not None and names_in(rhs):
            raise ParseError(f"{so.out}''({so.at}) is a number: its right-hand side must be a number too", text,
                             offset) from None
        partial = lz.sign == "∂" if lz is not None else any(s in text[:eq] for s in ("∂", "𝜕", "\\partial"))
        return SecondClaim(text, so.out, wrts[0], wrts[-1], partial, rhs, rhs_text, offset, at=so.at,
                           pending=pending, primes=lz is None and "'" in _straight(text[:eq]))
    except SymgraphError:
        return None                       # not a second derivative: parse_claim reports its own error
    return None


def _straight(lhs: str) -> str:
    """f′′(x), f″(x), f^{\\prime\\prime}(x): every prime as '."""
    for prime in ("′", "’", "″", "”", "\\prime"):
        lhs = lhs.replace(prime, "'")
    return lhs


class SecondVerdict(Verdict):
    """A verdict on a second-derivative claim (the locator and the backward rows skip these)."""

    def to_dict(self) -> dict:
        return {**super().to_dict(), "order": 2}


def judge_second(claim: SecondClaim, out_id: int, graph, truth, start: Optional[dict], timeout, tol,
                 defined) -> Verdict:
    verdict = SecondVerdict(claim.text.strip(), claim.lhs, "numeric" if claim.numeric and start else "symbolic",
                            "undecided", "time budget", "", " ".join(claim.rhs_text.split()), out_id=out_id,
                            wrt_id=graph.inputs[claim.wrt])
    at_value = _graph_value(graph, truth, out_id, claim) if start is not None else None
    if claim.numeric and start is not None:
        verdict = judge_numeric(verdict, at_value, to_float(claimed_expr(claim, graph, [])), claim, tol)
        verdict.got = " ".join(claim.rhs_text.split())
        if truth.ev.kinks:
            verdict.note = "at a kink: second derivatives there are 0 by convention (PyTorch's)"
        return verdict
    try:
        with time_budget(timeout):
            x, y = symbol(claim.wrt), symbol(claim.wrt2)
            true = truth.full[out_id].diff(x, y)
            claimed = claimed_expr(claim, graph, truth.full)
    except (BudgetExceeded, RecursionError):
        verdict.note = f"time budget ({timeout:g} s, --timeout) ran out building the true second derivative"
        return verdict
    ok_at = None if at_value is None or math.isnan(at_value) else at_value
    verdict = judge_symbolic(verdict, true, claimed, sorted(graph.inputs), start, timeout, ok_at, defined)
    verdict.got = " ".join(claim.rhs_text.split())
    return verdict


def _graph_value(graph, truth, out_id: int, claim: SecondClaim) -> float:
    """H[wrt][wrt2] of OUT at the point, by forward-over-reverse on the graph."""
    from symgraph.higher.outputs import with_output
    from symgraph.higher.second import forward_over_reverse

    g = with_output(graph, out_id)
    sweep = forward_over_reverse(g, truth.ev, truth.adjoints(out_id), [claim.wrt], [{claim.wrt2: 1.0}])
    return sweep.columns[0][0]
