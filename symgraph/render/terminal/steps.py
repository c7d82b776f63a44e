"""The rule-by-rule derivation of ``symgraph steps`` for the terminal: rich colours or plain text.

Derivatives are red and values green, as in the seed's circuit; every word and number comes from the
finished report (steps/derive.py), this module only lays it out.
"""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from symgraph.render.common.numbers import fmt

VALUE, GRAD, DIM = "green", "red", "dim"


def render_steps(report, console: Console, digits: int = 6, plain: bool = False) -> None:
    at = ", ".join(f"{k} = {v}" for k, v in report.at_text.items())
    how = "local partials on the edges, then the adjoints along paths (the seed's way)" \
        if report.kind == "decomposition" else "one rule per node of the graph"
    if not report.derivations:
        console.print(Text(f"{report.output} has no variables: it is a constant, and its derivative is 0"))
    for d in report.derivations:
        console.print()
        console.print(Text(f"Derivative of {report.output} with respect to {d.wrt}" + (f" at {at}" if at else "")
                           + f": {how}", style="bold underline"))
        for k, s in enumerate(d.steps, 1):
            _step(console, k, s, report.output, digits)
        console.print(_result(d, report.output, digits))
    if report.detail == "brief" and report.kind == "expression":
        console.print(Text("(brief: sum, difference and constant multiple steps folded; --detail full shows them)",
                           style=DIM))
    for w in report.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))


def _step(console: Console, k: int, s, output: str, digits: int) -> None:
    head = Text(f"{k}. ")
    if s.rule == "local partial":
        head.append(f"{s.node}", style="bold")
        head.append(f"   from {s.expression}   ({', '.join(s.rules[1:])})")
    elif s.rule == "chain rule along paths":
        head.append(f"{s.node}", style="bold")
        head.append(f"   {s.rule}")
    else:
        head.append(f"{s.node} = {s.expression}", style="bold")
        rule = f"chain rule with the {s.rule}, let u = {s.chain['u']} (u' = {s.chain['du']})" if s.chain else s.rule
        head.append(f"   {rule}")
    console.print(head)
    if s.form:
        console.print(Text(f"     rule: {s.form}", style=DIM))
    lhs = s.node if s.rule in ("local partial", "chain rule along paths") else f"d{s.node}/d{s.wrt}"
    line = Text(f"     {lhs} = ")
    if s.rule == "chain rule along paths" and s.expression != s.derivative:
        line.append(f"{s.expression} = ")
    if s.combined and s.rule != "local partial" and s.combined != s.derivative:
        line.append(f"{s.combined} = ")
    line.append(s.derivative, style=GRAD)
    line.append_text(_value(s.value, s.exact, digits))
    console.print(line)


def _value(value, exact, digits: int) -> Text:
    if value is None:
        return Text("")
    out = Text("   (= ")
    out.append(fmt(value, digits), style=VALUE)
    if exact is not None:
        out.append(f" = {exact} exactly", style=VALUE)
    out.append(" at the point)")
    return out


def _result(d, output: str, digits: int) -> Text:
    line = Text("Result: ", style="bold")
    line.append(f"d{output}/d{d.wrt} = ")
    line.append(d.result, style="bold " + GRAD)
    line.append_text(_value(d.value, d.exact, digits))
    if d.proved:
        line.append("   ✓ proved equal to SymPy's diff", style="bold green")
    elif d.proved is False:
        line.append(f"   ✗ {d.note}", style="bold red")
    else:
        line.append(f"   ~ {d.note}", style="yellow")
    return line
