"""Textbook notation in the plain syntax, written out with ordinary tokens before implicit.py's pass:

* definitions pasted whole: ``f(x) = 3x^2 - 4x`` and ``f(x, y) = ...`` become ``f = ...`` (the inputs are
  kept in ``Rewritten.definitions`` and checked against the right side by letters.py);
* absolute-value bars: ``|x|``, ``x|x|``, ``ln|x|`` become ``abs(...)``; a bar closes when one is open
  and the token before it ends an operand, otherwise it opens;
* functions without parentheses: ``sin x``, ``x sin x``, ``ln cos x``, ``sin^2 x``: the argument is the
  next function's application, or the longest run of implicitly multiplied factors (each with its
  power) up to an operator, a function or ``e^`` (``sin x e^x`` is sin(x)*e^x, with a note);
* ``sin^-1(x)`` is asin(x) (a note says so), ``log_2(x)`` is log2(x), ``log_3 x`` is log(x, 3);
* written tight, ``e^2x`` is e^(2x) and ``x^-1/2`` is x^(-1/2), each with a note; ``1/2x`` keeps its
  reading (1/2)*x with a note (divided.py).

One linear pass each; parentheses are matched once with a stack.
"""
from __future__ import annotations

import re

from symgraph.core.primitives import FUNCTIONS
from symgraph.errors import ParseError
from symgraph.notation.glued import unglue
from symgraph.notation.letters import misspelt, split_tokens
from symgraph.notation.notes import note, reading_other
from symgraph.notation.tight import tight_powers
from symgraph.notation.unicode import ROOTS, SQRT

_POWER = ("^", "**")
_INVERSE = {"sin": "asin", "cos": "acos", "tan": "atan", "sinh": "asinh", "cosh": "acosh", "tanh": "atanh"}
_LOG_BASE = re.compile(r"log_(\d+|[A-Za-z])$")


class Rewritten(list):
    """The rewritten tokens, with what the pass learnt: definitions and whether the text is textbook-style."""
    definitions: list = []      # (name, [parameter tokens]) per statement written f(x, y) = ...
    textbook: bool = False


def is_function(tok) -> bool:
    return tok.kind == "name" and (tok.text in FUNCTIONS or tok.text[:4] == "log_" and bool(_LOG_BASE.match(tok.text)))


def prepare(tokens: list, source: str):
    """The passes in order; returns (tokens, definitions, textbook)."""
    # each pass runs only when the text holds what it rewrites: a 100,000-term sum stays fast
    tokens, definitions = _definitions(tokens, source) if "=" in source else (tokens, [])
    steps = {tokens[k - 1].text for k, t in enumerate(tokens) if t.text == "=" and k and tokens[k - 1].kind == "name"
             } if "=" in source else set()
    params = {p.text for _, ps in definitions for p in ps}
    if _GLUED.search(source):                           # sinx, lnx, xsinx: glued.py
        tokens = unglue(tokens, _juxtaposed(tokens) or _has_bare(tokens) or "|" in source, steps, params)
    tokens, bars = _bars(tokens, source) if "|" in source else (tokens, 0)
    tokens, tight = tight_powers(tokens, source) if _TIGHT.search(source) else (tokens, 0)
    tokens, bare = _bare_arguments(tokens, source) if _has_bare(tokens) else (tokens, 0)
    if _INVERSE_POWER.search(source):
        tokens = _inverses(tokens, source)
    if "log_" in source:
        tokens = _log_bases(tokens)
    textbook = bool(bars or bare or tight) or _juxtaposed(tokens)
    return split_tokens(tokens, textbook, steps, params), definitions, textbook


_GLUED = re.compile(r"(?:sin|cos|tan|sec|csc|cot|ln|sech|csch|coth)[0-9]*[A-Za-z]")
_TIGHT = re.compile(r"\^-?\d[\d.]*[A-Za-z/]")
_INVERSE_POWER = re.compile(r"(?:\^|\*\*)\s*-\s*1|\u207b\u00b9")
_STARTS = frozenset(("(",) + ROOTS)


def _has_bare(tokens: list) -> bool:
    """Any function not directly followed by '(' (sin x, sin^2 x, and also sin^2(x), which costs nothing)."""
    return any(t.kind == "name" and tokens[k + 1].text != "(" and is_function(t) for k, t in enumerate(tokens))


def _juxtaposed(tokens: list) -> bool:
    """Any implicit multiplication: an operand's end directly followed by an operand's start."""
    for a, b in zip(tokens, tokens[1:]):
        if (b.kind == "name" or b.text in _STARTS) and _ends_operand(a) and not (b.text == "(" and misspelt(a.text)):
            return True
    return False


def _definitions(tokens: list, source: str) -> tuple:
    out, defs, i, start = [], [], 0, True
    while i < len(tokens):
        tok = tokens[i]
        if start and tok.kind == "name" and tokens[i + 1].text == "(" and not is_function(tok):
            k, params = i + 2, []
            while tokens[k].kind == "name" and tokens[k + 1].text in (",", ")"):
                params.append(tokens[k])
                k += 2
                if tokens[k - 1].text == ")":
                    break
            if params and tokens[k - 1].text == ")" and tokens[k].text == "=":
                defs.append((tok.text, params))
                out += [tok, tokens[k]]
                i, start = k + 1, False
                continue
        start = tok.text in (";", "\n")
        out.append(tok)
        i += 1
    return out, defs


def _ends_operand(tok) -> bool:
    return tok.kind == "num" or tok.text == ")" or (tok.kind == "name" and not is_function(tok))


def _bars(tokens: list, source: str) -> tuple:
    """``|x|`` -> ``abs(x)``: opens at depth d are closed at depth d."""
    if not any(t.text == "|" for t in tokens):
        return tokens, 0
    out, open_at, depth, count = [], [], 0, 0
    Token = type(tokens[0])
    for tok in tokens:
        if tok.text == "|":
            if open_at and open_at[-1][0] == depth and out and _ends_operand(out[-1]):
                open_at.pop()
                out.append(Token("op", ")", tok.col))
                depth -= 1
                continue
            depth += 1
            open_at.append((depth, tok.col))
            out += [Token("name", "abs", tok.col), Token("op", "(", tok.col)]
            count += 1
            continue
        if tok.text == "(":
            depth += 1
        elif tok.text == ")" or tok.kind == "end" or tok.text in (";", "\n"):
            if open_at and open_at[-1][0] == depth:
                raise ParseError("'|' is never closed (write |x| for an absolute value)", source, open_at[-1][1])
            depth -= tok.text == ")"
        out.append(tok)
    return out, count


def matches(tokens: list) -> dict:
    """Index of each '(' -> index of its ')' (one pass with a stack)."""
    match, stack = {}, []
    for j, tok in enumerate(tokens):
        if tok.text == "(":
            stack.append(j)
        elif tok.text == ")" and stack:
            match[stack.pop()] = j
    return match


def _skip_power(tokens: list, j: int, match: dict) -> tuple:
    """Past ``^2``, ``^-1``, ``^(...)`` after index j; (index, whether there was a power)."""
    if tokens[j].text not in _POWER:
        return j, False
    k = j + 1 + (tokens[j + 1].text in ("-", "+"))
    if tokens[k].kind == "num" or (tokens[k].kind == "name" and not is_function(tokens[k])):
        return k + 1, True
    if tokens[k].text == "(" and k in match:
        return match[k] + 1, True
    return j, False


def _bare_arguments(tokens: list, source: str) -> tuple:
    """``sin x`` -> ``sin(x)``: '(' and ')' are inserted around each unparenthesized argument."""
    match = matches(tokens)
    opens: dict = {}
    closes: dict = {}
    ends: dict = {}                   # function index -> where its application ends (right to left: linear)
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        if not is_function(tok):
            continue
        k = i + 1
        if tokens[k].text in _POWER and tokens[k + 1 + (tokens[k + 1].text == "-")].kind == "num":
            k += 2 + (tokens[k + 1].text == "-")
        if tokens[k].text == "(" and k in match:
            ends[i] = _skip_power(tokens, match[k] + 1, match)[0]
            continue
        if tokens[k].text == "(" or tokens[k].kind == "end":
            ends[i] = k
            continue
        end = ends[i] = _bare_end(tokens, k, match, source, tok.text, ends)
        if end > k:
            opens[k] = opens.get(k, 0) + 1
            closes[end] = closes.get(end, 0) + 1
    if not opens:
        return tokens, 0
    Token = type(tokens[0])
    out = []
    for j, tok in enumerate(tokens):
        out += [Token("op", ")", tok.col)] * closes.get(j, 0) + [Token("op", "(", tok.col)] * opens.get(j, 0)
        out.append(tok)
    return out, len(opens)


def _bare_end(tokens: list, k: int, match: dict, source: str, fn: str, ends: dict) -> int:
    """Where the unparenthesized argument starting at k ends (k: there is none)."""
    if is_function(tokens[k]):                    # ln cos x: the argument is cos's application
        return ends.get(k, k)
    j = start = k
    while True:
        tok = tokens[j]
        if tok.kind == "num" and j == start or tok.kind == "name" and not is_function(tok):
            j += 1
        elif tok.text == "(" and j in match:
            j = match[j] + 1
        elif tok.text == SQRT:
            j += 1
            continue
        else:
            break
        before = j
        j, powered = _skip_power(tokens, j, match)
        if powered and not (before - 1 > start and tokens[before - 1].text == "e"):    # e^x: not sin(x e)^x
            last = tokens[j - 1]
            arg = source[tokens[k].col:last.col + len(last.text)]
            base = source[tokens[k].col:tokens[before].col].rstrip()
            power = source[tokens[before + 1].col:last.col + len(last.text)]
            note(f"{fn} {arg} is read as {fn}({arg}); for ({fn} {base})^{power} write {fn}^{power} {base}")
            if reading_other():                                 # (sin x)^2: the argument ends before the power
                return before
        nxt = tokens[j]
        if nxt.kind == "name" and nxt.text == "e" and tokens[j + 1].text in _POWER and j > start \
                and not reading_other():
            arg = source[tokens[k].col:nxt.col].rstrip()
            last = tokens[_skip_power(tokens, j + 1, match)[0] - 1]
            exp = source[nxt.col:last.col + len(last.text)]
            note(f"{fn} {arg} {exp} is read as {fn}({arg})*{exp}; for the product inside the argument write "
                 f"{fn}({arg} {exp})")
            break
        if (nxt.kind == "name" and not is_function(nxt)) or nxt.text in ("(", SQRT):
            continue
        break
    return j if j > start else k


def _inverses(tokens: list, source: str) -> list:
    """``sin^-1(x)`` -> ``asin(x)``, with a note; other negative powers stay refused by implicit.py."""
    out, i = [], 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "name" and tok.text in _INVERSE and tokens[i + 1].text in _POWER \
                and tokens[i + 2].text == "-" and tokens[i + 3].text == "1" and tokens[i + 4].text == "(":
            inverse = _INVERSE[tok.text]
            note(f"{tok.text}^-1 is read as {inverse}, the inverse function; for the reciprocal write "
                 f"1/{tok.text}(x)")
            if reading_other():                                 # 1/sin(x)
                out += [type(tok)("num", "1", tok.col), type(tok)("op", "/", tok.col), tok]
            else:
                out.append(type(tok)("name", inverse, tok.col))
            i += 4
            continue
        out.append(tok)
        i += 1
    return out


def _log_bases(tokens: list) -> list:
    """``log_2(x)`` -> ``log2(x)``, ``log_10`` -> ``log10``, ``log_3(x)`` -> ``log(x, 3)``, ``log_e x`` ->
    ``log(x, e)``, ``log_b(x)`` -> ``log(x, b)`` (refused when lowered: a base must be a constant)."""
    if not any(_LOG_BASE.match(t.text) for t in tokens if t.kind == "name"):
        return tokens
    match = matches(tokens)
    Token = type(tokens[0])
    extra: dict = {}
    out = []
    for j, tok in enumerate(tokens):
        for base in extra.pop(j, ()):
            out += [Token("op", ",", tok.col), base]
        m = _LOG_BASE.match(tok.text) if tok.kind == "name" else None
        if m and tokens[j + 1].text == "(" and j + 1 in match:
            digits = m.group(1)
            if digits in ("2", "10"):
                out.append(Token("name", "log" + digits, tok.col))
                continue
            kind = "num" if digits.isdigit() else "name"     # log_b(x): a variable base is refused when lowered
            extra.setdefault(match[j + 1], []).append(Token(kind, digits, tok.col + 4))
            out.append(Token("name", "log", tok.col))
            continue
        out.append(tok)
    return out
