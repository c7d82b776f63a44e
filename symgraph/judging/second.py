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
import re
from dataclasses import dataclass
from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.symbolic import symbol
from symgraph.core.constants import to_float
from symgraph.core.parser import Node, parse_expression
from symgraph.errors import ParseError, SymgraphError
from symgraph.safe_text import quoted
from symgraph.judging.claims import claimed_expr, describe_names
from symgraph.judging.names import names_in, reanchor
from symgraph.notation.prime import claim_equals, SecondOrder, only_variable, output_alias, read_lhs
from symgraph.judging.judge import Verdict, judge_numeric, judge_symbolic

_D = r"(?:d|∂|𝜕)"
_TWO = r"(?:2|²|\^\s*2)"
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
# d2f/dx2, d²f/dx², d^2 f / dx^2, ∂²f/∂x²
_SAME = re.compile(rf"\s*({_D}){_TWO}\s*({_NAME})\s*/\s*{_D}\s*({_NAME}?)\s*{_TWO}\s*")
# d^2f/dxdy, d²f/dx dy, ∂²f/∂x∂y
_MIXED = re.compile(rf"\s*({_D}){_TWO}\s*({_NAME})\s*/\s*{_D}\s*({_NAME}(?:\s*{_D}\s*{_NAME})?)\s*")


@dataclass
class SecondClaim:
    text: str
    out: str
    wrt: str            # first variable, or the raw denominator "xdy" until resolved against the graph
    wrt2: str
    partial: bool
    rhs: Node
    rhs_text: str
    rhs_offset: int
    at: Optional[str] = None     # f''(1): the point of the expression's only variable, as written

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
        if self.wrt2 == "":           # a mixed denominator: find the split into two inputs
            self.wrt, self.wrt2 = _split(self.wrt, graph, self.text)
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


def _split(denominator: str, graph, text: str) -> tuple:
    """``x∂y`` and ``x dy`` split where written; ``xdy`` at the one 'd' that leaves two inputs."""
    if re.search(r"[∂𝜕]", denominator):
        found = [tuple(re.split(r"\s*[∂𝜕]\s*", denominator))]
    elif re.search(r"\s", denominator):
        first, second = denominator.split(None, 1)
        found = [(first, second[1:].strip())]
    else:
        found = [(denominator[:k], denominator[k + 1:]) for k in range(1, len(denominator) - 1)
                 if denominator[k] == "d" and denominator[:k] in graph.inputs and denominator[k + 1:] in graph.inputs]
    if len(found) != 1:
        raise ParseError(f"claim {quoted(text.strip())}: cannot read d{denominator} as d<input> d<input> "
                         f"({describe_names(graph)}); separate them with a space: dx dy", text, text.find("/") + 1)
    return found[0]


def parse_second(text: str) -> Optional[SecondClaim]:
    """The claim as a second-derivative claim, or None when its left side is not one of the forms above."""
    if not isinstance(text, str):
        return None
    eq = claim_equals(text)
    if eq < 0:
        return None
    lhs = text[:eq]
    m = _SAME.fullmatch(lhs)
    mixed = _MIXED.fullmatch(lhs) if m is None else None
    if m is None and mixed is None:
        return _from_notation(text, eq)
    sign, out, var = (m or mixed).groups()
    if m is not None and not var:
        return None
    wrt, wrt2 = (var, var) if m is not None else (var, "")
    return SecondClaim(text, out, wrt, wrt2, sign != "d", *_rhs(text, eq))


def _rhs(text: str, eq: int) -> tuple:
    rhs_text = text[eq + 1:]
    if not rhs_text.strip():
        raise ParseError("claim has no right-hand side after '='", text, eq)
    try:
        return parse_expression(rhs_text), rhs_text, eq + 1
    except SymgraphError as exc:
        raise reanchor(exc, text, eq + 1) from None     # the caret moved into the claim's text


def _from_notation(text: str, eq: int) -> Optional[SecondClaim]:
    """f''(x), f''(1), f'', \\frac{d^2 f}{dx^2}, \\frac{\\partial^2 f}{\\partial x \\partial y}: the notation
    module recognizes them and hands them over as SecondOrder; anything else is not a second derivative."""
    try:
        read_lhs(text, eq)
    except SecondOrder as so:
        _exact_order(text, eq, so.wrts)
        rhs, rhs_text, offset = _rhs(text, eq)
        if so.at is not None and names_in(rhs):
            raise ParseError(f"{so.out}''({so.at}) is a number: its right-hand side must be a number too", text,
                             offset) from None
        first, last = so.wrts[0], so.wrts[-1]
        partial = any(sign in text[:eq] for sign in ("∂", "𝜕", "\\partial"))
        return SecondClaim(text, so.out, first, last, partial, rhs, rhs_text, offset, at=so.at)
    except SymgraphError:
        return None                       # not a second derivative: parse_claim reports its own error
    return None


_NUMERATOR = re.compile(r"(?:\\partial|\\mathrm\s*\{\s*d\s*\}|∂|𝜕|d)\s*(?:\^\s*\{?\s*(\d+)|([²³⁴⁵⁶⁷⁸⁹])|(\d))?")
_SUPERSCRIPTS = {c: k for k, c in enumerate("⁰¹²³⁴⁵⁶⁷⁸⁹")}


def _exact_order(text: str, eq: int, wrts: list) -> None:
    """A left side is judged as the derivative it says, or refused with what was read: the order written
    over the fraction (∂², d^2, \\partial^2) must be 2 and the variables under it two (∂x∂y, dx², x^2).
    ∂²f/∂x∂y∂z (third order) or ∂f/∂x∂y (first order over two variables) is never judged as another
    second derivative. f''(x) has no order over a fraction, only its variables to check."""
    m = _NUMERATOR.search(text[:eq]) if "/" in text[:eq] or "frac" in text[:eq] else None
    order = None if m is None else int(m.group(1) or _SUPERSCRIPTS.get(m.group(2) or "", 0) or m.group(3) or 1)
    if len(wrts) == 2 and order in (None, 2):
        return
    names = ", ".join(w or "x" for w in wrts)
    said = f"order {order}" if order is not None else "a second derivative"
    raise ParseError(f"claim {quoted(text.strip())}: its left side reads as {said} taken with respect to {len(wrts)} "
                     f"variable{'s' if len(wrts) != 1 else ''} ({names}); the order must match the variables "
                     "(∂²f/∂x∂y, d²f/dx²), and claims are first or second derivatives", text, 0)


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
