"""The teacher's class report as data: per problem the mistake histogram and the answer notes' frequencies
(as STACK's reports give them: each note, and how many answers carry it), and the per-student table. Built
from the batch's JSON; the renderers (render/document/class_report.py, render/web/class_report.py) lay it
out and compute nothing."""
from __future__ import annotations

from symgraph.judging.mistakes import DESCRIPTIONS


def class_report(data: dict) -> dict:
    problems: dict = {}
    students = []
    for r in data["results"]:
        p = problems.setdefault(r["problem"], {"id": r["problem"], "answers": 0, "right": 0, "notes": {}})
        p["answers"] += 1
        p["right"] += r["ok"]
        for note in answer_notes(r):
            p["notes"][note] = p["notes"].get(note, 0) + 1
        claims = r["report"]["claims"] if r["report"] else []
        students.append({"student": r["student"] or "(no name)", "problem": r["problem"], "ok": r["ok"],
                         "right": sum(c["ok"] is True for c in claims), "claims": len(claims) + len(r["missing"]),
                         "points": r["points"], "possible": r["points_possible"], "mistakes": r["mistakes"],
                         "needs_review": r["needs_review"], "error": r["error"] or ""})
    out = []
    for pid, p in problems.items():
        summary = data["problems"][pid]
        p["histogram"] = [{"mistake": m, "description": DESCRIPTIONS.get(m, m), "count": n}
                          for m, n in summary["mistakes"].items()]
        p["notes"] = [{"note": k, "count": n, "percent": round(100 * n / p["answers"], 1)}
                      for k, n in sorted(p["notes"].items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append(p)
    return {"file": data["file"], "answers": data["answers"], "answers_right": data["answers_right"],
            "needs_review": data.get("needs_review", 0), "problems": out, "students": students}


def answer_notes(result: dict) -> list:
    """What happened to each claim of an answer, in words a teacher can count: "df/dx1 right",
    "df/dx1 wrong (path-missing)", "df/dx2 missing", "malformed claim", "not graded"."""
    if result["report"] is None:
        return ["not graded"]
    notes = []
    for c in result["report"]["claims"]:
        if c["method"] == "malformed":
            notes.append("malformed claim")
            continue
        d = c.get("diagnosis")
        notes.append(f"{c['lhs']} {c['status']}" + (f" ({d['mistake']})" if d else ""))
    notes += [f"{m['lhs']} missing" for m in result["missing"]]
    return list(dict.fromkeys(notes))
