"""Verdicts: is a claimed derivative right?

* A *numeric* claim (RHS is a number) is compared with the true value at the point. Tolerance: by default
  ``|claimed - true| <= 1e-6 + 1e-6·|true|``; a decimal written with k digits after the point (``-0.20``)
  is also right when it is the true value rounded to k digits (``-0.1966`` -> ``-0.20``), i.e. within half
  a unit of its last digit. ``--tol X`` replaces both by the absolute tolerance X.
* A *symbolic* claim (RHS mentions variables) must hold at every point where both sides are defined. It is
  first tested at random points (30 significant digits, exact rational points): one disagreeing point is
  a counterexample and the claim is wrong. If it agrees everywhere tested, SymPy tries to prove
  ``true - claimed == 0`` (simplify, then expand_trig, then equals) under the time budget: "proved", or
  "agrees at N random points; not proven".

Nothing here prints.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Optional

import sympy

from .budget import BudgetExceeded, time_budget
from .claims import Claim
from .report import _num as num  # JSON has no inf or nan: the same rule as grad's report
from .symbolic import show, value_at

STRICT_ATOL, STRICT_RTOL = 1e-6, 1e-6
AGREE_RTOL = 1e-10          # two 30-digit values "agree" within this relative error
RANDOM_POINTS = 30          # agreeing points wanted before a proof is attempted
MAX_CANDIDATES = 300        # points tried (many may be outside the domain) before giving up
SEED = 20240610             # fixed: the same claims always get the same points and counterexamples
_NICE = [sympy.Integer(1), sympy.Integer(2), sympy.Rational(1, 2), sympy.Integer(-1), sympy.Integer(3),
         sympy.Rational(3, 2), sympy.Integer(-2), sympy.Rational(1, 3), sympy.Rational(-1, 2), sympy.Rational(5, 2)]


@dataclass
class Verdict:
    claim: str
    lhs: str
    kind: str                       # numeric | symbolic
    status: str                     # right | wrong | undecided
    method: str                     # proved | random points | counterexample | at the point | time budget
    expected: str                   # the true value or expression, as text
    got: str                        # the claimed value or expression, as text
    expected_value: Optional[float] = None   # at the point (--at), when there is one
    got_value: Optional[float] = None
    counterexample: Optional[dict] = None    # {point: {x: value}, expected, got}
    tolerance: Optional[str] = None
    note: str = ""
    points_tested: int = 0
    out_id: int = -1
    wrt_id: int = -1
    partial: bool = False
    true_expr: object = field(default=None, repr=False)      # SymPy, for the locator
    claimed_expr: object = field(default=None, repr=False)
    counter_exact: Optional[dict] = field(default=None, repr=False)   # the counterexample, exactly

    @property
    def ok(self) -> Optional[bool]:
        return {"right": True, "wrong": False}.get(self.status)

    def to_json(self) -> dict:
        return {"claim": self.claim, "lhs": self.lhs, "kind": self.kind, "ok": self.ok, "status": self.status,
                "method": self.method, "expected": self.expected, "got": self.got,
                "expected_value": num(self.expected_value), "got_value": num(self.got_value),
                "counterexample": self.counterexample, "tolerance": self.tolerance, "note": self.note,
                "points_tested": self.points_tested}


def fmt_value(x: Optional[float], digits: int = 10) -> str:
    if x is None:
        return "undefined"
    if not math.isfinite(x):
        return str(x)
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


# --- numeric claims ---------------------------------------------------------------------------------

def tolerance(claim: Claim, tol: Optional[float]) -> tuple:
    """(atol, rtol, description) for a numeric claim; see the module docstring."""
    if tol is not None:
        return tol, 0.0, f"within ±{tol:g} (--tol)"
    literal = claim.decimal_literal
    if literal:
        mantissa, _, exponent = literal.lower().partition("e")
        decimals = len(mantissa.split(".")[1])
        if decimals:
            unit = 10.0 ** (int(exponent or 0) - decimals)
            half = 0.5 * unit * (1 + 1e-9)
            if half > STRICT_ATOL:
                where = f"{decimals} decimal{'s' if decimals > 1 else ''}" if not exponent else "the digits written"
                return half, 0.0, f"rounded to {where} (±{half:.2g})"
    return STRICT_ATOL, STRICT_RTOL, f"within ±({STRICT_ATOL:g} + {STRICT_RTOL:g}·|true|)"


def judge_numeric(verdict: Verdict, true_value: float, claimed_value: float, claim: Claim,
                  tol: Optional[float]) -> Verdict:
    atol, rtol, text = tolerance(claim, tol)
    verdict.expected_value, verdict.got_value, verdict.tolerance = true_value, claimed_value, text
    verdict.expected, verdict.got = fmt_value(true_value), fmt_value(claimed_value)
    verdict.method = "at the point"
    if not math.isfinite(true_value):
        verdict.status, verdict.note = "undecided", "the true derivative is not finite at this point"
    else:
        verdict.status = "right" if abs(claimed_value - true_value) <= atol + rtol * abs(true_value) else "wrong"
    return verdict


# --- symbolic claims --------------------------------------------------------------------------------

def candidate_points(names: list, start: Optional[dict] = None, rng: Optional[random.Random] = None):
    """Exact rational points: the user's point first, then small 'nice' values, then random ones of
    several sizes and signs (half of them positive, for log and sqrt), never exactly 0 (kinks, poles)."""
    rng = rng or random.Random(SEED)
    if start is not None:
        yield dict(start)
    for k in range(len(_NICE)):
        yield {n: _NICE[(k + 3 * j) % len(_NICE)] for j, n in enumerate(names)}
    while True:
        scale = rng.choice((100, 300, 1000))
        positive = rng.random() < 0.5
        point = {}
        for n in names:
            v = rng.randint(1 if positive else -scale, scale)
            point[n] = sympy.Rational(v if v != 0 else 1, 100 if scale != 1000 else 1000)
        yield point


def _agree(a: float, b: float) -> bool:
    return abs(a - b) <= AGREE_RTOL * max(1.0, abs(a), abs(b))


def _defined(x: float) -> bool:
    return isinstance(x, float) and math.isfinite(x)


def random_test(true: sympy.Expr, claimed: sympy.Expr, names: list, start: Optional[dict]) -> tuple:
    """(agreeing points, counterexample or None)."""
    agreed = 0
    gen = candidate_points(names, start)
    for _ in range(MAX_CANDIDATES):
        point = next(gen)
        t, c = value_at(true, point), value_at(claimed, point)
        if not (_defined(t) and _defined(c)):
            continue
        if not _agree(t, c):
            return agreed, {"point": {n: show_number(v) for n, v in point.items()}, "expected": t, "got": c,
                            "exact": point}
        agreed += 1
        if agreed >= RANDOM_POINTS:
            break
    return agreed, None


def show_number(v: sympy.Expr) -> str:
    """An exact point coordinate as a short decimal when it is one (0.73), else as SymPy writes it."""
    if isinstance(v, sympy.Rational) and not v.is_Integer:
        q = v.q
        while q % 2 == 0:
            q //= 2
        while q % 5 == 0:
            q //= 5
        if q == 1:
            return format(float(v), ".12g")
    return sympy.sstr(v)


def prove_zero(difference: sympy.Expr) -> bool:
    """True when SymPy can show the difference is identically zero (real symbols)."""
    if difference == 0 or sympy.expand(difference) == 0:
        return True
    if sympy.simplify(difference) == 0:
        return True
    if sympy.simplify(sympy.expand_trig(difference)) == 0:
        return True
    return bool(difference.equals(0))


def judge_symbolic(verdict: Verdict, true: sympy.Expr, claimed: sympy.Expr, names: list,
                   start: Optional[dict], timeout: Optional[float]) -> Verdict:
    verdict.expected, verdict.got = show(true), show(claimed)
    verdict.true_expr, verdict.claimed_expr = true, claimed
    if start is not None:
        verdict.expected_value, verdict.got_value = _or_none(value_at(true, start)), _or_none(value_at(claimed, start))
    try:
        with time_budget(timeout):
            agreed, counter = random_test(true, claimed, names, start)
            verdict.points_tested = agreed
            if counter is not None:
                verdict.counter_exact = counter.pop("exact")
                verdict.status, verdict.method, verdict.counterexample = "wrong", "counterexample", counter
                if start is not None and verdict.got_value is not None and verdict.expected_value is not None \
                        and _agree(verdict.got_value, verdict.expected_value):
                    verdict.note = "right at the given point, but not in general"
                return verdict
            if prove_zero(true - claimed):
                verdict.status, verdict.method = "right", "proved"
                return verdict
    except BudgetExceeded:
        if verdict.points_tested == 0:
            verdict.status, verdict.method = "undecided", "time budget"
            verdict.note = f"time budget ({timeout:g} s, --timeout) ran out before any point was tested"
            return verdict
        verdict.note = f"the proof attempt ran out of time ({timeout:g} s, --timeout)"
    if verdict.points_tested == 0:
        verdict.status, verdict.method = "undecided", "random points"
        verdict.note = "no tested point had both sides defined"
        return verdict
    verdict.status, verdict.method = "right", "random points"
    verdict.note = (f"agrees at {verdict.points_tested} random points; not proven"
                    + (f" ({verdict.note})" if verdict.note else ""))
    return verdict


def _or_none(x: float) -> Optional[float]:
    return x if _defined(x) else None
