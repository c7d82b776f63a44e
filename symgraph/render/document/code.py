"""``check --code``'s report as a Document (Markdown or LaTeX through render_document): the line-by-line
table, then the first wrong line and why. It reads the finished report's to_dict() and computes nothing."""
from __future__ import annotations

from symgraph.render.document.worked import Document, Items, Para, Section, Table

VERDICT = {True: "✓ right", False: "✗ wrong", None: "not judged"}


def _t(text) -> list:
    return [("text", str(text))]


def _shape(shape) -> str:
    if shape is None:
        return "-"
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def code_document(data: dict) -> Document:
    doc = Document(f"Checking the backward pass in {data['source']}")
    units = Section("What was run", [Items([_t(
        ("script" if u["kind"] == "script" else f"{u['kind']} {u['name']}") + f": output {u['output']}; inputs "
        + ", ".join(f"{k} {_shape(v)}" for k, v in u["inputs"].items())) for u in data["units"]])])
    rows = []
    for r in data["lines"]:
        shape = _shape(r["shape"]) + ("" if r["shape"] == r["expected_shape"] or r["expected_shape"] is None
                                      else f" ≠ {_shape(r['expected_shape'])}")
        error = "-" if r["max_abs_err"] is None else f"{r['max_abs_err']:.2g}"
        rows.append([_t(r["line"]), _t(r["code"]), _t(r["claim"]), _t(VERDICT[r["ok"]]), _t(shape), _t(error)])
    table = Section("The gradients, line by line", [Table([_t(h) for h in ("line", "code", "claim", "verdict",
                                                                             "shape", "error")], rows)])
    first = data["first_wrong"]
    if first is None:
        verdict = Section("Verdict", [Para(_t("Every gradient is right."))])
    else:
        where = "" if first["unit"] == "script" else f" ({first['unit']})"
        blocks = [Para(_t(f"Line {first['line']}{where}: {first['code']}")), Para(_t(first["why"]))]
        verdict = Section("The first wrong line", blocks)
    doc.sections += [units, table, verdict]
    return doc
