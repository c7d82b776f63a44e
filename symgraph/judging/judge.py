"""Verdicts: is a claimed derivative right?

* A *numeric* claim (RHS is a number) is compared with the true value at the point. Tolerance: by default
  ``|claimed - true| <= 1e-6 + 1e-6·|true|``; a decimal written with k digits after the point (``-0.20``)
  is also right when it is the true value rounded to k digits (``-0.1966`` -> ``-0.20``), i.e. within half
  a unit of its last digit. ``--tol X`` replaces both by the absolute tolerance X.
* A *symbolic* claim (RHS mentions variables, or has none and there is no point) must hold at every point
  where the expression is defined. It is first tested at exact rational points where the expression (every
  step) is defined and differentiable, both sides and their difference evaluated with 50 significant
  digits: a difference beyond ``AGREE_RTOL`` relative is a counterexample and the claim is wrong. If it
  agrees everywhere tested, SymPy tries to settle ``true - claimed``: simplified to 0 is "proved", to a
  nonzero constant is wrong (a counterexample at a tested point), else "agrees at N random points; not
  proven".
* At a kink (abs or relu at 0 on the way from NAME to OUT) a numeric claim is right when it lies in the
  range of the values every choice of a subgradient gives (see ``Truth.kink_range``).

Nothing here prints.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Optional

import sympy

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.judging.claims import Claim
from symgraph.report import json_num as num  # JSON has no inf or nan: the same rule as grad's report
from symgraph.checks.symbolic import show, value_at

STRICT_ATOL, STRICT_RTOL = 1e-6, 1e-6
AGREE_RTOL = 1e-20          # true and claimed agree when their 50-digit difference is below this, relative
AGREE_ATOL = 1e-40          # ... or absolute (both sides 0): far above 50-digit rounding, far below any claim
PRECISION_RTOL = 1e-12      # a decimal's digits beyond what the graph's float64 value can tell are not judged
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
    method: str                     # proved | random points | counterexample | at the point | at a kink | time budget
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
    diagnosis: Optional[dict] = None         # diagnose.py: {mistake, node, text, also} for a wrong claim
    timed_out: bool = False                  # a time budget cut the judging short: a teacher should look

    @property
    def ok(self) -> Optional[bool]:
        return {"right": True, "wrong": False}.get(self.status)

    def to_dict(self) -> dict:
        return {"claim": self.claim, "lhs": self.lhs, "kind": self.kind, "ok": self.ok, "status": self.status,
                "method": self.method, "expected": self.expected, "got": self.got,
                "expected_value": num(self.expected_value), "got_value": num(self.got_value),
                "counterexample": self.counterexample, "tolerance": self.tolerance, "note": self.note,
                "points_tested": self.points_tested, "diagnosis": self.diagnosis}


def fmt_value(x: Optional[float], digits: int = 10) -> str:
    if x is None:
        return "undefined"
    if not math.isfinite(x):
        return str(x)
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def fmt_pair(a: Optional[float], b: Optional[float], digits: int = 6) -> tuple:
    """Two values with enough significant digits (up to 17) that they print differently when they differ."""
    while digits < 17 and a != b and fmt_value(a, digits) == fmt_value(b, digits):
        digits += 1
    return fmt_value(a, digits), fmt_value(b, digits)


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
            where = f"{decimals} decimal{'s' if decimals > 1 else ''}" if not exponent else "the digits written"
            return half, PRECISION_RTOL, f"rounded to {where} (±{half:.2g})"
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


def judge_kink(verdict: Verdict, convention: float, lo: float, hi: float, claimed_value: float, claim: Claim,
               tol: Optional[float], why: str) -> Verdict:
    """A numeric claim where OUT is not differentiable: right when it lies in [lo, hi], the values that the
    chain rule gives for every choice of a subgradient at the kinks (symgraph's own convention among them)."""
    atol, rtol, _ = tolerance(claim, tol)
    verdict.expected_value, verdict.got_value, verdict.method = convention, claimed_value, "at a kink"
    span = f"[{fmt_value(lo, 6)}, {fmt_value(hi, 6)}]"
    verdict.expected = f"{fmt_value(convention)} (symgraph's convention); any value in {span}"
    verdict.got = " ".join(claim.rhs_text.split())
    slack = atol + rtol * max(abs(lo), abs(hi))
    inside = lo - slack <= claimed_value <= hi + slack
    verdict.status = "right" if inside else "wrong"
    verdict.tolerance = f"in {span}, {tolerance(claim, tol)[2]}"
    verdict.note = (f"not differentiable here, so not comparable to one true value: {why}. Every subgradient "
                    f"choice gives a value in {span}; " + ("yours is one of them, so it is accepted" if inside
                                                           else "yours is outside that range"))
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


def _agree(a: float, b: float, difference: float) -> bool:
    """``difference`` is true - claimed evaluated with 50 digits, so 1e-12 (or 1e-30) is still visible."""
    if not _defined(difference):
        difference = a - b
    return abs(difference) <= AGREE_RTOL * max(abs(a), abs(b)) + AGREE_ATOL


def _defined(x: float) -> bool:
    return isinstance(x, float) and math.isfinite(x)


def random_test(true: sympy.Expr, claimed: sympy.Expr, names: list, start: Optional[dict],
                defined=None) -> tuple:
    """(points tested, counterexample or None, the agreeing points). ``defined(point)`` says whether the
    expression itself (every step) is defined and differentiable there; other points are skipped."""
    agreed = []
    difference = true - claimed
    gen = candidate_points(names, start)
    for _ in range(MAX_CANDIDATES):
        point = next(gen)
        if defined is not None and not defined(point):
            continue
        t, c = value_at(true, point), value_at(claimed, point)
        if not (_defined(t) and _defined(c)):
            continue
        d = value_at(difference, point)
        if not _agree(t, c, d):
            return len(agreed) + 1, counterexample(point, t, c, d), agreed
        agreed.append(point)
        if len(agreed) >= RANDOM_POINTS:
            break
    return len(agreed), None, agreed


def counterexample(point: dict, t: float, c: float, d: float) -> dict:
    return {"point": {n: show_number(v) for n, v in point.items()}, "expected": t, "got": c,
            "difference": d if _defined(d) else t - c, "exact": point}


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


def rounding_only(number: sympy.Expr) -> bool:
    """A constant difference that holds a Float (a claim's constant part folded to 60 digits, say) is zero
    when it is below the Floats' own rounding: 1e-40 relative to its largest term."""
    terms = [abs(sympy.N(t, 50)) for t in sympy.Add.make_args(number)]
    return abs(sympy.N(number, 50)) <= sympy.Float("1e-40") * (1 + max(terms))


def settle(difference: sympy.Expr) -> Optional[bool]:
    """True when SymPy shows the difference is identically zero (real symbols), False when it reduces it to
    a nonzero constant, None when it can do neither."""
    if difference == 0 or sympy.expand(difference) == 0:
        return True
    simple = sympy.simplify(difference)
    if simple == 0:
        return True
    if simple.is_number:
        if simple.has(sympy.Float) and rounding_only(simple):
            return True
        return False if simple.is_zero is False else None
    if sympy.simplify(sympy.expand_trig(difference)) == 0:
        return True
    return True if difference.equals(0) else None


def judge_symbolic(verdict: Verdict, true: sympy.Expr, claimed: sympy.Expr, names: list,
                   start: Optional[dict], timeout: Optional[float], at_value: Optional[float] = None,
                   defined=None) -> Verdict:
    """``at_value`` is the true value at ``start`` from the graph (its convention at kinks)."""
    verdict.expected, verdict.got = show(true), show(claimed)
    verdict.true_expr, verdict.claimed_expr = true, claimed
    if start is not None:
        verdict.expected_value, verdict.got_value = at_value, _or_none(value_at(claimed, start))
    try:
        with time_budget(timeout):
            tested, counter, agreed = random_test(true, claimed, names, start, defined)
            verdict.points_tested = tested
            if counter is None and agreed:
                settled = settle(true - claimed)
                if settled:
                    verdict.status, verdict.method = "right", "proved"
                    return verdict
                if settled is False:       # a nonzero constant: wrong everywhere, however small
                    p = agreed[0]
                    counter = counterexample(p, value_at(true, p), value_at(claimed, p),
                                             value_at(true - claimed, p))
            if counter is not None:
                verdict.counter_exact = counter.pop("exact")
                verdict.status, verdict.method, verdict.counterexample = "wrong", "counterexample", counter
                if verdict.got_value is not None and verdict.expected_value is not None \
                        and abs(verdict.got_value - verdict.expected_value) <= 1e-12 * (1 + abs(at_value)):
                    verdict.note = "right at the given point, but not in general"
                return verdict
    except BudgetExceeded:
        verdict.timed_out = True
        if verdict.points_tested == 0:
            verdict.status, verdict.method = "undecided", "time budget"
            verdict.note = f"time budget ({timeout:g} s, --timeout) ran out before any point was tested"
            return verdict
        verdict.note = f"the proof attempt ran out of time ({timeout:g} s, --timeout)"
    except RecursionError:
        if verdict.points_tested == 0:
            verdict.status, verdict.method = "undecided", "too deep"
            verdict.note = "the expression is nested too deeply for SymPy; give --at to judge a number"
            return verdict
        verdict.note = "the expression is nested too deeply for SymPy to prove it"
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
