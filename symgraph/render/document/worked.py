"""A worked solution as a small document: the one structure behind ``--format markdown`` and ``latex``.

A ``Document`` is a title and a list of sections; each section holds blocks of four kinds: ``Para``
(text and inline math), ``Table``, ``Equations`` (aligned: ``lhs = step = ... = result``) and ``Items``.
``markdown.py`` and ``latex.py`` only print these blocks; the builders here only arrange what a finished
report holds (grad's trace, check's verdicts), so any other command (``steps``) can build its own
sections and reuse both printers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from symgraph.render.document.texmath import MAX_EXPR_CHARS, partial, tex_expr, tex_factor, tex_name, tex_num, total

# A "run" is a list of parts: ("text", str) is plain text, ("math", str) is inline TeX.


def text(s: str) -> tuple:
    return ("text", s)


def math(s: str) -> tuple:
    return ("math", s)


@dataclass
class Para:
    runs: list


@dataclass
class Table:
    header: list          # runs
    rows: list            # rows of runs


@dataclass
class Equations:
    lines: list           # each: [lhs, rhs, rhs, ...] TeX, printed lhs &= rhs = rhs


@dataclass
class Items:
    items: list           # runs


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)


@dataclass
class Document:
    title: str
    sections: list = field(default_factory=list)


def point_runs(at_text: dict, at: dict, digits: int, limit=None) -> list:
    names = list(at)[:limit]
    pairs = [f"{tex_name(k)} = {_as_written(at_text[k]) if k in at_text else tex_num(at[k], digits)}"
             for k in names]
    more = [text(f" and {len(at) - len(names)} more inputs")] if len(names) < len(at) else []
    return [math(", ".join(pairs))] + more if pairs else [text("no point")]


def _as_written(value: str) -> str:
    """A point's value as the user wrote it: a plain number verbatim (0.5, not 1/2), else typeset (pi/4)."""
    value = value.strip()
    if not _NUMBER.fullmatch(value):
        return tex_expr(value)
    return value if "e" not in value.lower() else tex_num(float(value), 15)


_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")


def _limit(report):
    """How many statements, inputs and results a big graph's solution lists (None: all), as the trace."""
    trace = report.trace or {}
    return None if trace.get("complete", True) else trace.get("list_limit")


def _more(shown: int, total: int, what: str) -> list:
    if shown >= total:
        return []
    return [Para([text(f"(The first {shown} of {total} {what}; --full-trace shows them all.)")])]


def grad_document(report, digits: int = 6) -> Document:
    """grad's worked solution: decomposition, forward pass, local partials, backward pass, result, checks."""
    out = report.output
    doc = Document(f"Worked solution: the gradient of {out}")
    at = point_runs(report.at_text, report.at, digits, _limit(report))
    doc.sections.append(Section("The point", [Para([text("Evaluate at ")] + at + [text(".")])]))
    doc.sections.append(_decomposition(report))
    trace = report.trace or {}
    if trace:
        doc.sections += [_forward(report, digits), _locals(report, digits), _backward(report, digits)]
    doc.sections.append(_result(report, digits))
    doc.sections.append(Section("Checks", [Para([text(checks_line(report))])]))
    if report.warnings:
        doc.sections.append(Section("Warnings", [Items([[text(w)] for w in report.warnings])]))
    return doc


def _decomposition(report) -> Section:
    shown = report.statements[:_limit(report)]
    last = len(report.statements) - 1          # an unnamed earlier statement is unused: never the output's name
    nodes = report.statement_nodes
    lines = [[tex_name(name) if name else tex_name(report.output) if k == last
              else tex_name(nodes[k]) if k < len(nodes) else r"\text{(unnamed)}",
              tex_expr(expr)] for k, (name, expr) in enumerate(shown)]
    return Section("Decomposition", [Para([text("The function, step by step as written:")]), Equations(lines)]
                   + _more(len(shown), len(report.statements), "statements"))


def _forward(report, digits: int) -> Section:
    rows = []
    for row in report.trace["forward_pass"]:
        computes = [text(row["expr"])] if row["expr"] in ("input", "constant") else [math(tex_expr(row["expr"]))]
        rows.append([[math(tex_name(row["node"]))], computes, [math(tex_num(row["value"], digits))]])
    table = Table([[text("node")], [text("computes")], [text("value")]], rows)
    return Section("Forward pass (the value of every node)",
                   [table] + _more(len(rows), report.trace["total_nodes"], "nodes"))


def _locals(report, digits: int) -> Section:
    lines = []
    for e in report.trace["edges"]:
        value = tex_num(e["value"], digits)
        sym = tex_expr(e["symbolic"]) if e["symbolic"] else value
        lines.append([partial(e["to"], e["from"])] + ([sym] if sym != value else []) + [value])
    return Section("Local partial derivatives (one per edge)", [Equations(lines)] if lines else [])


def _backward(report, digits: int) -> Section:
    """Each node's adjoint as the sum over its consumers of adjoint times local partial, in the order the
    backward pass completes them (reverse topological order)."""
    out = report.output
    order = {row["node"]: k for k, row in enumerate(report.trace["forward_pass"])}
    terms: dict = {}
    for s in report.trace["backward"]:
        terms.setdefault(s["to"], []).append(s)
    lines = [[total(out, out), "1"]]
    for node in sorted(terms, key=lambda n: -order.get(n, -1)):
        steps = terms[node]
        chain = " + ".join(f"{total(out, s['from'])} \\cdot {partial(s['from'], node)}" for s in steps)
        numbers = " + ".join(f"{tex_factor(s['adjoint_from'], digits)} \\cdot {tex_factor(s['local'], digits)}"
                             for s in steps)
        lines.append([total(out, node), chain, numbers, tex_num(steps[-1]["after"], digits)])
    intro = Para([text("Reverse mode: each node's adjoint (written with d) is the sum, over the nodes it feeds, of "
                       "their adjoint times the local partial on the edge (written with ∂), starting from ")] +
                 [math(f"{total(out, out)} = 1"), text(".")])
    steps = report.trace["backward"]
    return Section("Backward pass (reverse mode)", [intro, Equations(lines)]
                   + _more(len(steps), report.trace.get("backward_total", len(steps)), "backward steps"))


def _result(report, digits: int) -> Section:
    lines = []
    shown = report.wrt[:_limit(report)]
    for var in shown:
        sym = (report.symbolic or {}).get(var)
        readable = sym and len(sym["derivative"]) <= MAX_EXPR_CHARS    # a page of symbols helps nobody
        value = tex_num(report.gradient[var], digits)
        formula = tex_expr(sym["derivative"]) if readable else value
        lines.append([total(report.output, var)] + ([formula] if formula != value else []) + [value])
    return Section("Result", [Equations(lines)] + _more(len(shown), len(report.wrt), "inputs"))


def checks_line(report) -> str:
    words = {"ok": "agree", "mismatch": "DISAGREE", "skipped": "skipped", "not comparable": "not comparable"}
    parts = [f"{c.name}: {words.get(c.status, c.status)}" for c in report.checks]
    verdict = "all checks agree" if report.ok else "a check disagrees"
    return f"{verdict} ({'; '.join(parts) or 'none ran'})."


def check_document(check_report, grad_report=None, digits: int = 6) -> Document:
    """check's worked solution: the claims judged, then (at a point) grad's worked solution to compare."""
    doc = Document(f"Checking claims about {check_report.output}")
    rows = []
    for v in check_report.verdicts:
        rows.append([[text(v.claim)], [text({"right": "right", "wrong": "WRONG"}.get(v.status, v.status))],
                     [math(tex_expr(v.expected)) if v.kind == "symbolic" and v.expected else text(v.expected or "")],
                     [text(v.method or "")]])
    summary = (f"{sum(v.ok is True for v in check_report.verdicts)} right, {check_report.wrong} wrong, "
               f"{check_report.undecided} undecided.")
    blocks = [Table([[text("claim")], [text("verdict")], [text("true value")], [text("how")]], rows),
              Para([text(summary)])]
    first = (check_report.locator or {}).get("first_wrong_claim")
    if first:
        blocks.append(Para([text(f"The first wrong step (in backward order): {first}.")]))
    # the locator's explanations (why each wrong claim is wrong), the first wrong step first
    whys = sorted((check_report.locator or {}).get("explanations", []), key=lambda e: not e.get("first"))
    if whys:
        blocks.append(Items([[text(e["text"])] for e in whys]))
    doc.sections.append(Section("Claims", blocks))
    if grad_report is not None:
        doc.sections += grad_document(grad_report, digits).sections
    return doc
