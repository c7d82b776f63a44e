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
from symgraph.checks.budget import BudgetExceeded, MemoryBudgetExceeded, time_budget
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


def sympy_entries(sum_of: Callable[[str], "Sum"], entries: list, point, timeout) -> tuple[dict, str]:
    """{row: {col: value}} for each (row, [symbols to differentiate by], col) in ``entries``, and a note
    when the budget stopped it early. ``sum_of(row)`` is the row's expression as a Sum. An entry whose
    derivative SymPy leaves unevaluated (``Derivative(sign(sqrt(z)), z)`` from abs of a function) has no
    value to compare: it is left out and named in the note (the finite differences still check it)."""
    out, done, sums, open_ = {}, 0, {}, []
    try:
        with time_budget(timeout):
            for row, by, col in entries:
                if row not in sums:
                    sums[row] = sum_of(row)
                d = sums[row].diff(by)
                done += 1
                if d.has(sympy.Derivative):
                    open_.append(f"{row},{col}")
                    continue
                out.setdefault(row, {})[col] = symbolic.value_at(d, point.binary)
    except (BudgetExceeded, RecursionError) as exc:
        why = ("the memory budget" if isinstance(exc, MemoryBudgetExceeded) else "the time budget (--timeout)"
               if isinstance(exc, BudgetExceeded) else "SymPy's recursion limit")
        return out, "; ".join(x for x in (_unevaluated(open_), f"stopped by {why} after {done} of "
                                          f"{len(entries)} entries") if x)
    return out, _unevaluated(open_)


def _unevaluated(keys: list) -> str:
    if not keys:
        return ""
    shown = ", ".join(keys[:4]) + (f" and {len(keys) - 4} more" if len(keys) > 4 else "")
    return f"not comparable: SymPy leaves the derivative unevaluated for {shown}"


class Sum:
    """An expression as the sum of its terms, differentiated term by term with SymPy's diff.

    Only the terms whose derivative can be nonzero are handed to SymPy: a term without one of the symbols
    has a zero derivative by it, and so has a term ``c·x`` (x-free c) differentiated twice by x. Asking SymPy
    to differentiate the 1,600 terms of a quadratic form one by one costs seconds; an index from name to
    terms, built once, finds the few that matter. Terms are built on first use, and their first
    derivatives shared between the entries of a row."""

    def __init__(self, terms: list, linear=None):
        self.terms = terms                   # [(sign, build() -> SymPy term)]
        self.index: dict | None = None       # name -> term numbers; None: one term, always kept
        self.linear = linear or (lambda k, name: _linear(self._term(k), symbolic.symbol(name)))
        self.built: dict = {}
        self.firsts: dict = {}

    @classmethod
    def of_expr(cls, expr: sympy.Expr) -> "Sum":
        parts = list(expr.args) if expr.is_Add else [expr]
        out = cls([(1, (lambda t=t: t)) for t in parts])
        if expr.is_Add:                      # not for one term: free_symbols walks it as a tree
            out.index = _index({s.name for s in t.free_symbols} for t in parts)
        return out

    @classmethod
    def of_program(cls, program) -> "Sum | None":
        """From a one-statement program's parse tree (symbolic.sum_terms): only the terms an entry needs
        are ever converted to SymPy."""
        terms = symbolic.sum_terms(program)
        if terms is None:
            return None
        out = cls([(sign, (lambda node=node: symbolic.term_to_sympy(node))) for sign, node, _ in terms],
                  linear=lambda k, name: symbolic.linear_in(terms[k][1], name))
        out.index = _index(names for _, _, names in terms)
        return out

    def diff(self, by: list) -> sympy.Expr:
        xs = [symbolic.symbol(name) for name in by]
        keep = {0} if self.index is None else set.intersection(*[self.index.get(name, set()) for name in by])
        twice = {name for name in by if by.count(name) > 1}
        return sympy.Add(*[self.terms[k][0] * self._diff(k, xs) for k in sorted(keep)
                           if not any(self.linear(k, name) for name in twice)])

    def _term(self, k: int) -> sympy.Expr:
        if k not in self.built:
            self.built[k] = self.terms[k][1]()
        return self.built[k]

    def _diff(self, k: int, xs: list) -> sympy.Expr:
        if (k, xs[0]) not in self.firsts:
            self.firsts[k, xs[0]] = sympy.diff(self._term(k), xs[0])
        d = self.firsts[k, xs[0]]
        for x in xs[1:]:
            d = sympy.diff(d, x)
        return d


def _index(names_per_term) -> dict:
    index: dict = {}
    for k, names in enumerate(names_per_term):
        for name in names:
            index.setdefault(name, set()).add(k)
    return index


def _linear(term: sympy.Expr, x: sympy.Symbol) -> bool:
    """term is x, or a product with x as a factor and no other factor containing x."""
    if term == x:
        return True
    return term.is_Mul and x in term.args and sum(1 for f in term.args if f.has(x)) == 1


def sympy_check(name: str, lhs: str, rhs: str, left: dict, entries: list, sum_of, point, timeout,
                at_kink: bool, note: str = ""):
    right, stopped = sympy_entries(sum_of, entries, point, timeout)
    note = "; ".join(x for x in (note, stopped) if x)
    if not right:
        if stopped.startswith("not comparable"):
            return skipped(name, lhs, rhs, stopped, status="not comparable")
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
