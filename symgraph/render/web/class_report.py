"""The teacher's class report (grading/class_report.py) as one self-contained HTML page: per problem the
mistake histogram as an inline SVG bar chart, the answer notes' frequencies, then the per-student table.
Every piece of user text goes through ``html.escape``."""
from __future__ import annotations

from symgraph.safe_text import html_text as escape

from symgraph.render.diagram.histogram import histogram_svg

STYLE = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
         "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;"
         "text-align:left}td.n{text-align:right}.review{color:#b35c00}")


def class_report_html(report: dict) -> str:
    e = escape
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Class report: "
             f"{e(report['file'])}</title><style>{STYLE}</style></head><body>",
             f"<h1>Class report: {e(report['file'])}</h1>",
             f"<p>{report['answers_right']} of {report['answers']} answers fully right"
             + (f"; <span class=\"review\">{report['needs_review']} need review</span> (a time limit decided "
                "part of the grade)" if report["needs_review"] else "") + ".</p>"]
    for p in report["problems"]:
        parts.append(f"<section><h2>{e(p['id'])}</h2><p>{p['right']} of {p['answers']} answers fully right.</p>")
        if p["histogram"]:
            svg = histogram_svg(p)
            parts.append(f"<figure>{svg[svg.index('<svg'):]}</figure>")
            parts.append(_table(["mistake", "answers", "what it is"],
                                [[h["mistake"], h["count"], h["description"]] for h in p["histogram"]]))
        parts.append(_table(["answer note", "answers", "%"], [[n["note"], n["count"], f"{n['percent']:g}"]
                                                             for n in p["notes"]]))
        parts.append("</section>")
    parts.append("<h2>Students</h2>")
    parts.append(_table(["student", "problem", "claims right", "points", "mistakes", "review", "error"],
                        [[s["student"], s["problem"], f"{s['right']}/{s['claims']}",
                          f"{s['points']:g}/{s['possible']:g}", " ".join(s["mistakes"]),
                          "yes" if s["needs_review"] else "", s["error"]] for s in report["students"]]))
    return "\n".join(parts) + "\n</body></html>\n"


def _table(header: list, rows: list) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td class=\"n\">{c}</td>" if isinstance(c, int) else f"<td>{escape(str(c))}</td>"
                                    for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
