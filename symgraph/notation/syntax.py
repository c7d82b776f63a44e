"""Which syntax a text is read in: ``auto`` (LaTeX when it has a backslash or a brace, which the plain syntax
refuses anyway), ``plain`` or ``latex``. The CLI's ``--syntax`` sets it for one command with ``use``;
library callers can pass ``syntax=`` to parse() and parse_expression() instead."""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Optional

from symgraph.errors import ParseError

SYNTAXES = ("auto", "plain", "latex")
_CURRENT = contextvars.ContextVar("symgraph_syntax", default="auto")


@contextmanager
def use(syntax: Optional[str]):
    """Read every text in this block in ``syntax`` (None or "auto": detect)."""
    token = _CURRENT.set(_checked(syntax or "auto"))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _checked(syntax: str) -> str:
    if syntax not in SYNTAXES:
        raise ParseError(f"unknown syntax {syntax!r}: use one of {', '.join(SYNTAXES)}")
    return syntax


def is_latex(source: str, syntax: Optional[str] = None) -> bool:
    from symgraph.notation.latex import looks_like_latex

    chosen = _checked(syntax or _CURRENT.get())
    return chosen == "latex" or (chosen == "auto" and looks_like_latex(source))
