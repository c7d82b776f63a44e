"""A division followed by letters or a group side by side: ``1/2x``, ``x/2y``, ``x^2/3x``, ``1/x(x+1)``,
``1/2πx``. Implicit multiplication binds like ``*``, so each reads as (a/b)*c; many readers mean a/(bc).
The reading is kept, with a note naming the other way to write it; under notes.other_reading the
denominator takes the whole product (a/(bc)), so check can say when a verdict would flip (issue 23).

A note is given when the factor after the denominator touches it (``1/2x``); ``1/2 x`` reads as before.
One pass over the tokens, after the letters are split (letters.py) and before the implicit ``*`` are
written (implicit.py); parentheses are matched once with a stack.
"""
from __future__ import annotations

from symgraph.core.primitives import FUNCTIONS
from symgraph.notation.notes import note, reading_other
from symgraph.notation.textbook import matches
from symgraph.notation.unicode import ROOTS

_POWER = ("^", "**")


def divided_products(tokens: list, source: str) -> list:
    """The tokens, with a note at each ``a/bc``; under the other reading ``a/(bc)``."""
    match = _matching(tokens)
    opens: dict = {}                                  # index of '(' -> tokens to add before it
    closes: dict = {}                                 # index of a token -> how many ')' to add after it
    for i, tok in enumerate(tokens):
        if tok.text != "/" or not i:
            continue
        den_end = _factor_end(tokens, i + 1, match)
        if den_end is None or not _starts(tokens[den_end], tokens) or not _touch(tokens[den_end - 1], tokens[den_end]):
            continue
        run_end = den_end
        while _starts(tokens[run_end], tokens):
            nxt = _factor_end(tokens, run_end, match)
            if nxt is None:
                break
            run_end = nxt
        start = _operand_start(tokens, i - 1, match)
        num, den, rest = (_text(source, tokens[a:b]) for a, b in ((start, i), (i + 1, den_end), (den_end, run_end)))
        note(f"{num}/{den}{rest} is read as ({num}/{den})*{rest}; for {num}/({den}{rest}) write {num}/({den}{rest})")
        if reading_other():
            opens[i + 1] = opens.get(i + 1, 0) + 1
            closes[run_end - 1] = closes.get(run_end - 1, 0) + 1
    if not opens:
        return tokens
    Token = type(tokens[0])
    out: list = []
    for k, tok in enumerate(tokens):
        out += [Token("op", "(", tok.col)] * opens.get(k, 0) + [tok]
        out += [Token("op", ")", tok.col + len(tok.text) - 1)] * closes.get(k, 0)
    return out


def _matching(tokens: list) -> dict:
    """Index of each '(' -> index of its ')', and back."""
    found = matches(tokens)
    found.update({close: open_ for open_, close in list(found.items())})
    return found


def _starts(tok, tokens) -> bool:
    return (tok.kind == "name") or tok.text in ("(",) + ROOTS


def _touch(a, b) -> bool:
    return a.col + len(a.text) == b.col


def _factor_end(tokens: list, j: int, match: dict):
    """The index after one factor starting at j (a number, a name, a call, a group, a root), with its powers."""
    end = _atom_end(tokens, j, match)
    while end is not None and tokens[end].text in _POWER:
        k = end + 1 + (tokens[end + 1].text == "-")
        nxt = _atom_end(tokens, k, match)
        if nxt is None:
            return end
        end = nxt
    return end


def _atom_end(tokens: list, j: int, match: dict):
    tok = tokens[j]
    if tok.text in ROOTS:
        return _atom_end(tokens, j + 1, match)
    if tok.text == "(":
        return match[j] + 1 if j in match else None
    if tok.kind == "name" and tok.text in FUNCTIONS:
        return match[j + 1] + 1 if tokens[j + 1].text == "(" and j + 1 in match else None
    return j + 1 if tok.kind in ("num", "name") else None


def _operand_start(tokens: list, k: int, match: dict) -> int:
    """The index where the product ending at k begins (its factors side by side, with their powers)."""
    start = k
    while start >= 0:
        tok = tokens[start]
        if tok.text == ")" and start in match:
            start = match[start]
            if start and tokens[start - 1].kind == "name" and tokens[start - 1].text in FUNCTIONS:
                start -= 1
        elif tok.kind not in ("num", "name"):
            return start + 1
        before = tokens[start - 1] if start else None
        if before is not None and before.text == "-" and start > 1 and tokens[start - 2].text in _POWER:
            start -= 1
            before = tokens[start - 1]
        if before is not None and (before.text in _POWER or before.kind in ("num", "name") or before.text == ")"
                                   or before.text in ROOTS):
            start -= 2 if before.text in _POWER else 1
            continue
        return start
    return 0


def _text(source: str, toks: list) -> str:
    return source[min(t.col for t in toks):max(t.col + len(t.text) for t in toks)] if toks else ""
