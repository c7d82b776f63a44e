"""Characters from textbooks read by the tokenizer: superscript powers (``x²``, ``x⁻¹``), ``√``, ``∛``, ``∜``,
``÷``, ``π`` and the other Greek letters (``θ`` is the name theta).

``x²`` becomes the tokens ``x ** 2``; ``√`` is an operator token that implicit.py turns into ``sqrt(...)``.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

_DIGITS = {"\u2070": "0", "\u00b9": "1", "\u00b2": "2", "\u00b3": "3", "\u2074": "4", "\u2075": "5",
           "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9"}
_MINUS = "\u207b"
SQRT = "\u221a"
_DIVIDE = "\u00f7"
_PI = "\u03c0"            # π pasted from a document is the constant pi (2πx is 2*pi*x)
CBRT, FOURTH_ROOT = "\u221b", "\u221c"    # ∛x is cbrt(x) (the real cube root), ∜x is sqrt(sqrt(x))
ROOTS = (SQRT, CBRT, FOURTH_ROOT)
# Greek letters pasted from a document are names (θ is theta; λ is lamda, as \lambda: lambda is a keyword)
GREEK_NAMES = ("alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lamda mu nu xi rho "
               "sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lamda Xi Phi Psi Omega").split()
_GREEK = dict(zip("αβγδεϵζηθϑικλμνξρστυφϕχψωΓΔΘΛΞΦΨΩ", [
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota",
    "kappa", "lamda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
    "Gamma", "Delta", "Theta", "Lamda", "Xi", "Phi", "Psi", "Omega"]))


_SUBSCRIPT = re.compile(r"_[A-Za-z0-9]+")


def greek_name(ch: str) -> Optional[str]:
    """The name of a pasted Greek letter (``θ`` -> theta), or None."""
    return _GREEK.get(ch)


GREEK_LETTERS = "".join(_GREEK)


def unicode_tokens(source: str, i: int, token) -> Optional[tuple]:
    """(tokens, end) for the textbook character at ``source[i]``, or None when it is not one of them.
    ``token`` is the tokenizer's Token class (passed in, so that this module does not import it)."""
    ch = source[i]
    if "\U0001d400" <= ch <= "\U0001d7ff":        # 𝑥, 𝐱, 𝜃 (Word's and MathML's math letters): x, x, θ
        ch = unicodedata.normalize("NFKC", ch)
        if ch.isascii() and ch.isdigit():
            return [token("num", ch, i)], i + 1
        if ch.isascii() and ch.isalpha():                # 𝑥_1 is x_1
            sub = _SUBSCRIPT.match(source, i + 1)
            end = sub.end() if sub else i + 1
            return [token("name", ch + source[i + 1:end], i)], end
    if ch in ROOTS:
        return [token("op", ch, i)], i + 1
    if ch in _GREEK:                          # θ_1 is the name theta_1
        sub = _SUBSCRIPT.match(source, i + 1)
        end = sub.end() if sub else i + 1
        return [token("name", _GREEK[ch] + source[i + 1:end], i)], end
    if ch == _DIVIDE:
        return [token("op", "/", i)], i + 1
    if ch == _PI:
        return [token("name", "pi", i)], i + 1
    if ch not in _DIGITS and ch != _MINUS:
        return None
    j = i + (ch == _MINUS)
    while j < len(source) and source[j] in _DIGITS:
        j += 1
    if j == i + (ch == _MINUS):
        return None                           # a lone superscript minus: refused by the tokenizer
    out = [token("op", "**", i)]
    if ch == _MINUS:
        out.append(token("op", "-", i))
    start = i + (ch == _MINUS)
    out.append(token("num", "".join(_DIGITS[c] for c in source[start:j]), start))
    return out, j
