"""Plain text of a tensor ``steps`` report (symgraph.tensor.derive.TensorSteps): the layout, each node's
rule and composed contributions, then each gradient's final form and its checks. Computes nothing."""
from __future__ import annotations

from symgraph.safe_text import cell as terminal_safe


def _shape(shape) -> str:
    return "scalar" if not shape else "×".join(str(n) for n in shape)


def render_text(report) -> str:
    t = terminal_safe
    shapes = ", ".join(f"{n} {_shape(s)}" for n, s in report.shapes.items())
    lines = [f"tensor program: {t(report.source)}", f"shapes: {shapes}", f"layout: {report.layout}", "",
             f"reverse mode, symbolically (seed adj({t(report.output)}) = 1):"]
    for k, step in enumerate(report.steps, 1):
        lines.append(f"  step {k}: {t(step.forward)}")
        lines.append(f"    matrix rule: {t(step.matrix_rule)}")
        for rule, (name, part) in zip(step.rules, step.contributions):
            lines.append(f"    {t(rule)}")
            lines.append(f"      contribution to adj({t(name)}): {t(part)}")
    lines.append("")
    for g in report.gradients:
        lines.append(f"d{t(report.output)}/d{t(g.name)} [{_shape(g.shape)}] = {t(g.form)}")
        if not g.closed:
            lines.append("  not verified: a rule in [brackets] has no form in the language")
        for name, lhs, rhs, err, ok in g.checks:
            lines.append(f"  {'ok' if ok else 'DISAGREES':<10} {name}: {t(lhs)} vs {t(rhs)} "
                         f"(max relative error {err:.2g})")
    lines.append(f"values for the checks: {report.values_from}")
    return "\n".join(lines) + "\n"
