"""A function name glued to its argument, as students type it: ``sinx``, ``lnx``, ``sin2x``, ``xsinx``,
``e^xcosx``. The tokenizer reads each as one name; a textbook reader reads sin x.

A run is cut into (letters before) function (number) letter when the run is not a name in play, a step or
an input of a definition, and its argument (``x``) is a name in play, stands alone in the text, or the
text is textbook-style (any implicit product or function without parentheses). Code-style names stay whole
(``cost``, ``logp``, ``sinx`` with no ``x`` anywhere); before '(' the run is a call of an unknown function
(``sinx(y + 1)``), as before. Each cut carries a note. ``log`` is never cut:
``logp`` is a log-probability in code far more often than log p. One pass over the name tokens.
"""
from __future__ import annotations

import re

from symgraph.notation.letters import keep_whole, standalone
from symgraph.notation.notes import note

_FUNCTIONS = ("arcsinh|arccosh|arctanh|arcsin|arccos|arctan|asinh|acosh|atanh|asin|acos|atan|sinh|cosh|tanh|"
              "sech|csch|coth|sin|cos|tan|sec|csc|cot|ln")
_GLUED = re.compile(rf"(?P<pre>(?:[A-Za-z](?:_?[0-9]+)?)*?)(?P<fn>{_FUNCTIONS})(?P<num>[0-9]*)"
                    r"(?P<arg>[A-Za-z](?:_?[0-9]+)?)")


def unglue(tokens: list, textbook: bool, steps: set, params: set) -> list:
    """The name tokens ``sinx`` -> ``sin x`` (see the module's rules), with a note for each."""
    keep, known = keep_whole(steps, params)
    alone = standalone(tokens, keep) | known
    out: list = []
    Token = type(tokens[0])
    for k, tok in enumerate(tokens):
        called = tokens[k + 1].text == "(" if k + 1 < len(tokens) else False      # sinx(y): a call, refused
        m = _GLUED.fullmatch(tok.text) if tok.kind == "name" and tok.text not in keep and not called else None
        if m is None or not (textbook or m.group("arg") in alone):
            out.append(tok)
            continue
        pre, fn, num, arg = m.group("pre", "fn", "num", "arg")
        note(f"{tok.text} is read as {pre + ' ' if pre else ''}{fn} {num}{arg}; for a variable named {tok.text}, "
             f"give it a value in --at")
        col = tok.col
        for kind, text in (("name", pre), ("name", fn), ("num", num), ("name", arg)):
            if text:
                out.append(Token(kind, text, col))
                col += len(text)
    return out
