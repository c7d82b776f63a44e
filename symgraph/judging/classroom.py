"""Batch grading for a teacher: points per claim, a mistake histogram per problem, per-student totals,
a CSV for the gradebook, and answers graded in parallel processes (``--jobs``).

Points: a problem may set ``points = { "df/dx1" = 2, "df/dx2" = 1 }``; a right claim earns the points of
its left-hand side (once per left-hand side) and the answer can earn their sum. The listed left-hand sides
are also the claims the teacher requires: an answer without one of them is not fully right, and the
missing ones are listed (earning 0). Without ``points`` every claim is worth 1 and none is required (an
answer is fully right when every claim it makes is right). An answer that could not be graded earns 0.

The histogram counts answers (not claims) whose wrong claims were diagnosed with each mistake
(judging/diagnose.py): when two mistakes fit one claim, the answer counts under both. Nothing here prints.
"""
from __future__ import annotations

import csv

from symgraph.errors import SymgraphError
from symgraph.safe_text import csv_cell
from symgraph.judging.mistakes import describe

CSV_COLUMNS = ["student", "problem", "ok", "right", "wrong", "undecided", "claims", "points", "possible",
               "missing", "mistakes", "error", "needs_review"]


def lhs_key(lhs: str, partial_is_total: bool = False) -> str:
    """A left-hand side as the points table is keyed: d f/dx is df/dx, d²f/dx² is d2f/dx2, and ∂f/∂x is
    df/dx only where they are the same (no named steps; with them ∂ holds the other steps fixed)."""
    key = lhs.replace(" ", "").replace("²", "2")
    return key.replace("∂", "d") if partial_is_total else key


def check_points(value, where: str, error) -> dict | None:
    """The problem's ``points`` table, validated (the teacher's part: a bad one is bad input)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 and v != float("inf")
            for v in value.values()):
        raise error(f"{where}: 'points' must be a table of claims' left-hand sides and positive numbers, "
                    "such as points = { \"df/dx1\" = 2, \"df/dx2\" = 1 }")
    return {str(k): float(v) for k, v in value.items()}


def missing(row) -> list:
    """The left-hand sides the problem's ``points`` require that the answer has no claim about."""
    if row.points is None:
        return []
    said = {lhs_key(v.lhs, row.partial_is_total) for v in (row.report.verdicts if row.report else [])}
    return [k for k in row.points if lhs_key(k, row.partial_is_total) not in said]


def needs_review(verdict) -> bool:
    """A time budget decided this verdict: the random-point verdict stands (a right answer keeps its
    points), or nothing was tested (undecided): either way a teacher should look."""
    return bool(getattr(verdict, "timed_out", False)) or getattr(verdict, "method", None) == "time budget"


def _worth(row) -> dict:
    """The points per left-hand side, keyed as the answer's claims are compared."""
    return {lhs_key(k, row.partial_is_total): w for k, w in row.points.items()}


def claim_points(row) -> list:
    """(earned, possible) per verdict of the answer, in order."""
    verdicts = row.report.verdicts if row.report else []
    if row.points is None:
        return [(1.0 if v.ok is True else 0.0, 1.0) for v in verdicts]
    out, paid, worths = [], set(), _worth(row)
    for v in verdicts:
        key = lhs_key(v.lhs, row.partial_is_total)
        worth = worths.get(key, 0.0) if key not in paid else 0.0
        earned = worth if v.ok is True else 0.0
        if earned:
            paid.add(key)
        out.append((earned, worth))
    return out


def answer_points(row) -> tuple:
    """(earned, possible) for the whole answer."""
    if row.points is not None:
        return sum(e for e, _ in claim_points(row)), sum(row.points.values())
    pairs = claim_points(row)
    return sum(e for e, _ in pairs), sum(p for _, p in pairs)


def mistakes_of(row) -> list:
    """The mistake ids diagnosed in this answer's claims (each once)."""
    found = []
    for v in (row.report.verdicts if row.report else []):
        d = getattr(v, "diagnosis", None)
        if d:
            found += [d["mistake"]] + [a["mistake"] for a in d.get("also", [])]
    return list(dict.fromkeys(found))


def annotate(row, data: dict) -> dict:
    """A batch row's JSON with points: per claim (``points``, ``points_possible``) and per answer."""
    earned, possible = answer_points(row)
    data.update(points=earned, points_possible=possible, mistakes=mistakes_of(row),
                missing=[{"lhs": k, "points": 0.0, "points_possible": row.points[k]} for k in missing(row)],
                needs_review=row.needs_review)
    if data.get("report"):
        verdicts = row.report.verdicts
        for claim, (e, p), v in zip(data["report"]["claims"], claim_points(row), verdicts):
            claim.update(points=e, points_possible=p, needs_review=needs_review(v))
    return data


def summary(rows: list) -> dict:
    """{problems: {id: {answers, right, mistakes: {id: count}, histogram: [lines]}}, students: {...}}."""
    problems: dict = {}
    students: dict = {}
    for row in rows:
        p = problems.setdefault(row.problem, {"answers": 0, "right": 0, "mistakes": {}})
        p["answers"] += 1
        p["right"] += row.ok
        for m in mistakes_of(row):
            p["mistakes"][m] = p["mistakes"].get(m, 0) + 1
        s = students.setdefault(row.student or "(no name)", {"answers": 0, "right": 0, "points": 0.0,
                                                             "possible": 0.0})
        earned, possible = answer_points(row)
        s["answers"] += 1
        s["right"] += row.ok
        s["points"] += earned
        s["possible"] += possible
    for p in problems.values():
        p["mistakes"] = dict(sorted(p["mistakes"].items(), key=lambda kv: (-kv[1], kv[0])))
        p["histogram"] = [f"{n} of {p['answers']} answers {describe(m)} ({m})"
                          for m, n in p["mistakes"].items()]
    return {"problems": problems, "students": students}


def csv_rows(rows: list) -> list:
    out = []
    for row in rows:
        verdicts = row.report.verdicts if row.report else []
        earned, possible = answer_points(row)
        out.append({"student": row.student or "", "problem": row.problem, "ok": row.ok,
                    "right": sum(v.ok is True for v in verdicts), "wrong": sum(v.ok is False for v in verdicts),
                    "undecided": sum(v.ok is None for v in verdicts), "claims": len(verdicts),
                    "points": _g(earned), "possible": _g(possible), "missing": " ".join(missing(row)),
                    "mistakes": " ".join(mistakes_of(row)),
                    "error": row.error or "", "needs_review": bool(getattr(row, "needs_review", False))})
    return out


def write_csv(path: str, rows: list) -> None:
    """One row per student and problem, ready for a gradebook."""
    try:
        with open(path, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
            writer.writeheader()
            writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in csv_rows(rows))   # OWASP
    except OSError as exc:
        raise SymgraphError(f"cannot write {path!r}: {exc.strerror or exc}") from None


def _g(x: float):
    return int(x) if float(x).is_integer() else round(x, 6)
