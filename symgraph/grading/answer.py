"""One answer graded against its problem: the teacher's part prepared once per problem and point, each
answer evaluating only its own claims.

A student's malformed claim or unknown name only makes that claim wrong ("malformed"); a student's own
point that is unusable, or an answer with no claims, only makes that answer wrong, with the reason. The
teacher's part (the expression, the problem's point) raises GradingError (exit 2). Nothing here prints.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Optional

from symgraph.errors import SymgraphError
from symgraph.grading.batch import NOT_GRADED, BatchRow, GradingError
from symgraph.grading.limits import HardLimit, hard_limit
from symgraph.judging import second
from symgraph.judging.checking import CheckReport, check, prepare
from symgraph.judging.claims import parse_claim, resolve
from symgraph.judging.judge import Verdict

PREPARED_CACHE = 64      # problems (and points) kept prepared per process


@dataclass(frozen=True)
class Task:
    """Everything one answer's grading needs, as plain data (it travels to worker processes)."""
    problem: str            # the problem's id
    source: str             # its expression
    student: Optional[str]
    claims: tuple
    at: Optional[str]       # the point, as text
    own_at: bool            # the student chose the point (an unusable one is the student's fault)
    where: str              # "answers.toml: problem 'x'", for the teacher's errors
    tol: Optional[float]
    timeout: Optional[float]
    limit: Optional[float]  # the per-answer hard limit, seconds
    points: Optional[tuple] = None        # ((lhs, worth), ...) in the file's order
    partial_is_total: bool = True
    deadline: Optional[tuple] = None      # (wall-clock end, seconds) of the batch's overall budget

    def key(self) -> tuple:
        """Two tasks with the same key get the same grade (the student's name aside)."""
        return (self.problem, self.source, self.claims, self.at, self.own_at, self.tol, self.timeout,
                self.limit, self.points, self.partial_is_total)


_prepared: dict = {}


def grade_task(task: Task) -> BatchRow:
    left = task.deadline[0] - time.time() if task.deadline is not None else None
    if left is not None and left <= 0:       # the batch's overall budget has run out before this answer
        row = BatchRow(task.problem, task.student, error=f"{NOT_GRADED} ({task.deadline[1]:g} s) ran out")
    else:
        if left is not None:                 # what is left of the budget bounds this answer's claims too
            task = replace(task, timeout=min(task.timeout, left) if task.timeout else left)
        try:
            with hard_limit(task.limit):
                row = _grade(task)
        except HardLimit:
            row = BatchRow(task.problem, task.student, stopped=True,
                           error=f"grading stopped at the per-answer limit of {task.limit:g} s (needs review)")
    row.points = dict(task.points) if task.points is not None else None
    row.partial_is_total = task.partial_is_total
    return row


def _grade(task: Task) -> BatchRow:
    who = f"{task.where}, student {task.student!r}" if task.student else task.where
    try:          # the point, and the expression at it: the student's fault only when the student chose it
        prepared = _prepare(task.source, task.at)
    except SymgraphError as exc:
        if not task.own_at:
            raise GradingError(f"{who}: {exc.message}", exc.source, exc.column, exc.hint) from None
        return BatchRow(task.problem, task.student, error=f"the answer's point is unusable: {exc.message}")
    if not task.claims:
        return BatchRow(task.problem, task.student, error="no claims in this answer")
    good, malformed = [], []
    graph = prepared.graph
    for text in task.claims:
        try:
            claim = second.parse_second(text) or parse_claim(text)      # d2f/dx2 = ... too
            claim.resolve(graph) if isinstance(claim, second.SecondClaim) else resolve(claim, graph)
            good.append(claim)
        except SymgraphError as exc:
            malformed.append(Verdict(text.strip(), "?", "malformed", "wrong", "malformed", "", text.strip(),
                                     note=exc.message))
    if good:
        try:
            report = check(task.source, good, at=prepared.point, timeout=task.timeout, tol=task.tol,
                           prepared=prepared)
        except SymgraphError as exc:     # anything left is in the student's claims (e.g. a RHS too large)
            return BatchRow(task.problem, task.student, error=exc.message)
        except RecursionError:
            return BatchRow(task.problem, task.student, error="nested too deeply to check")
    else:
        report = CheckReport(task.source, graph.nodes[graph.output].name, dict(prepared.point.text), [])
    report.verdicts.extend(malformed)
    return BatchRow(task.problem, task.student, report)


def _prepare(source: str, at: Optional[str]):
    """The problem prepared at the point, once per process (the cache keeps the last PREPARED_CACHE)."""
    key = (source, at)
    found = _prepared.get(key)
    if found is None:
        if len(_prepared) >= PREPARED_CACHE:
            try:
                _prepared.pop(next(iter(_prepared)))
            except (KeyError, RuntimeError, StopIteration):     # another thread evicted first
                pass
        found = _prepared[key] = prepare(source, at)
    return found
