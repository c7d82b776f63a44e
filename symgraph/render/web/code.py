"""``check --code --format html``: one self-contained page (no script, no network): the file with each judged
line marked, the line-by-line table, and the first wrong line and why. It reads the finished report's
to_dict(); every piece of user text goes through html.escape."""
from __future__ import annotations

from symgraph.safe_text import html_text as escape

CSS = """body{font-family:system-ui,sans-serif;margin:2em;max-width:72em}
pre.src{background:#f6f8fa;padding:.8em;overflow-x:auto;line-height:1.4}
pre.src span{display:block}.ok{background:#e6ffed}.bad{background:#ffeef0}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
td.code{font-family:monospace}.why{margin-top:1em}"""
MARK = {True: ("✓ right", "ok"), False: ("✗ wrong", "bad"), None: ("not judged", "")}


def _shape(shape) -> str:
    return "-" if shape is None else "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def code_page(data: dict, source: str) -> str:
    marks: dict = {}
    for row in data["lines"]:
        for n in row["lines"]:
            if marks.get(n) != "bad":
                marks[n] = MARK[row["ok"]][1]
    listing = "".join(f'<span class="{marks.get(i, "")}">{i:4d}  {escape(line)}</span>'
                      for i, line in enumerate(source.splitlines(), 1))
    rows = "".join(
        f"<tr><td>{row['line']}</td><td class=\"code\">{escape(row['code'])}</td><td>{escape(row['claim'])}</td>"
        f"<td class=\"{MARK[row['ok']][1]}\">{MARK[row['ok']][0]}</td><td>{_shape(row['shape'])}</td>"
        f"<td>{'-' if row['max_abs_err'] is None else format(row['max_abs_err'], '.2g')}</td></tr>"
        for row in data["lines"])
    first = data["first_wrong"]
    if first is None:
        verdict = "<p class=\"why\"><b>Every gradient is right.</b></p>"
    else:
        row = next((r for r in data["lines"] if r["line"] == first["line"] and r["name"] == first["name"]), {})
        mistake = (f"<p>mistake <b>{escape(row['diagnosis']['mistake'])}</b>: {escape(row['diagnosis']['text'])}"
                   "</p>") if row.get("diagnosis") else ""
        verdict = (f"<div class=\"why\"><p><b>First wrong line</b>: line {first['line']}: "
                   f"<code>{escape(first['code'])}</code></p><p>{escape(row.get('why', first['why']))}</p>"
                   f"{mistake}</div>")
    title = f"Checking the backward pass in {data['source']}"
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{escape(title)}</h1><pre class=\"src\">{listing}</pre>"
            "<table><tr><th>line</th><th>code</th><th>claim</th><th>verdict</th><th>shape</th><th>error</th></tr>"
            f"{rows}</table>{verdict}</body></html>\n")
