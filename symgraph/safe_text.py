"""User text made safe for a terminal, a spreadsheet and a JSON document: one function per medium.

A student named ``eve\\x1b]0;X\\x07\\x1b[2J`` would retitle and clear the teacher's terminal; a claim with a
newline would forge a table row; U+202E turns the rest of a line around; ``=cmd|...`` in a CSV cell is a
formula to a spreadsheet. Every string a user wrote goes through one of these before it is shown:

* :func:`terminal`: control characters (C0, DEL, C1, ESC among them) become ``\\x1b``-style escapes;
  format characters (bidirectional overrides, zero-width characters), line and paragraph separators, lone
  surrogates and non-characters become ``U+202E``-style escapes. Newline and tab stay.
* :func:`cell`: the same for one table cell, where a newline is shown as ``⏎`` and a tab as a space.
* :func:`json_text`: a JSON document whose strings hold such characters as ``\\u`` escapes (the same
  value when read back), so that printing it cannot drive the terminal either.
* :func:`csv_cell`: OWASP's advice for CSV injection: a cell that starts with ``= + - @`` (after leading
  whitespace, and after NFKC: fullwidth ``＝``), tab or CR gets a leading ``'`` (the spreadsheet shows the
  text as written), except a plain number; control characters as for a terminal.
"""
from __future__ import annotations

import codecs
import functools
import re
import unicodedata

# Everything outside printable ASCII is looked at; most of it (letters, Greek, CJK, emoji) passes.
_NOT_ASCII = re.compile(r"[^\x20-\x7e\n\t]")
_ESCAPED = {"Cc": "x", "Cf": "U", "Cs": "U", "Cn": "U", "Zl": "U", "Zp": "U"}


def _visible(ch: str) -> str:
    kind = _ESCAPED.get(unicodedata.category(ch))
    if kind is None:
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if kind == "x" else f"U+{code:04X}"


def terminal(text: str) -> str:
    """``text`` as a terminal may show it: nothing in it is a control sequence (newline and tab stay)."""
    text = str(text)
    return _NOT_ASCII.sub(lambda m: _visible(m.group()), text)


def cell(text: str) -> str:
    """One table cell: :func:`terminal`, and a newline as ``⏎`` (a cell never forges a row)."""
    return terminal(str(text).replace("\r\n", "\n").replace("\n", "⏎").replace("\t", " "))


def json_text(document: str) -> str:
    """A JSON document (from ``json.dumps``, whose own escaping covers C0) with every character that
    :func:`terminal` would change (DEL, C1, format characters such as the bidi overrides, line separators,
    lone surrogates, unassigned code points and non-characters) escaped as ``\\uXXXX`` (a surrogate pair
    beyond U+FFFF): the same strings when read back, and nothing left for a terminal sanitizer to alter."""
    return _NOT_ASCII.sub(lambda m: _json_char(m.group()), document)


@functools.lru_cache(maxsize=4096)
def _json_char(ch: str) -> str:
    if ch in "\n\t" or _ESCAPED.get(unicodedata.category(ch)) is None:
        return ch
    code = ord(ch)
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


_FORMULA_START = ("=", "+", "-", "@")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z")


def csv_cell(value):
    """A CSV cell that a spreadsheet reads as text, never as a formula (OWASP): text that starts with
    ``= + - @`` (after any leading whitespace, a no-break space included, and also once NFKC has made
    fullwidth ``＝ ＋ － ＠`` plain), or with a tab or CR, is prefixed with ``'``; numbers (``-3``,
    ``1.5e3``) are unchanged. Control characters are escaped as for a terminal (a CSV file is often looked
    at with ``cat``)."""
    if not isinstance(value, str):
        return value
    rest = value.lstrip()               # str.isspace: tab, CR, U+00A0, U+2000..U+200A, U+3000, ...
    formula = (value.startswith(("\t", "\r")) or rest.startswith(_FORMULA_START)
               or unicodedata.normalize("NFKC", rest).startswith(_FORMULA_START))
    if formula and not (_NUMBER.match(rest) and not value.startswith(("\t", "\r"))):    # " -3" is a number
        value = "'" + value
    return terminal(value)


def quoted(text: str) -> str:
    """``text`` in quotes for a message, as ``repr`` writes it (control characters escaped) but with each
    backslash once: the LaTeX macro ``\\sin`` is shown as '\\sin', not '\\\\sin'."""
    return repr(str(text)).replace("\\\\", "\\")


def _visible_error(exc: UnicodeError):
    """Encoding error handler 'symgraph-visible': a lone surrogate (an undecodable byte of the input) is
    written as the visible text U+DCFF instead of crashing the writer."""
    bad = exc.object[exc.start:exc.end]
    return "".join(f"U+{ord(c):04X}" for c in bad), exc.end


codecs.register_error("symgraph-visible", _visible_error)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 bytes for a file: lone surrogates as visible ``U+DCxx`` escapes, never an error."""
    return text.encode("utf-8", errors="symgraph-visible")


def html_text(text) -> str:
    """User text for an HTML page: control characters, lone surrogates and non-characters as visible escapes
    (``terminal``), then &, <, >, quotes as entities."""
    from html import escape

    return escape(terminal(str(text)))
