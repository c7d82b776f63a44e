"""Letters side by side in LaTeX: TeX sets ``xy`` as the product of x and y, so each run of letters is cut
into names between lark's lexer and its parser (a *postlexer*), with the same rules as the plain syntax
(letters.py): a run that is a name in play, a step (``ab = ...``), an input of a definition
(``f(ab) = ...``), a function, a constant or a Greek name stays whole. ``\\text{rate}`` and ``\\alpha``
are other tokens and are never cut."""
from __future__ import annotations

import contextvars
import re
from contextlib import contextmanager

from symgraph.notation.letters import decide, keep_whole

_CLOSE = ("RPAR", "RIGHTP")
_OPEN = {"RPAR": "LPAR", "RIGHTP": "LEFTP"}


_LEFT: contextvars.ContextVar = contextvars.ContextVar("symgraph_latex_left_sides", default=(set(), set()))
# a statement's left side: g = ..., g_1 = ..., f(x, y) = ..., f\left(x\right) = ...
_LHS = re.compile(r"(?:^|;|\n|\\\\)\s*([A-Za-z][A-Za-z0-9]*)\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?\s*"
                  r"(?:(?:\(|\\left\s*\()([^()=]*)(?:\)|\\right\s*\)))?\s*=(?!=)")


@contextmanager
def left_sides(text: str):
    """Read the names on the left of each '=' of ``text`` before lexing it (the lexer streams)."""
    steps, params = set(), set()
    for m in _LHS.finditer(text):
        steps.add(m.group(1))
        params.update(p.strip() for p in (m.group(2) or "").split(",") if p.strip())
    token = _LEFT.set((steps, params))
    try:
        yield
    finally:
        _LEFT.reset(token)


class SplitNames:
    """lark's postlex interface: ``process`` gets the token stream and yields the tokens the parser reads
    (one at a time: the contextual lexer lexes each token in the parser's state)."""
    always_accept = ()

    def process(self, stream):
        keep, known = keep_whole(*_LEFT.get())
        cache: dict = {}
        for tok in stream:
            found = decide(str(tok), keep, known, True, cache) if tok.type == "NAME" else None
            if not found:
                yield tok
                continue
            offset = 0
            for part in found:
                yield _piece(tok, part, offset)
                offset += len(part)


def _piece(tok, part: str, offset: int):
    from lark import Token

    start = tok.start_pos + offset
    return Token("NAME", part, start_pos=start, line=tok.line, column=tok.column + offset, end_line=tok.end_line,
                 end_column=tok.column + offset + len(part), end_pos=start + len(part))
