"""The tokenizer: text -> numbers, names and operators, or a refusal that says what and where.

Everything outside the expression language is refused here, before any later stage (or SymPy) sees it:
attribute access, strings, subscripts, comparisons, ``@``, ``:`` (lambdas, slices, walrus) and Python
keywords (``lambda``, ``if``, ``for``, ``import``...). Each refusal names the character or word and its
column. Look-alike characters pasted from documents (``×``, ``−``) are read as what they mean.
"""
from __future__ import annotations

import keyword
import re
import unicodedata
from typing import NamedTuple

from symgraph.errors import LimitError, ParseError
from symgraph.notation.unicode import unicode_tokens

MAX_SOURCE_CHARS = 2_000_000
MAX_LITERAL_CHARS = 400

# One pass of a single compiled pattern does the common cases; anything it does not match falls to the
# slow path below, which either reads an alias or explains the refusal.
_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+)
  | (?P<comment>\#[^\n]*)
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|==|[-+*/^(),=;\n|])
""", re.VERBOSE | re.ASCII)   # ASCII: a fullwidth '１' is not a digit here

# Look-alike characters people paste from papers and word processors, read as what they mean.
ALIASES = {"\u00d7": "*", "\u2212": "-", "\u22c5": "*", "\u00b7": "*", "\u2013": "-"}

# Characters that mean something in Python but not here: name what the user probably tried.
_FORBIDDEN = {
    ".": "attribute access ('.') is not allowed; decimals need a digit after the point",
    "[": "subscripts ('[') are not allowed", "]": "subscripts (']') are not allowed",
    "{": "braces are not allowed", "}": "braces are not allowed",
    "'": "strings are not allowed", '"': "strings are not allowed",
    "@": "'@' is not an operator here (use '*')", ":": "':' is not allowed (no lambdas, slices or walrus)",
    "<": "comparisons are not allowed", ">": "comparisons are not allowed", "!": "'!' is not allowed",
    "%": "'%' is not an operator here", "&": "'&' is not an operator here",
    "~": "'~' is not an operator here", "`": "backquotes are not allowed", "\\": "backslashes are not allowed",
    "$": "'$' is not allowed", "?": "'?' is not allowed",
}

# Python keywords: what the user was probably reaching for.
_KEYWORDS = {
    "lambda": "lambdas are not allowed", "if": "conditionals are not allowed",
    "else": "conditionals are not allowed", "for": "loops and comprehensions are not allowed",
    "while": "loops are not allowed", "in": "loops and comprehensions are not allowed",
    "import": "imports are not allowed", "from": "imports are not allowed",
    "and": "boolean operators are not allowed", "or": "boolean operators are not allowed",
    "not": "boolean operators are not allowed", "is": "comparisons are not allowed",
}


_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"


class Token(NamedTuple):
    kind: str    # num | name | op | end
    text: str
    col: int


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_SOURCE_CHARS:
        raise LimitError(f"input is {len(source):,} characters; the limit is {MAX_SOURCE_CHARS:,}")
    tokens: list[Token] = []
    append, match, i, n = tokens.append, _TOKEN.match, 0, len(source)
    while i < n:
        m = match(source, i)
        if m is None:
            ch = source[i]
            extra = None if ch in ALIASES else unicode_tokens(source, i, Token)   # x², √x, ÷
            if extra is not None:
                tokens.extend(extra[0])
                i = extra[1]
                continue
            if ch not in ALIASES:
                raise ParseError(describe_char(ch), source, i)
            append(Token("op", ALIASES[ch], i))
            i += 1
            continue
        kind, text, end = m.lastgroup, m.group(), m.end()
        if kind == "num":
            if end - i > MAX_LITERAL_CHARS:
                raise LimitError(f"number literal of {end - i:,} characters; the limit is {MAX_LITERAL_CHARS}",
                                 source, i)
            if end < n and (source[end] == "_" or text == "0" and source[end] in "xXbBoO"):   # 2x: implicit.py
                raise ParseError(_number_then_letter(text, source, end), source, end)
            append(Token("num", text, i))
        elif kind == "name":
            if keyword.iskeyword(text):
                raise ParseError(f"'{text}' is a Python keyword: {_KEYWORDS.get(text, 'not an expression')}",
                                 source, i)
            append(Token("name", text, i))
        elif kind == "op":
            if text == "==":
                raise ParseError("comparisons ('==') are not allowed", source, i)
            append(Token("op", text, i))
        i = end
    append(Token("end", "", n))
    return tokens


# A '# ...' comment to the end of the line, where '#' starts the text or follows a blank: '@d#1.npz' is a
# file name, '\#' a LaTeX macro, neither a comment.
_COMMENT = re.compile(r"(?<!\S)#[^\n]*")


def without_comments(source: str) -> str:
    """``#`` comments blanked to spaces (columns, and so carets, stay where they were): what a comment says
    never decides how the rest is read (the LaTeX reader, the tensor route, the pieces of --at)."""
    return _COMMENT.sub(lambda m: " " * len(m.group()), source) if "#" in source else source


def describe_char(ch: str) -> str:
    """Why a character is refused, naming invisible and look-alike characters by their Unicode name."""
    if ch in _FORBIDDEN:
        return _FORBIDDEN[ch]
    if ch == "\x00":
        return "NUL byte (U+0000) in the input"
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}"
    if unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Cc", "Cs"):
        return f"invisible character {code} {name}".rstrip() + " in the input; delete it"
    if ch in _SUPERSCRIPTS:
        return f"superscript {ch!r} ({code} {name}): write powers as x**{_SUPERSCRIPTS.index(ch)}"
    if ch.isalpha() or ch.isdigit():
        return (f"non-ASCII character {ch!r} ({code} {name}); symgraph reads ASCII letters, digits and '_' only"
                .replace(" )", ")"))
    return f"unexpected character {ch!r} ({code} {name})".replace(" )", ")")


def _number_then_letter(text: str, source: str, end: int) -> str:
    """What a number directly followed by a letter most likely meant."""
    follower = source[end]
    if text == "0" and follower in "xXbBoO":
        return "hexadecimal, binary and octal literals (0x, 0b, 0o) are not supported; write the number in decimal"
    if follower == "_":
        return "digit separators ('_') are not supported in numbers; write 1000, not 1_000"
    name = re.match(r"[A-Za-z_][A-Za-z0-9_]*", source[end:])
    if name is None:                       # a non-ASCII letter (º, é): the tokenizer names it next
        return f"a number runs into {follower!r} (U+{ord(follower):04X}), which is not allowed here"
    return f"a number runs into a name: write '{text}*{name.group()}' for a product"
