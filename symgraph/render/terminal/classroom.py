"""A teacher's summary of a graded answer file: the mistake histogram per problem and each student's
totals across problems. Every number comes from judging/classroom.summary; this module only lays it out."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from symgraph.render.terminal.check import heading, verdict_table


def render_summary(data: dict, console: Console, plain: bool = False) -> None:
    problems = {k: p for k, p in data["problems"].items() if p["histogram"]}
    if problems:
        heading(console, "Mistakes per problem (answers whose wrong claims fit each mistake)")
        for problem, p in problems.items():
            console.print(Text(f"{problem}:", style="bold"))
            for line in p["histogram"]:
                console.print(Text(f"  {line}"))
    heading(console, "Per student, across problems")
    t = verdict_table(plain, "student", "answers fully right", "points")
    for student, s in data["students"].items():
        t.add_row(student, f"{s['right']}/{s['answers']}", f"{_g(s['points'])}/{_g(s['possible'])}")
    console.print(t)


def _g(x: float) -> str:
    return f"{x:g}"
