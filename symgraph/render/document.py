"""Print a worked-solution ``Document`` in the format a command's ``--format`` names."""
from __future__ import annotations


def render_document(doc, fmt: str, standalone: bool = False) -> str:
    if fmt == "latex":
        from symgraph.render.latex import render_latex

        return render_latex(doc, standalone=standalone)
    from symgraph.render.markdown import render_markdown

    return render_markdown(doc)
