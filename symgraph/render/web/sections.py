"""The blocks of the HTML page below the stepper: a grad page's results and checks (shown at the last step),
a check page's verdicts and the locator's explanations. Every number comes from the finished report."""
from __future__ import annotations

from symgraph.safe_text import html_text as escape

from symgraph.render.common.numbers import fmt


DIGITS = 6          # significant digits in the table and the step text (the SVG shows the seed's 2 decimals)


def num(x) -> str:
    return fmt(x, DIGITS)


def results_html(data: dict) -> str:
    """The results (gradient in red) and the checks with their verdicts."""
    out = data["output"]
    grad = "".join(f'<tr><td>{escape(v)}</td><td class="grad">{num(g)}</td></tr>'
                   for v, g in list(data["gradient"].items())[:40])
    more = len(data["gradient"]) - 40
    checks = "".join(
        f'<tr class="{c["status"].replace(" ", "-")}"><td>{mark(c["ok"])} {escape(c["status"])}</td>'
        f'<td>{escape(c["name"])}<div class="dim">{escape(c["lhs"])} vs {escape(c["rhs"])}</div>'
        + (f'<div class="note">{escape(c["note"])}</div>' if c["note"] else "") + "</td></tr>"
        for c in data["checks"])
    verdict = "every compared check agrees ✓" if data["ok"] else "a check disagrees ✗"
    warnings = "".join(f"<li>{escape(w)}</li>" for w in data.get("warnings", []))
    return (f'<h2>Results: {escape(out)} = <span class="val">{num(data["value"])}</span></h2>'
            f'<table class="results"><thead><tr><th>input</th><th>d{escape(out)}/d(input)</th></tr></thead>'
            f'<tbody>{grad}</tbody></table>'
            + (f'<p class="dim">… {more:,} more inputs (the JSON report lists them all)</p>' if more > 0 else "")
            + f'<h2>Checks: <span class="{"ok" if data["ok"] else "bad"}">{verdict}</span></h2>'
            f'<table class="checks"><tbody>{checks}</tbody></table>'
            + (f'<h2>Warnings</h2><ul class="warnings">{warnings}</ul>' if warnings else ""))


def final_html(inner: str) -> str:
    """What the last step computes (the results, the checks): the stepper shows it only at the last step,
    and says meanwhile where it went (without a script, it is simply shown)."""
    return (f'<div id="results" data-final>{inner}</div><p class="dim" id="results-pending" data-pending hidden>'
            "The results and the checks appear at the last step, when the backward pass has computed them.</p>")


def claims_html(data: dict) -> str:
    """A check report's verdict table and the locator's explanations (the first wrong step first)."""
    rows = "".join(f'<tr class="{"" if c["ok"] else "wrong"}"><td class="{"ok" if c["ok"] else "bad"}">'
                   f'{mark(c["ok"])} {escape(c["status"])}</td><td>{escape(c["claim"])}</td>'
                   f'<td>true {escape(str(c["expected"]))}</td>'
                   f'<td class="dim">{escape(c["note"] or c["method"] or "")}</td></tr>' for c in data["claims"])
    explain = "".join(f'<p class="{"note" if e.get("first") else ""}">{escape(e["text"])}</p>'
                      for e in (data.get("locator") or {}).get("explanations", []))
    verdict = f'{data["right"]} right, {data["wrong"]} wrong, {data["undecided"]} undecided'
    return f'<h2>Claims: {verdict}</h2><table class="claims"><tbody>{rows}</tbody></table>{explain}'


VERDICT = {True: "right", False: "wrong", None: "undecided"}


def mark(ok) -> str:
    return "~" if ok is None else ("✓" if ok else "✗")
