"""A derivative operator written before the expression: ``d/dx x^2``, ``d/dx (x^2)``, ``\\frac{d}{dx} x^2``,
``\\frac{\\partial}{\\partial x} (x y)``. The operand is the expression and the variable is ``--wrt``
(``Program.wrt``); the operator's text becomes spaces, so carets still point into what the user wrote.
Anywhere else in an expression the operator is refused with a message: it is never read as variables
named d and dx (issue 23)."""
from __future__ import annotations

import re
from typing import Optional

from symgraph.errors import ParseError
from symgraph.notation.notes import note

_NAME = r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+|_\{[A-Za-z0-9]+\})?"
_D = r"(?:d|\\mathrm\s*\{\s*d\s*\}|\\partial|∂)"
_PLAIN = re.compile(rf"^\s*(?P<op>(?:d|∂)\s*/\s*(?:d|∂)\s*(?P<wrt>{_NAME}))(?=[\s(\[{{|])")
_LATEX = re.compile(rf"^\s*(?:\$\s*)?(?P<op>\\[dt]?frac\s*\{{\s*{_D}\s*\}}\s*\{{\s*{_D}\s*(?P<wrt>{_NAME})\s*\}})")
_ANYWHERE = re.compile(rf"(?<![A-Za-z0-9_])(?:d|∂)\s*/\s*(?:d|∂)\s*{_NAME}"
                       rf"|\\[dt]?frac\s*\{{\s*{_D}\s*\}}\s*\{{\s*{_D}\s*{_NAME}\s*\}}")
_LATEX_RATIO = re.compile(rf"\\[dt]?frac\s*\{{\s*{_D}\s*{_NAME}\s*\}}\s*\{{\s*{_D}\s*{_NAME}\s*\}}")


_COMMENT = re.compile(r"#[^\n]*")


def take_operator(source: str) -> tuple:
    """(source with a leading derivative operator blanked out, the variable or None)."""
    m = _PLAIN.match(source) or _LATEX.match(source)
    wrt: Optional[str] = None
    if m:
        wrt = re.sub(r"[{}\s]", "", m.group("wrt"))
        op = m.group("op")
        note(f"{op.strip()} is the derivative with respect to {wrt}: the expression after it is differentiated "
             f"(--wrt {wrt})")
        source = source[:m.start("op")] + " " * len(op) + source[m.end("op"):]
    code = _COMMENT.sub(lambda c: " " * len(c.group()), source)        # '# d/dx = 2x' is a comment
    bad = _ANYWHERE.search(code) or _LATEX_RATIO.search(code)
    if bad:
        raise ParseError("a derivative operator is read only at the start of the expression (d/dx x^2 or "
                         "\\frac{d}{dx} x^2), never as variables named d and dx", source, bad.start(),
                         hint="differentiate the whole expression with d/dx in front of it, or use --wrt; "
                              "claims about derivatives go to symgraph check")
    return source, wrt
