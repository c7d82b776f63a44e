"""Implicit multiplication and textbook function notation: one linear pass over the token stream, between
the tokenizer and the parser, that writes out what the notation means with ordinary tokens.

Rules (the manual's Notation page lists each with its reading):

* A ``*`` is inserted between a number, a name or ``)`` and a following number (after a name: never),
  name, ``(`` or ``√``: ``2x``, ``2(x+1)``, ``(x+1)(x-1)``, ``2 pi x``, ``2sin(x)``, ``sin(x)cos(x)``,
  ``x sin(x)``. It binds exactly like a written ``*`` (same precedence, left to right): ``2x^2`` is
  ``2*(x**2)`` and ``1/2x`` is ``(1/2)*x``.
* The tokenizer reads ``xy`` as one name; letters.py decides after parsing whether it is a product.
  A name before ``(`` that is not a function multiplies: ``x(3x^2 - 9)``, ``pi(x+1)`` (a long name close
  to a function's, ``sine(x)``, is left to the parser's "unknown function" error).
* ``sin^2(x)``, ``sin**2(x)`` and ``sin²(x)`` are ``sin(x)**2``. ``sin^-1(x)`` is asin(x) with a note
  (textbook.py); other negative powers of a function are refused.
* ``√x``, ``√2``, ``√(x+1)``, ``√sin(x)``: ``√`` takes the next number, name, call or parenthesized group;
  ``∛`` is cbrt, ``∜`` is sqrt(sqrt(...)).

textbook.py's passes (definitions, bars, functions without parentheses) run first.
"""
from __future__ import annotations

from symgraph.core.primitives import CONSTANTS, FUNCTIONS
from symgraph.core.tokens import Token
from symgraph.notation.divided import divided_products
from symgraph.notation.letters import misspelt
from symgraph.errors import ParseError
from symgraph.notation.textbook import Rewritten, prepare
from symgraph.notation.unicode import CBRT, FOURTH_ROOT, ROOTS, SQRT

_POWER = ("**", "^")


def _ends_operand(tok: Token) -> bool:
    return tok.kind == "num" or tok.text == ")" or (tok.kind == "name" and tok.text not in FUNCTIONS)


def _starts_operand(tok: Token) -> bool:
    # A number is only ever the first factor: "x 2", "2 3" and "1..2" stay errors.
    return tok.kind == "name" or tok.text in ("(",) + ROOTS


def rewrite(tokens: list, source: str) -> list:
    """The token stream with implicit products and function notation written out: a ``Rewritten`` list
    that also carries the definitions (``f(x) = ...``) and whether the text is textbook-style."""
    tokens, definitions, textbook = prepare(tokens, source)
    if "/" in source:
        tokens = divided_products(tokens, source)
    out: list = Rewritten()
    out.definitions = definitions
    closers: list = []        # (depth at which a group ends, tokens to emit right after its ')')
    depth = 0
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if out and _ends_operand(out[-1]) and _starts_operand(tok):
            if out[-1].kind == "name" and tok.text == "(" and misspelt(out[-1].text):
                pass                              # the parser then reads a call of an unknown function
            else:
                out.append(Token("op", "*", tok.col))
                textbook = True
        if tok.kind == "name" and tok.text in FUNCTIONS and tokens[i + 1].text in _POWER:
            i = _function_power(tokens, i, source, out, closers, depth)
            depth += 1                    # the call's '(' was emitted
            continue
        if tok.text in ROOTS:
            i, opened = _radical(tokens, i, source, out, closers, depth)
            depth += opened
            continue
        out.append(tok)
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth -= 1
            while closers and closers[-1][0] == depth:
                out.extend(closers.pop()[1])
        i += 1
    out.textbook = textbook
    return out


def _function_power(tokens, i, source, out, closers, depth) -> int:
    """``sin^2(x)`` -> ``(sin(x))**2``: the power is emitted after the call's closing parenthesis."""
    fn, power = tokens[i], tokens[i + 1]
    k = i + 2
    minus = tokens[k].text == "-"
    k += minus
    if tokens[k].kind != "num" or tokens[k + 1].text != "(":
        raise ParseError(f"'{fn.text}' is a function: call it as {fn.text}(...); a power of it is written "
                         f"{fn.text}^2(x)", source, fn.col)
    if minus:
        raise ParseError(f"'{fn.text}^-{tokens[k].text}(...)' is ambiguous (the inverse function, or a power of "
                         f"1/{fn.text})", source, fn.col,
                         hint=f"write a{fn.text}(x) for the inverse or 1/{fn.text}(x){_power_text(tokens[k].text)} for the power")
    out.extend([Token("op", "(", fn.col), fn, tokens[k + 1]])
    closers.append((depth, [Token("op", ")", fn.col), Token("op", "**", power.col), tokens[k]]))
    return k + 2          # past the call's '(' ; depth grows by one for it (the caller adds it)


def _radical(tokens, i, source, out, closers, depth) -> tuple:
    """``√x`` -> ``sqrt(x)``; ``√(x+1)`` -> ``sqrt(x+1)``; ``√sin(x)`` -> ``sqrt(sin(x))``; ``∛`` is cbrt and
    ``∜`` is sqrt(sqrt(...))."""
    root, nxt = tokens[i], tokens[i + 1]
    out.append(Token("name", "cbrt" if root.text == CBRT else "sqrt", root.col))
    if root.text == FOURTH_ROOT:
        if nxt.text == "(" or nxt.kind == "num" or (nxt.kind == "name" and tokens[i + 2].text != "("):
            out.extend([Token("op", "(", root.col), Token("name", "sqrt", root.col)])
            closers.append((depth + 1, [Token("op", ")", root.col)]))
            if nxt.text == "(":
                return i + 1, 1
            out.extend([Token("op", "(", root.col), nxt, Token("op", ")", nxt.col), *closers.pop()[1]])
            return i + 2, 0
        raise ParseError("'∜' must be followed by a number, a name or '('", source, root.col)
    if nxt.text == "(":
        return i + 1, 0                   # the group itself becomes the call's parentheses
    if nxt.kind == "num" or (nxt.kind == "name" and tokens[i + 2].text != "("):
        end = nxt.col + len(nxt.text) - 1
        out.extend([Token("op", "(", root.col), nxt, Token("op", ")", end)])
        return i + 2, 0
    if nxt.kind == "name":                # a call: sqrt's ')' follows the call's own
        out.extend([Token("op", "(", root.col), nxt, tokens[i + 2]])
        closers.append((depth, [Token("op", ")", nxt.col)]))
        return i + 3, 1
    raise ParseError(f"'{root.text}' must be followed by a number, a name, a call or '('", source, root.col)


def _power_text(digits: str) -> str:
    return "" if digits == "1" else f"**{digits}"
