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
from typing import Optional

from symgraph.core.point import few_names
from symgraph.errors import SymgraphError
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.core.toml_guard import check_toml
from symgraph.grading import engine
from symgraph.grading.answer import Task
from symgraph.grading.batch import NOT_GRADED, SCHEMA, Batch, BatchRow, GradingError  # noqa: F401 (API)
from symgraph.judging import classroom, second
from symgraph.judging.checking import DEFAULT_TIMEOUT
from symgraph.judging.claims import parse_claim, resolve

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PROBLEM_KEYS = {"id", "name", "expression", "at", "claims", "student", "answer", "tol", "timeout", "points"}
ANSWER_KEYS = {"student", "claims", "at"}
DEFAULT_KEYS = {"tol", "timeout"}
TIMEOUT_RANGE = (0.1, 3600.0)          # as the command line's --timeout
BATCH_BUDGET = 600.0                   # seconds for a whole --file batch (--batch-timeout)
LIMIT_FACTOR, LIMIT_FLOOR = 6, 30.0    # the per-answer hard limit by default: 6 claim timeouts, at least 30 s
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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
          timeout: Optional[float] = DEFAULT_TIMEOUT, jobs: int = 1, executor=None,
          submission: Optional[dict] = None, limit: Optional[float] = None,
          budget: float = BATCH_BUDGET) -> Batch:
    """Grade every answer in the TOML ``text``; ``tol``/``timeout`` are the command line's, which the
    file's [defaults] and each problem's own keys override in that order. ``submission`` ({"student":
    name or None, "answers": {problem id: [claims]}}, from grading/submission.py) grades one student's
    answers against the file's problems instead of the answers written in it. ``limit`` is the hard limit
    per answer in seconds (default: 6 claim timeouts, at least 30 s); ``executor`` any
    concurrent.futures executor (a Dask cluster's), else ``jobs`` processes. ``budget`` bounds the whole
    batch in seconds: answers reached after it has run out are listed as not graded."""
    data = load(text, path)
    defaults = data.get("defaults", {})
    batch = Batch(path, budget=budget)
    # wall-clock time: the same deadline in every --jobs process and on a Dask cluster's machines
    deadline = (time.time() + budget, budget)
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
            raise GradingError(f"{where}: unknown key(s) {few_names(sorted(unknown))} "
                               f"(allowed: {', '.join(sorted(PROBLEM_KEYS))})")
        p_tol = _tol(problem.get("tol", defaults.get("tol", tol)), where)
        p_timeout = _number(problem.get("timeout", defaults.get("timeout", timeout)), "timeout", where)
        if p_timeout is not None and not TIMEOUT_RANGE[0] <= p_timeout <= TIMEOUT_RANGE[1]:
            raise GradingError(f"{where}: 'timeout' must be between {TIMEOUT_RANGE[0]:g} and "
                               f"{TIMEOUT_RANGE[1]:g} seconds")
        p_limit = limit or max(LIMIT_FLOOR, LIMIT_FACTOR * (p_timeout or DEFAULT_TIMEOUT))
        if submission is not None:
            answers = [(submission.get("student"), submission["answers"].get(label, []), problem.get("at"), False)]
            _answers(problem, where, required=False)        # the file's own answers are checked, not graded
        else:
            answers = _answers(problem, where)
        graph = _graph(problem, where)
        points, partial_is_total = _required(problem.get("points"), graph, where)
        for student, claims, at, own_at in _unique_students(answers, where, batch.warnings):
            tasks.append(Task(label, problem["expression"], student, tuple(claims), _point_spec(at, where),
                              own_at, where, p_tol, p_timeout, p_limit, points, partial_is_total, deadline))
    batch.rows = engine.run(tasks, jobs, executor)
    return batch


def _label(problem: dict, k: int) -> str:
    label = problem.get("id", problem.get("name", f"#{k}"))
    return str(label)[:60]


def _answers(problem: dict, where: str, required: bool = True) -> list:
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
    if not answers and required:
        raise GradingError(f"{where}: no claims (give 'claims = [...]' or [[problem.answer]] tables)")
    for student, claims, _, _ in answers:
        if student is not None and not isinstance(student, str):
            raise GradingError(f"{where}: 'student' must be a string")
        if not isinstance(claims, list) or not all(isinstance(c, str) for c in claims):
            raise GradingError(f"{where}: 'claims' must be a list of strings such as \"df/dx = cos(x)\"")
    return answers


def _graph(problem: dict, where: str):
    source = problem.get("expression")
    if not isinstance(source, str) or not source.strip():
        raise GradingError(f"{where}: 'expression' (a string) is required")
    try:
        return lower(parse(source))
    except SymgraphError as exc:
        raise GradingError(f"{where}: {exc.message}", exc.source, exc.column, exc.hint) from None


def _unique_students(answers: list, where: str, warnings: list) -> list:
    """A student who answers one problem twice: the last answer counts (as a resubmission would), with
    a warning that says so; answers without a name are all kept."""
    last, count = {}, {}
    for k, (student, *_) in enumerate(answers):
        if student is not None:
            last[student], count[student] = k, count.get(student, 0) + 1
    for student, k in last.items():
        if count[student] > 1:
            warnings.append(f"{where}: student {student!r} answers {count[student]} times; the last answer (answer "
                            f"{k + 1} of the problem's {len(answers)}) counts, the others are not graded")
    return [a for k, a in enumerate(answers) if a[0] is None or last[a[0]] == k]


def _required(value, graph, where: str) -> tuple:
    """The problem's points, keyed by the claim reader's own left-hand side (so "f'(1)", "df/dx at x = 1"
    and d f/dx are written any way a claim can be), and whether ∂ and d coincide. A key the reader refuses
    or that is not a derivative of the expression would match no claim: the teacher's error (exit 2)."""
    partial_is_total = sum(bool(n.names) and n.op != "input" for n in graph.nodes) <= 1
    points = classroom.check_points(value, where, GradingError)
    if points is None:
        return None, partial_is_total
    keyed: dict = {}
    for lhs, worth in points.items():
        try:
            claim = second.parse_second(f"{lhs} = 0") or parse_claim(f"{lhs} = 0")
            claim.resolve(graph) if isinstance(claim, second.SecondClaim) else resolve(claim, graph)
        except SymgraphError as exc:
            raise GradingError(f"{where}: 'points' names {lhs!r}, which can match no claim: it is not a "
                               f"derivative of this problem's expression ({exc.message})") from None
        key = classroom.lhs_key(claim.lhs, partial_is_total)
        if key in keyed:
            raise GradingError(f"{where}: 'points' names {claim.lhs!r} twice (as {keyed[key][0]!r} and {lhs!r})")
        keyed[key] = (lhs, claim.lhs.replace("²", "2"), worth)
    return tuple((name, w) for _, name, w in keyed.values()), partial_is_total


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
