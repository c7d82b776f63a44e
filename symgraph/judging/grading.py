"""Batch grading: ``symgraph check --file answers.toml`` grades many answers to many problems.

File format (see examples/answers.toml)::

    [defaults]                      # optional: applies to every problem
    tol = "auto"                    # or an absolute tolerance such as 0.01
    timeout = 10                    # seconds of symbolic work per claim

    [[problem]]
    id = "seed 10.4"                # how the problem is called in the summary
    expression = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
    at = "x1=1, x2=2"               # optional; or an inline table { x1 = 1, x2 = "pi/4" }
    claims = ["df/dg2 = -4"]        # one answer written on the problem itself (with optional student = ...)

      [[problem.answer]]            # ... and/or any number of answers, one per student
      student = "alice"
      claims = ["df/dx1 = -6", "df/dx2 = -1"]

The teacher's part (the file, the expression, the problem's point, tol and timeout) must be well-formed:
any error there is bad input (exit 2, the message names the file, the problem and the student when
relevant). A student's malformed claim or unknown name only makes that claim wrong ("malformed"), and a
student's own point that is unusable (outside the domain, a missing variable) or an answer with no claims
only makes that answer wrong, with the reason, so one mistake does not stop a class's grading.
Nothing here prints.
"""
from __future__ import annotations

import math
import re
import sys
import time
from dataclasses import dataclass, field
from typing import Optional

from symgraph.judging import classroom
from symgraph.judging.checking import DEFAULT_TIMEOUT, CheckReport, check
from symgraph.judging import second
from symgraph.judging.claims import parse_claim, resolve
from symgraph.errors import SymgraphError
from symgraph.core.evaluate import evaluate
from symgraph.judging.judge import Verdict
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.core.point import check_against, parse_point
from symgraph.core.toml_guard import check_toml
from symgraph.report import JsonReport

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCHEMA = "symgraph.grade/1"
PROBLEM_KEYS = {"id", "name", "expression", "at", "claims", "student", "answer", "tol", "timeout", "points"}
ANSWER_KEYS = {"student", "claims", "at"}
DEFAULT_KEYS = {"tol", "timeout"}
TIMEOUT_RANGE = (0.1, 3600.0)          # as the command line's --timeout
BATCH_BUDGET = 600.0                   # seconds for a whole --file batch (--batch-timeout)
NOT_GRADED = "not graded: the batch's time budget"
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class GradingError(SymgraphError):
    """The answer file itself is malformed (exit 2)."""


@dataclass
class BatchRow:
    problem: str
    student: Optional[str]
    report: Optional[CheckReport] = None
    error: Optional[str] = None
    points: Optional[dict] = None       # the problem's points per left-hand side (classroom.py)
    partial_is_total: bool = True       # no named steps: ∂f/∂x and df/dx are the same claim

    @property
    def missing(self) -> list:
        """Left-hand sides the problem's points require and the answer has no claim about."""
        return classroom.missing(self)

    @property
    def ok(self) -> bool:
        return self.report is not None and self.report.ok and not self.missing

    def to_dict(self) -> dict:
        return classroom.annotate(self, {"problem": self.problem, "student": self.student, "ok": self.ok,
                                         "error": self.error,
                                         "report": self.report.to_dict() if self.report else None})


@dataclass
class Batch(JsonReport):
    path: str
    rows: list = field(default_factory=list)
    budget: float = 0.0                 # the overall time budget, seconds (--batch-timeout)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def answers_right(self) -> int:
        return sum(r.ok for r in self.rows)

    def to_dict(self) -> dict:
        verdicts = [v for r in self.rows if r.report for v in r.report.verdicts]
        return {"schema": SCHEMA, "file": self.path, "ok": self.ok, "answers": len(self.rows),
                "answers_right": self.answers_right, "claims": len(verdicts),
                "claims_right": sum(v.ok is True for v in verdicts),
                "claims_missing": sum(len(r.missing) for r in self.rows),
                "budget": {"seconds": self.budget, "not_graded": sum(str(r.error).startswith(NOT_GRADED)
                                                                     for r in self.rows)},
                "results": [r.to_dict() for r in self.rows],
                **classroom.summary(self.rows)}


def load(text: str, path: str) -> dict:
    check_toml(text, path)      # key depth and length, nesting: before the quadratic parser sees them
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GradingError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"defaults", "problem"}
    if unknown:
        raise GradingError(f"{path}: unknown top-level key(s) {', '.join(sorted(unknown))} "
                           "(expected [defaults] and [[problem]] tables)")
    if not isinstance(data.get("problem"), list) or not data["problem"]:
        raise GradingError(f"{path}: no [[problem]] tables: see examples/answers.toml for the format")
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict) or set(defaults) - DEFAULT_KEYS:
        raise GradingError(f"{path}: [defaults] may only set {', '.join(sorted(DEFAULT_KEYS))}")
    return data


def grade(text: str, path: str = "answers.toml", tol: Optional[float] = None,
          timeout: Optional[float] = DEFAULT_TIMEOUT, jobs: int = 1, budget: float = BATCH_BUDGET) -> Batch:
    """Grade every answer in the TOML ``text``; ``tol``/``timeout`` are the command line's, which the
    file's [defaults] and each problem's own keys override in that order."""
    data = load(text, path)
    defaults = data.get("defaults", {})
    batch = Batch(path, budget=budget)
    end = time.monotonic() + budget     # system-wide clock: the same deadline in every --jobs process
    seen: dict = {}
    tasks = []
    for k, problem in enumerate(data["problem"], 1):
        if not isinstance(problem, dict):
            raise GradingError(f"{path}: problem {k} is not a table")
        label = _label(problem, k)
        where = f"{path}: problem {label!r}"
        if label in seen:
            raise GradingError(f"{where}: the id is used twice (problems {seen[label]} and {k}); give each "
                               "problem its own id, so that grades can be told apart")
        seen[label] = k
        unknown = set(problem) - PROBLEM_KEYS
        if unknown:
            raise GradingError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} "
                               f"(allowed: {', '.join(sorted(PROBLEM_KEYS))})")
        p_tol = _tol(problem.get("tol", defaults.get("tol", tol)), where)
        p_timeout = _number(problem.get("timeout", defaults.get("timeout", timeout)), "timeout", where)
        if p_timeout is not None and not TIMEOUT_RANGE[0] <= p_timeout <= TIMEOUT_RANGE[1]:
            raise GradingError(f"{where}: 'timeout' must be between {TIMEOUT_RANGE[0]:g} and "
                               f"{TIMEOUT_RANGE[1]:g} seconds")
        p_points = classroom.check_points(problem.get("points"), where, GradingError)
        for student, claims, at, own_at in _answers(problem, where):
            tasks.append((problem, label, student, claims, at, own_at, where, p_tol, p_timeout, p_points,
                          (end, budget)))
    batch.rows = classroom.run(_grade_one, tasks, jobs)
    return batch


def _label(problem: dict, k: int) -> str:
    label = problem.get("id", problem.get("name", f"#{k}"))
    return str(label)[:60]


def _answers(problem: dict, where: str) -> list:
    answers = []
    if "claims" in problem:
        answers.append((problem.get("student"), problem["claims"], problem.get("at"), False))
    extra = problem.get("answer", [])
    if not isinstance(extra, list):
        raise GradingError(f"{where}: 'answer' must be an array of tables ([[problem.answer]])")
    for a in extra:
        if not isinstance(a, dict) or set(a) - ANSWER_KEYS or "claims" not in a:
            raise GradingError(f"{where}: each [[problem.answer]] needs 'claims' and may set "
                               f"'student' and 'at'")
        answers.append((a.get("student"), a["claims"], a.get("at", problem.get("at")), "at" in a))
    if not answers:
        raise GradingError(f"{where}: no claims (give 'claims = [...]' or [[problem.answer]] tables)")
    for student, claims, _, _ in answers:
        if student is not None and not isinstance(student, str):
            raise GradingError(f"{where}: 'student' must be a string")
        if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
            raise GradingError(f"{where}: 'claims' must be a list of strings such as \"df/dx = cos(x)\"")
    return answers


def _grade_one(problem, label, student, claims, at, own_at, where, tol, timeout, points=None,
               deadline=None) -> BatchRow:
    source = problem.get("expression")
    if deadline is not None:        # the batch's overall budget: what is left of it bounds this answer too
        if (left := deadline[0] - time.monotonic()) <= 0:
            return BatchRow(label, student, error=f"{NOT_GRADED} ({deadline[1]:g} s) ran out", points=points)
        timeout = min(timeout, left) if timeout else left
    if not isinstance(source, str) or not source.strip():
        raise GradingError(f"{where}: 'expression' (a string) is required")
    try:
        graph = lower(parse(source))
    except SymgraphError as exc:
        raise GradingError(f"{where}: {exc.message}", exc.source, exc.column, exc.hint) from None
    _check_required(points or {}, graph, where)
    row = _grade_answer(graph, source, label, student, claims, at, own_at, where, tol, timeout)
    row.points = points
    # with no named step but the output, ∂f/∂x (others held fixed) is df/dx: either spelling earns its points
    row.partial_is_total = sum(bool(n.names) and n.op != "input" for n in graph.nodes) <= 1
    return row


def _grade_answer(graph, source, label, student, claims, at, own_at, where, tol, timeout) -> BatchRow:
    who = f"{where}, student {student!r}" if student else where
    try:          # the point, and the expression at it: the student's fault only when the student chose it
        point = parse_point(_point_spec(at, who))
        if point.exact or not graph.inputs:
            check_against(point, list(graph.inputs))
            evaluate(graph, point.floats, with_partials=False)
    except SymgraphError as exc:
        if not own_at:
            if isinstance(exc, GradingError):
                raise
            raise GradingError(f"{who}: {exc.message}", exc.source, exc.column, exc.hint) from None
        return BatchRow(label, student, error=f"the answer's point is unusable: {exc.message}")
    if not claims:
        return BatchRow(label, student, error="no claims in this answer")
    good, malformed = [], []
    for text in claims:
        try:
            claim = second.parse_second(text) or parse_claim(text)      # d2f/dx2 = ... too
            claim.resolve(graph) if isinstance(claim, second.SecondClaim) else resolve(claim, graph)
            good.append(claim)
        except SymgraphError as exc:
            malformed.append(Verdict(text.strip(), "?", "malformed", "wrong", "malformed", "", text.strip(),
                                     note=exc.message))
    if good:
        try:
            report = check(source, good, at=point, timeout=timeout, tol=tol)
        except SymgraphError as exc:     # anything left is in the student's claims (e.g. a RHS too large)
            return BatchRow(label, student, error=exc.message)
        except RecursionError:
            return BatchRow(label, student, error="nested too deeply to check")
    else:
        report = CheckReport(source, graph.nodes[graph.output].name, dict(point.text), [])
    report.verdicts.extend(malformed)
    return BatchRow(label, student, report)


def _check_required(points: dict, graph, where: str) -> None:
    """Each left-hand side in the problem's points must be a derivative of its expression: a typo there
    would mark every answer as missing it, so it is the teacher's error (exit 2)."""
    for lhs in points:
        try:
            claim = second.parse_second(f"{lhs} = 0") or parse_claim(f"{lhs} = 0")
            claim.resolve(graph) if isinstance(claim, second.SecondClaim) else resolve(claim, graph)
        except SymgraphError as exc:
            raise GradingError(f"{where}: 'points' names {lhs!r}, which is not a derivative of this "
                               f"problem's expression ({exc.message})") from None


def _point_spec(at, where: str) -> Optional[str]:
    """``at`` as a string ("x1=1, x2=2") or an inline table ({x1 = 1, x2 = "pi/4"})."""
    if at is None or isinstance(at, str):
        return at
    if not isinstance(at, dict):
        raise GradingError(f"{where}: 'at' must be a string such as \"x=1, y=2\" or a table {{x = 1}}")
    parts = []
    for name, value in at.items():
        if not _IDENT.fullmatch(name):
            raise GradingError(f"{where}: 'at' key {name!r} is not a variable name")
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) or \
                (isinstance(value, str) and ("," in value or "=" in value)):
            raise GradingError(f"{where}: the value of {name!r} in 'at' must be a number or an expression")
        if isinstance(value, float) and not math.isfinite(value):
            raise GradingError(f"{where}: the value of {name!r} in 'at' is not finite")
        parts.append(f"{name}={value!r}" if isinstance(value, float) else f"{name}={value}")
    return ",".join(parts)


def _number(value, key: str, where: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0 or math.isinf(value):
        raise GradingError(f"{where}: '{key}' must be a positive number")
    return float(value)


def _tol(value, where: str) -> Optional[float]:
    if value is None or value == "auto":
        return None
    return _number(value, "tol", where)
