"""Independent references for matrices of derivatives (the Jacobian, the Hessian), shared by both.

* SymPy: ``diff`` of the expression rebuilt from the parse tree (never the graph), evaluated exactly at the
  float64 point, entry by entry under the time budget (a budget that runs out keeps the entries done).
* Central differences of a vector-valued function of the point (the forward pass' outputs for the
  Jacobian, the graph's own reverse-mode gradient for the Hessian), column by column or along one
  direction. A step that leaves the domain or crosses a kink makes the check "not comparable".

Matrices are {row: {column: number}}; checks compare them flattened to "row,column" keys.
"""
from __future__ import annotations

import math
from typing import Callable

import sympy

from symgraph.checks import symbolic
from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.compare import compare, skipped
from symgraph.checks.finite_diff import FD_STEP, nudged
from symgraph.errors import DomainError


def flat(matrix: dict) -> dict:
    return {f"{r},{c}": x for r, row in matrix.items() for c, x in row.items()}


def matrix_compare(name: str, lhs: str, rhs: str, left: dict, right: dict, at_kink: bool = False, note: str = ""):
    """Compare the entries ``right`` has (a sample, or all of them)."""
    right_flat = flat(right)
    left_flat = {k: x for k, x in flat(left).items() if k in right_flat}
    return compare(name, lhs, rhs, left_flat, right_flat, at_kink, note)


def sympy_entries(expr_of: Callable[[str], sympy.Expr], entries: list, point, timeout) -> tuple[dict, str]:
    """{row: {col: value}} for each (row, [symbols to differentiate by], col) in ``entries``, and a note
    when the budget stopped it early. ``expr_of(row)`` is the row's SymPy expression."""
    out, done, firsts = {}, 0, {}
    try:
        with time_budget(timeout):
            for row, by, col in entries:
                key = (row, by[0])
                if key not in firsts:             # entries of one row share their first derivative
                    firsts[key] = _diff(expr_of(row), by[0])
                d = firsts[key]
                for name in by[1:]:
                    d = _diff(d, name)
                out.setdefault(row, {})[col] = symbolic.value_at(d, point.binary)
                done += 1
    except (BudgetExceeded, RecursionError) as exc:
        why = "the time budget (--timeout)" if isinstance(exc, BudgetExceeded) else "SymPy's recursion limit"
        return out, f"stopped by {why} after {done} of {len(entries)} entries"
    return out, ""


def _diff(expr: sympy.Expr, name: str) -> sympy.Expr:
    """SymPy's diff; on a sum, only of the terms that contain the symbol (the others' derivative is 0, and
    asking SymPy to differentiate 1,600 terms of a quadratic form one by one costs seconds)."""
    x = symbolic.symbol(name)
    if expr.is_Add:
        return sympy.Add(*[sympy.diff(term, x) for term in expr.args if term.has(x)])
    return sympy.diff(expr, x)


def sympy_check(name: str, lhs: str, rhs: str, left: dict, entries: list, expr_of, point, timeout,
                at_kink: bool, note: str = ""):
    right, stopped = sympy_entries(expr_of, entries, point, timeout)
    note = "; ".join(x for x in (note, stopped) if x)
    if not right:
        return skipped(name, lhs, rhs, f"skipped: {stopped or 'nothing to compare'}")
    return matrix_compare(name, lhs, rhs, left, right, at_kink, note)


def fd_columns(fn: Callable[[dict], dict], point: dict, columns: list) -> dict:
    """{row: {column: (fn(x + h e_c) - fn(x - h e_c))[row] / 2h}}; raises DomainError off the domain."""
    out: dict = {}
    for col in columns:
        up, down = nudged(point, col, FD_STEP * max(1.0, abs(point[col])))
        f_up, f_down = fn(up), fn(down)
        width = up[col] - down[col]
        for row in f_up:
            out.setdefault(row, {})[col] = (f_up[row] - f_down[row]) / width
    return out


def fd_direction(fn: Callable[[dict], dict], point: dict, direction: dict) -> dict:
    """{row: {"along v": (fn(x + h v) - fn(x - h v))[row] / 2h}}: every row's derivative along v."""
    h = FD_STEP * max(1.0, max(abs(point[k]) for k in direction))
    up = {k: x + h * direction.get(k, 0.0) for k, x in point.items()}
    down = {k: x - h * direction.get(k, 0.0) for k, x in point.items()}
    f_up, f_down = fn(up), fn(down)
    return {row: {"along v": (f_up[row] - f_down[row]) / (2 * h)} for row in f_up}


def fd_check(name: str, lhs: str, rhs: str, left: dict, compute: Callable[[], dict], at_kink: bool, timeout,
             note: str = ""):
    """A finite-difference check whose reference ``compute()`` may leave the domain or exceed the budget."""
    if at_kink:
        return skipped(name, lhs, rhs, "not comparable at a kink: the differences straddle two slopes",
                       status="not comparable")
    try:
        with time_budget(timeout):
            right = compute()
    except DomainError as exc:
        return skipped(name, lhs, rhs, f"not comparable: a step leaves the domain ({exc.message})",
                       status="not comparable")
    except BudgetExceeded:
        return skipped(name, lhs, rhs, f"skipped: the steps exceed the time budget ({timeout:g} s, --timeout)")
    if any(isinstance(x, float) and math.isnan(x) for x in flat(right).values()):
        return skipped(name, lhs, rhs, "not comparable: the differences are undefined", status="not comparable")
    return matrix_compare(name, lhs, rhs, left, right, at_kink, note)
