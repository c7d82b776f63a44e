"""Print a worked-solution ``Document`` in the format a command's ``--format`` names."""
from __future__ import annotations


def render_document(doc, fmt: str, standalone: bool = False) -> str:
    if fmt == "latex":
        from symgraph.render.document.latex import render_latex

        return render_latex(doc, standalone=standalone)
    from symgraph.render.document.markdown import render_markdown

    return render_markdown(doc)


def handout(report, fmt: str, standalone: bool = False) -> str:
    """``report.to_markdown()`` / ``to_latex()``: a grad report's worked solution, or a check report's
    claims judged (the command line adds grad's solution at the point; here it is ``grad(...).to_markdown()``)."""
    from symgraph.judging.checking import CheckReport
    from symgraph.render.document.worked import check_document, grad_document
    from symgraph.report import GradReport

    if isinstance(report, GradReport):
        return render_document(grad_document(report), fmt, standalone)
    if isinstance(report, CheckReport):
        return render_document(check_document(report), fmt, standalone)
    from symgraph.errors import SymgraphError      # a report without a handout (graded files, tensor claims)

    raise SymgraphError(f"no worked solution for a {type(report).__name__}: it has text (str) and JSON "
                        "(to_json) only")
