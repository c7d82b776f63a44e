"""How a finished report reaches its renderers without importing them: one table, resolved by name.

A report (``symgraph.report``, ``symgraph.higher.*_report``, ``symgraph.steps.derive``) offers ``str()``,
``to_html()``, ``to_markdown()``, ``to_latex()`` and ``_repr_mimebundle_``; the renderers import the reports
(to read them), so a report that imported a renderer would close an import circle. Instead each of those
methods calls :func:`render` with the name of a view; the table below names the function that draws it as
``"module:function"``, imported with ``importlib`` on first use (so ``import symgraph`` stays light, and the
JSON path never loads rich). This module imports nothing of symgraph.

A new output medium for reports: add its function under ``symgraph/render/<medium>/`` and one row here;
the report's method is one line, ``return render("name", self)``.
"""
from __future__ import annotations

import importlib

VIEWS = {
    "text": "symgraph.render.terminal.text:plain_text",          # str(report): what --format plain prints
    "html": "symgraph.render.web.html:page_for",                 # to_html(): the step-through page
    "handout": "symgraph.render.document.handout:handout",       # to_markdown() / to_latex()
    "mimebundle": "symgraph.render.notebook.bundle:mimebundle",  # _repr_mimebundle_: HTML and the plain text
    "tensor_text": "symgraph.render.terminal.tensor_text:render_text",              # TensorGradReport.to_text()
    "tensor_html": "symgraph.render.web.tensor_page:tensor_page",                  # TensorGradReport.to_html()
    "tensor_mimebundle": "symgraph.render.notebook.tensor_bundle:tensor_mimebundle",  # its _repr_mimebundle_
    "tensor_steps": "symgraph.render.terminal.tensor_steps:render_text",   # tensor steps: str(report)
    "tensor_structure": "symgraph.render.terminal.tensor_structure:render_text",   # grad --shapes, no values
}


def render(view: str, report, *args, **options):
    """Draw ``report`` as the view named ``view`` (a key of ``VIEWS``) and return what its renderer returns."""
    module, _, function = VIEWS[view].partition(":")
    return getattr(importlib.import_module(module), function)(report, *args, **options)
