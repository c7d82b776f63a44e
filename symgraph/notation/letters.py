"""Letters side by side: one name, or a product? The names in play decide (issue 23).

A run of letters (``xy``, ``ac``, ``w_0x_0``) stays whole when it is a name in the point (or, for a claim,
a variable or step of the program), a named step, a function, a constant or a Greek name. Otherwise it
is split when the names in play cover it exactly (``xy`` with x and y in the point), or, in textbook-style
input (any implicit multiplication, any function without parentheses, any bar, and all LaTeX), into its
letters (``x1`` and ``w_0`` count as one letter each). Code-style input (``x1*y``, ``alpha``) reads exactly
as before. Every split carries a note.

``finish`` also checks a definition pasted whole (``f(x, y) = ...``) against its right side.
"""
from __future__ import annotations

import re
from typing import Optional

from symgraph.core.primitives import CONSTANTS, FUNCTIONS
from symgraph.errors import ParseError
from symgraph.notation.notes import names_in_play, note, reading_other
from symgraph.notation.unicode import GREEK_NAMES

MAX_RUN = 100                 # the parser's MAX_NAME_CHARS
_ATOMS = re.compile(r"(?:[A-Za-z](?:_?[0-9]+)?)+")
_ATOM = re.compile(r"[A-Za-z](?:_?[0-9]+)?")
_SUBSCRIPTED = re.compile(r"[A-Za-z]_[0-9]+[A-Za-z]")      # w_0x_0: no code names a variable so
_NEVER_INSIDE = tuple(sorted((n for n in set(FUNCTIONS) | set(GREEK_NAMES) if len(n) > 2), key=len))


def keep_whole(steps: set = frozenset(), params: set = frozenset()) -> tuple:
    """(names that never split, names that cover runs): the names in play, the steps, the definitions'
    inputs, the functions, the constants and the Greek names."""
    known = set(names_in_play() or ()) | set(params)
    return steps | known | set(FUNCTIONS) | set(CONSTANTS) | set(GREEK_NAMES), known


def misspelt(name: str, known=None) -> bool:
    """``sine(x)``, ``sqr(x)``, ``foobar(x)``: a name of 4 letters or more, or one of 3 close to a function's,
    before '(' is most likely a misspelt call (the parser's "unknown function" error says which); any
    other name before '(' is a product: ``x(3x^2 - 9)``, ``a(1-a)``, ``pi(x+1)``."""
    known = set(names_in_play() or ()) if known is None else known
    if name in FUNCTIONS or len(name) <= 2 or name in CONSTANTS or name in known or (known and _cover(name, known)):
        return False
    from difflib import get_close_matches

    return len(name) >= 4 or bool(get_close_matches(name, list(FUNCTIONS), n=1, cutoff=0.6))


def split_tokens(tokens: list, textbook: bool, steps: set, params: set) -> list:
    """The plain syntax's name tokens, each run that is a product replaced by one token per factor."""
    keep, known = keep_whole(steps, params)
    alone = standalone(tokens, keep)
    if not textbook and not known and not alone and not any("_" in t.text for t in tokens if t.kind == "name"):
        return tokens                    # code style without a point: nothing to split (w_0x_0 aside)
    out: list = []
    cache: dict = {}
    for k, tok in enumerate(tokens):
        if tok.kind != "name" or len(tok.text) < 2 or tok.text in keep:
            out.append(tok)
            continue
        called = tokens[k + 1].text == "(" and misspelt(tok.text, known)
        found = None if called else decide(tok.text, keep, known | alone, textbook, cache)
        if not found:
            out.append(tok)
            continue
        col = tok.col
        for part in found:
            out.append(type(tok)("name", part, col))
            col += len(part)
    return out


def standalone(tokens: list, keep: set) -> set:
    """The one-letter names (``x``, ``y``, ``x1``, ``w_0``) that stand alone in the text: ``xy`` in
    ``x^2 + xy + y^2`` is covered by them and read as x*y, as a textbook reader does, even in code style."""
    return {t.text for t in tokens if t.kind == "name" and t.text not in keep and _ATOM.fullmatch(t.text)}


def decide(run: str, keep: set, known: set, textbook: bool, cache: dict) -> Optional[list]:
    if run not in cache:
        cache[run] = parts(run, keep, known, textbook or bool(_SUBSCRIPTED.search(run)))
        if cache[run]:
            note(f"{run} is read as {'*'.join(cache[run])} (letters side by side); for a variable named {run}, "
                 f"give it a value in --at")
    return cache[run]


def parts(run: str, keep: set, known: set, textbook: bool) -> Optional[list]:
    """The names ``run`` is a product of, or None when it stays one name."""
    if run in keep or len(run) > MAX_RUN:             # a 101-letter name is refused by the parser, not cut
        return None
    cover = _cover(run, known | set(CONSTANTS)) if known else None      # xe^y: x*e**y
    if cover and len(cover) > 1:
        return cover
    if not textbook or not _ATOMS.fullmatch(run) or any(name in run for name in _NEVER_INSIDE):
        return None
    atoms = _ATOM.findall(run)
    return atoms if len(atoms) > 1 else None


def _cover(run: str, known: set) -> Optional[list]:
    """``run`` cut into names of ``known`` (dynamic programming over its positions), or None."""
    longest = max(map(len, known), default=0)
    best: dict = {0: []}
    for i in range(len(run)):
        if i not in best:
            continue
        for j in range(i + 1, min(len(run), i + longest) + 1):
            if run[i:j] in known and j not in best:
                best[j] = best[i] + [run[i:j]]
    return best.get(len(run))


def finish(program, definitions: list) -> None:
    """After parsing: a note for log (natural), and each definition pasted whole checked against its right side."""
    steps = {st.name for st in program.statements if st.name}
    stack = [st.expr for st in program.statements]
    while stack:
        node = stack.pop()
        if node.kind == "call" and node.text == "log" and len(node.args) == 1:
            note("log is the natural logarithm (ln); for base 10 write log10(x)")
            if reading_other():
                node.text = "log10"
        stack.extend(node.args)
    for name, params in definitions:
        _check_definition(program, name, params, steps)


def _check_definition(program, name: str, params: list, steps: set) -> None:
    """``f(x) = 3x^2 - 4x``: every variable on the right is one of the inputs listed on the left."""
    from symgraph.core.names import names_used

    listed = [p.text for p in params]
    if len(set(listed)) != len(listed):
        dup = next(p for p in params if listed.count(p.text) > 1)
        raise ParseError(f"'{dup.text}' is listed twice in {name}(...)", program.source, dup.col)
    free = names_used(program) - steps - set(CONSTANTS)
    extra = sorted(free - set(listed))
    if extra:
        col = next((p.col for p in params), 0)
        raise ParseError(f"{name}({', '.join(listed)}) = ... uses {', '.join(extra)}, which "
                         f"{'is' if len(extra) == 1 else 'are'} not among its inputs", program.source, col,
                         hint=f"write {name}({', '.join(listed + extra)}) = ...")
    unused = [p for p in listed if p not in free]
    if unused:
        note(f"{name}({', '.join(listed)}) lists {', '.join(unused)}, which the right side does not use")
