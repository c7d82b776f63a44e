"""``symgraph steps --format markdown|latex``: the rule-by-rule derivation as a worked-solution ``Document``.

Every rule name, general form, derivative, value and proof verdict comes from the finished steps report
(steps/derive.py); this module only typesets them into the blocks that markdown.py and latex.py print.
"""
from __future__ import annotations

import re

from symgraph.render.document.texmath import partial, tex_expr, tex_name, tex_num, total
from symgraph.render.document.worked import Document, Equations, Items, Para, Section, math, point_runs, text

_PARTIAL = re.compile(r"^∂(\w+)/∂(\w+)$")
_TOTAL = re.compile(r"^d(\w+)/d(\w+)$")
_PATHS = "chain rule along paths"


def steps_document(report, digits: int = 6) -> Document:
    doc = Document(f"Worked solution: the derivative of {report.output}, rule by rule")
    how = ("local partials on the edges, then the adjoints combined along paths"
           if report.kind == "decomposition" else "one differentiation rule per node of the graph")
    if report.kind == "expression":
        intro = [text(f"The function {report.output} = "), math(tex_expr(report.expression))]
    else:
        intro = [text(f"The program {report.expression}")]
    intro.append(text(f", differentiated by {how}."))
    if report.at:
        intro += [text(" Values at ")] + point_runs(report.at_text, report.at, digits) + [text(".")]
    doc.sections.append(Section("The problem", [Para(intro)]))
    if not report.derivations:
        doc.sections.append(Section("Result", [Para([text(f"{report.output} has no variables: it is a "
                                                          "constant, and its derivative is 0.")])]))
    for d in report.derivations:
        doc.sections.append(_derivation(report, d, digits))
    if report.detail == "brief" and report.kind == "expression":
        doc.sections.append(Section("Note", [Para([text("Brief: the sum, difference and constant multiple "
                                                        "steps are folded; --detail full shows them.")])]))
    if report.warnings:
        doc.sections.append(Section("Warnings", [Items([[text(w)] for w in report.warnings])]))
    return doc


def _derivation(report, d, digits: int) -> Section:
    blocks = []
    for k, s in enumerate(d.steps, 1):
        blocks += _step(k, s, report.output, digits)
    value = _value(d.value, d.exact, digits)
    lhs = total(report.output, d.wrt)
    blocks.append(Para([text("Result:")]))
    result = tex_expr(d.result)
    blocks.append(Equations([[lhs, result] + [v for v in value if v != result]]))
    blocks.append(Para([text(_proof(d))]))
    return Section(f"Derivative of {report.output} with respect to {d.wrt}", blocks)


def _step(k: int, s, output: str, digits: int) -> list:
    if s.rule == "local partial":
        head = [text(f"Step {k}: local partial from "), math(_statement(s.expression)),
                text(f" ({', '.join(s.rules[1:])}).")]
    elif s.rule == _PATHS:
        head = [text(f"Step {k}: "), math(_node_tex(s.node)), text(f", {_PATHS}.")]
    elif s.chain:
        head = [text(f"Step {k}: "), math(f"{tex_name(s.node)} = {tex_expr(s.expression)}"),
                text(f", chain rule with the {s.rule}, let "), math(f"u = {tex_expr(s.chain['u'])}"),
                text(" ("), math(f"u' = {tex_expr(s.chain['du'])}"), text(").")]
    else:
        head = [text(f"Step {k}: "), math(f"{tex_name(s.node)} = {tex_expr(s.expression)}"),
                text(f", {s.rule}.")]
    blocks = [Para(head)]
    if s.form:
        blocks.append(Para([text(f"General form: {s.form}")]))
    lhs = _node_tex(s.node) if s.rule in ("local partial", _PATHS) else total(s.node, s.wrt)
    line = [lhs]
    if s.rule == _PATHS and s.expression != s.derivative:
        line.append(_product_sum(s.expression))
    if s.combined and s.rule != "local partial" and s.combined != s.derivative:
        line.append(_product_sum(s.combined))
    line.append(tex_expr(s.derivative))
    line += [v for v in _value(s.value, s.exact, digits) if v != line[-1]]
    blocks.append(Equations([line]))
    return blocks


def _value(value, exact, digits: int) -> list:
    """The value at the point, and its exact form when the report has one (nothing without --at)."""
    if value is None:
        return []
    return [tex_num(value, digits)] + ([tex_expr(exact)] if exact is not None else [])


def _proof(d) -> str:
    if d.proved:
        return "Proved equal to SymPy's diff."
    if d.proved is False:
        return f"DISAGREES with SymPy's diff: {d.note}"
    return f"Not proven: {d.note}"


def _node_tex(token: str) -> str:
    """A step's name as the report writes it (∂g1/∂x1, df/dg2, v1) as TeX."""
    m = _PARTIAL.match(token)
    if m:
        return partial(m.group(1), m.group(2))
    m = _TOTAL.match(token)
    return total(m.group(1), m.group(2)) if m else tex_expr(token)


def _statement(source: str) -> str:
    name, sep, expr = source.partition(" = ")
    return f"{tex_name(name)} = {tex_expr(expr)}" if sep else tex_expr(source)


def _product_sum(source: str) -> str:
    """A rule instantiated before simplifying (``1·2 + (-4)·x2``, ``df/dg1·∂g1/∂x1``): each factor typeset
    on its own, so SymPy does not multiply the numbers out and the step stays visible."""
    terms = [" \\cdot ".join(_factor(f) for f in _split(t, "·")) for t in _split(source, " + ")]
    return " + ".join(terms)


def _factor(piece: str) -> str:
    piece = piece.strip()
    tex = _node_tex(piece)
    return f"\\left({tex}\\right)" if piece.startswith("(") and piece.endswith(")") else tex


def _split(source: str, sep: str) -> list:
    """``source`` split at ``sep`` outside parentheses."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        ch = source[i]
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and source.startswith(sep, i):
            parts.append(source[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    return parts + [source[start:]]
