"""The verdicts of ``check`` (and the summary of a batch) for the terminal: rich colours or plain text.

Every word and number comes from the finished report; this module only lays them out. Verdicts are
written as ✓ / ✗ / ? *and* as words, so nothing depends on colour.
"""
from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from symgraph.safe_text import cell

from symgraph.judging.judge import Verdict, fmt_pair, fmt_value

MARK = {"right": ("✓ right", "green"), "wrong": ("✗ wrong", "bold red"), "undecided": ("? undecided", "yellow")}


def how(v: Verdict, at_text: str = "") -> str:
    """How the verdict was reached, in words."""
    if v.method == "proved":
        return "proved (SymPy: true - claimed simplifies to 0)"
    if v.method == "counterexample" and v.counterexample:
        c = v.counterexample
        where = ", ".join(f"{k} = {x}" for k, x in c["point"].items())
        true, yours = fmt_pair(c["expected"], c["got"])
        text = f"counterexample at {where}: true {true}, yours {yours}"
        if true == yours:          # closer than float64 can print: say by how much they differ
            text += f" (they differ by {fmt_value(c.get('difference'), 3)})"
        return text
    if v.method in ("at the point", "at a kink"):
        return f"{v.method}, {v.tolerance}"
    if v.method == "random points":
        return v.note
    return v.method


def expected_text(v: Verdict) -> str:
    if v.kind == "symbolic" and v.expected_value is not None:
        return f"{v.expected}  (= {fmt_value(v.expected_value, 6)} at the point)"
    return v.expected


class SafeTable(Table):
    """A table whose cells hold user text (claims, student names, problem ids): each cell through
    safe_text.cell, so that a newline shows as ⏎ and never forges a row."""

    def add_row(self, *cells, **kwargs) -> None:
        super().add_row(*(_safe_cell(c) for c in cells), **kwargs)


def _safe_cell(value):
    if isinstance(value, str):
        return cell(value)
    if isinstance(value, Text) and cell(value.plain) != value.plain:
        return Text(cell(value.plain), style=value.style)
    return value


def verdict_table(plain: bool, *columns: str) -> Table:
    t = SafeTable(box=box.ASCII2 if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for col in columns:
        t.add_column(col, overflow="fold")
    return t


def heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def render_check(report, console: Console, plain: bool = False) -> None:
    at_text = ", ".join(f"{k} = {x}" for k, x in report.at_text.items())
    console.print(Text(f"Checking claims about {report.output}" + (f" at {at_text}" if at_text else
                                                                   " (for all points)"), style="bold"))
    t = verdict_table(plain, "claim", "verdict", "true value or expression", "how")
    for v in report.verdicts:
        word, style = MARK[v.status]
        t.add_row(v.claim, Text(word, style=style), expected_text(v), how(v, at_text))
    console.print(t)
    grouped: dict = {}                       # each note once, with the claims it belongs to
    for v in report.verdicts:
        if v.note and v.method != "random points":
            grouped.setdefault(v.note, []).append(v.claim)
    notes = [f"{', '.join(claims)}: {note}" for note, claims in grouped.items()]
    explained = " ".join(e["text"] for e in (report.locator or {}).get("explanations", []))
    # a diagnosis the locator's explanation already gives (one explanation per claim) is not said twice
    notes += [f"{v.claim}: {v.diagnosis['text']}" for v in report.verdicts
              if v.diagnosis and f"({v.diagnosis['mistake']})" not in explained]
    for note in notes + [f"warning: {w}" for w in report.warnings if not any(w in n for n in notes)]:
        console.print(Text(note, style="dim" if not plain else ""))
    _steps(report, console, plain)
    _locator(report, console)
    _summary(report, console)


def _steps(report, console: Console, plain: bool) -> None:
    """The backward pass over the named steps, with the student's claims beside the true adjoints."""
    if not report.steps or not any(row["claim"] for row in report.steps):
        return
    first = report.locator.get("first_wrong_claim") if report.locator else None
    heading(console, f"Backward pass over your steps (adjoint d{report.output}/dv, from the output back)")
    t = verdict_table(plain, "node", f"true d{report.output}/dv", "your claim", "")
    for row in report.steps:
        mark = "" if row["ok"] is None else ("✓" if row["ok"] else "✗")
        if first is not None and row["claim"] == first and row["ok"] is False:
            mark += "  <- first wrong step"
        t.add_row(row["node"], fmt_value(row["adjoint"], 6), row["claim"] or "", mark)
    console.print(t)


def _locator(report, console: Console) -> None:
    loc = report.locator or {}
    if not loc.get("explanations"):
        return
    where = ", ".join(f"{k} = {x}" for k, x in loc.get("point", {}).items())
    heading(console, f"Where it went wrong (values at {where})" if where else "Where it went wrong")
    for item in loc["explanations"]:
        prefix = "first wrong step: " if item["first"] else "also: "
        console.print(Text(prefix, style="bold") + Text(item["text"]))
    if loc.get("note"):
        console.print(loc["note"])


def _summary(report, console: Console) -> None:
    right = sum(v.ok is True for v in report.verdicts)
    n = len(report.verdicts)
    text = f"{right} of {n} claim{'s' if n != 1 else ''} right"
    if report.wrong:
        text += f", {report.wrong} wrong"
    if report.undecided:
        text += f", {report.undecided} undecided"
    console.print()
    console.print(Text(text, style="bold green" if report.ok else "bold red"))


def render_batch(batch, console: Console, plain: bool = False) -> None:
    """The summary table of a graded answer file: one row per answer."""
    t = verdict_table(plain, "problem", "student", "right", "verdict", "first wrong step")
    for row in batch.rows:
        if row.error:
            word, style = MARK["wrong"]        # the answer could not be graded as given: not right
            t.add_row(row.problem, row.student or "", "-", Text(word, style=style), row.error)
            continue
        r, gone = row.report, row.missing
        right = sum(v.ok is True for v in r.verdicts)
        word, style = MARK["right" if row.ok else ("wrong" if r.wrong or gone else "undecided")]
        first = _first_wrong_text(r) or (f"missing {', '.join(gone)}" if gone else "")
        t.add_row(row.problem, row.student or "", f"{right}/{len(r.verdicts) + len(gone)}",
                  Text(word, style=style), first)
    console.print(t)
    for row in batch.rows:     # why each wrong answer is wrong: its first wrong step, or its first wrong claim
        who = cell(f"{row.problem}" + (f" / {row.student}" if row.student else ""))
        if row.error:
            console.print(Text(f"{who}: ", style="bold") + Text(row.error))
        if row.missing:
            console.print(Text(f"{who}: ", style="bold") + Text(f"missing {', '.join(row.missing)} (required by "
                                                                "the problem's points; 0 points each)"))
        if row.report is None or row.report.ok:
            continue
        explanations = (row.report.locator or {}).get("explanations") or []
        why = explanations[0]["text"] if explanations else "; ".join(
            f"{v.claim}: {v.note or how(v)}" for v in row.report.verdicts if v.ok is not True)
        console.print(Text(f"{who}: ", style="bold") + Text(why))
        for v in row.report.verdicts:
            if getattr(v, "diagnosis", None) and f"({v.diagnosis['mistake']})" not in why:
                console.print(Text(f"  {v.claim}: {v.diagnosis['text']}"))
    total = sum(len(r.report.verdicts) for r in batch.rows if r.report)
    right = sum(v.ok is True for r in batch.rows if r.report for v in r.report.verdicts)
    n = sum(len(r.missing) for r in batch.rows)
    gone = f"; {n} required claim{'s' if n != 1 else ''} missing" if n else ""
    console.print()
    console.print(Text(f"{batch.answers_right} of {len(batch.rows)} answers fully right; "
                       f"{right} of {total} claims right{gone}",
                       style="bold green" if batch.ok else "bold red"))


def _first_wrong_text(report) -> str:
    loc = report.locator or {}
    if loc.get("first_wrong"):
        v = next((v for v in report.verdicts if v.lhs == loc["first_wrong"] and v.ok is False), None)
        return f"{loc['first_wrong']}" + (f" (claimed {v.got}, true {v.expected})" if v else "")
    wrong = [v for v in report.verdicts if v.ok is False]
    return wrong[0].claim if wrong else ""
