"""The base of every finished report (``JsonReport``): to_dict/to_json and the views. It imports no SymPy
and no core module, so light reports (check --code's) need not load them; symgraph.report re-exports it."""
from __future__ import annotations

import json
from typing import Optional

from symgraph.views import render


class JsonReport:
    """What every finished report offers: ``to_dict()`` (plain data, JSON's types) and ``to_json()``."""

    def to_dict(self) -> dict:  # pragma: no cover - every report defines it
        raise NotImplementedError

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as a JSON string (inf and nan are already strings in ``to_dict``). ``indent`` as
        ``json.dumps`` takes it: None (one line), 0 to 16 spaces, or a string of at most 16 spaces and tabs."""
        from symgraph.core import arguments as args      # light: it imports no SymPy

        return json.dumps(self.to_dict(), indent=args.indent(indent), allow_nan=False, ensure_ascii=False)

    def __str__(self) -> str:
        return self.to_text()

    def to_text(self) -> str:
        """The plain-text trace, as ``--format plain`` prints it."""
        return render("text", self)

    def to_html(self) -> str:
        """One self-contained HTML page that steps through the passes, as ``--format html`` writes it."""
        return render("html", self)

    def to_markdown(self) -> str:
        """The worked solution as Markdown with TeX math, as ``--format markdown`` prints it."""
        return render("handout", self, "markdown")

    def to_latex(self, standalone: bool = False) -> str:
        """The worked solution as LaTeX: a fragment, or a complete document with ``standalone=True``."""
        from symgraph.core import arguments as args

        return render("handout", self, "latex", args.flag(standalone, "standalone"))

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """Jupyter: the trace, circuit and checks as HTML, with the plain text as the fallback."""
        return render("mimebundle", self)
