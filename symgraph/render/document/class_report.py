"""The teacher's class report (grading/class_report.py) as Markdown: per problem the mistake histogram
as a bar chart (an SVG image embedded as a data: URI), the answer notes' frequencies, then the per-student
table. Every piece of user text (problem ids, student names, errors) goes through ``md_text``, the one
Markdown escaper (a line break shows as ⏎, control characters as visible escapes)."""
from __future__ import annotations

import base64

from symgraph.render.diagram.histogram import histogram_svg
from symgraph.render.document.markdown import md_text


def class_report_markdown(report: dict) -> str:
    e = md_text
    lines = [f"# Class report: {e(report['file'])}", "",
             f"{report['answers_right']} of {report['answers']} answers fully right"
             + (f"; {report['needs_review']} need review (a time limit decided part of the grade)"
                if report["needs_review"] else "") + ".", ""]
    for p in report["problems"]:
        lines += [f"## {e(p['id'])}", "", f"{p['right']} of {p['answers']} answers fully right.", ""]
        if p["histogram"]:
            svg = base64.b64encode(histogram_svg(p).encode("utf-8")).decode("ascii")
            lines += [f"![mistakes in {e(p['id'])}](data:image/svg+xml;base64,{svg})", "",
                      "| mistake | answers | what it is |", "|---|---:|---|"]
            lines += [f"| {h['mistake']} | {h['count']} | {e(h['description'], True)} |" for h in p["histogram"]]
            lines.append("")
        lines += ["| answer note | answers | % |", "|---|---:|---:|"]
        lines += [f"| {e(n['note'], True)} | {n['count']} | {n['percent']:g} |" for n in p["notes"]]
        lines.append("")
    lines += ["## Students", "", "| student | problem | claims right | points | mistakes | review | error |",
              "|---|---|---:|---:|---|---|---|"]
    for s in report["students"]:
        lines.append(f"| {e(s['student'], True)} | {e(s['problem'], True)} | {s['right']}/{s['claims']} | "
                     f"{s['points']:g}/{s['possible']:g} | {' '.join(s['mistakes'])} | "
                     f"{'yes' if s['needs_review'] else ''} | {e(s['error'], True)} |")
    return "\n".join(lines) + "\n"
