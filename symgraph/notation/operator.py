"""A derivative operator written before the expression: ``d/dx x^2``, ``d/dx (x^2)``, ``\\frac{d}{dx} x^2``,
``\\frac{\\partial}{\\partial x} (x y)``. The operand is the expression and the variable is ``--wrt``
(``Program.wrt``); the operator's text becomes spaces, so carets still point into what the user wrote.
Anywhere else in an expression the operator is refused with a message: it is never read as variables
named d and dx (issue 23)."""
from __future__ import annotations

import re
from typing import Optional

from symgraph.errors import ParseError
from symgraph.notation.macros import NAMES
from symgraph.notation.notes import note
from symgraph.notation.unicode import GREEK_LETTERS, GREEK_NAMES, greek_name

_GREEK_MACROS = "|".join(sorted((n for n in set(GREEK_NAMES) | set(NAMES) if n not in NAMES.values()), key=len,
                                 reverse=True))
# x, x_1, x_{12}, θ (pasted), \theta (LaTeX)
_NAME = (rf"(?:[A-Za-z][A-Za-z0-9]*|[{GREEK_LETTERS}]|\\(?:{_GREEK_MACROS})(?![A-Za-z]))"
         r"(?:_[A-Za-z0-9]+|_\{[A-Za-z0-9]+\})?")
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
        wrt = _variable(re.sub(r"[{}\s]", "", m.group("wrt")))
        op = m.group("op")
        note(f"{op.strip()} is the derivative with respect to {wrt}: the expression after it is differentiated "
             f"(--wrt {wrt})")
        source = source[:m.start("op")] + " " * len(op) + source[m.end("op"):]
        source = _brackets(source, m.end("op"))
    code = _COMMENT.sub(lambda c: " " * len(c.group()), source)        # '# d/dx = 2x' is a comment
    bad = _ANYWHERE.search(code) or _LATEX_RATIO.search(code)
    if bad:
        raise ParseError("a derivative operator is read only at the start of the expression (d/dx x^2 or "
                         "\\frac{d}{dx} x^2), never as variables named d and dx", source, bad.start(),
                         hint="differentiate the whole expression with d/dx in front of it, or use --wrt; "
                              "claims about derivatives go to symgraph check")
    return source, wrt


def _variable(text: str) -> str:
    """The variable's name as the readers name it: θ and \\theta are theta, \\lambda is lamda."""
    if text.startswith("\\"):
        head = re.match(r"\\([A-Za-z]+)", text).group(1)
        return NAMES.get(head, head) + text[len(head) + 1:]
    return (greek_name(text[0]) or text[0]) + text[1:]


def _brackets(source: str, start: int) -> str:
    """``d/dx [x^2 sin x]``: the brackets around the whole operand are parentheses (columns kept)."""
    left = len(source) - len(source[start:].lstrip()) if source[start:].strip() else -1
    right = len(source.rstrip()) - 1
    if left < 0 or source[left] != "[" or source[right] != "]" or left >= right:
        return source
    inner = source[left + 1:right]
    depth = 0
    for ch in inner:                                   # [a] + [b]: not one pair around the whole
        depth += (ch == "[") - (ch == "]")
        if depth < 0:
            return source
    return source[:left] + "(" + inner + ")" + source[right + 1:]
