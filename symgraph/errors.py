"""Errors the user can act on.

Every error symgraph raises on purpose is a ``SymgraphError``. The CLI turns it into a one-line message
(plus the input with a caret under the column when a position is known) and exit code 2. Anything else
escaping is a bug.
"""
from __future__ import annotations

import re
import unicodedata


class SymgraphError(Exception):
    """Bad input: says what is wrong and, when known, where (``source`` and a 0-based ``column``)."""

    exit_code = 2

    def __init__(self, message: str, source: str | None = None, column: int | None = None,
                 hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.column = column
        self.hint = hint

    def render(self) -> str:
        """The message, and under it the offending line with a caret under the column. A newline inside
        the message (an option's value repeated in it) is shown as ⏎: it cannot forge a line of its own."""
        lines = [f"error: {one_line(self.message)}"]
        if self.source is not None and self.column is not None:
            line, col = _line_at(self.source, self.column)
            if "\n" in self.source.rstrip("\n"):        # a program of several lines: say which one
                number = self.source.count("\n", 0, max(0, min(self.column, len(self.source)))) + 1
                lines[0] += f" (line {number}, column {col + 1})"
            if len(line) > 100:  # keep a window around the column so the caret stays on screen
                start = max(0, col - 50)
                line, col = ("..." if start else "") + line[start:start + 100], col - start + (3 if start else 0)
            lines.append("  " + _visible(line))
            lines.append("  " + " " * _width(line[:col]) + "^")
        if self.hint:
            lines.append(f"hint: {one_line(self.hint)}")
        return "\n".join(lines)


def one_line(text: str) -> str:
    """``text`` on one line: each line break (\\n, \\r, \\r\\n) shown as ⏎."""
    return text.replace("\r\n", "\u23ce").replace("\n", "\u23ce").replace("\r", "\u23ce") if (
        "\n" in text or "\r" in text) else text


_OPTIONS = re.compile(r"--(at|wrt|outputs|timeout|tol|mode|check)\b")


def for_api(exc: SymgraphError) -> SymgraphError:
    """The same error as the Python API's caller reads it: options named as the function's arguments
    (``the at argument``, not ``--at``). Changed in place and returned."""
    def name(m: re.Match) -> str:
        return f"the {m.group(1)} argument"

    exc.message = _OPTIONS.sub(name, exc.message)
    exc.args = (exc.message,) + exc.args[1:]
    if exc.hint:
        exc.hint = _OPTIONS.sub(name, exc.hint)
    return exc


class ParseError(SymgraphError):
    """The text is not in symgraph's expression language."""


class PointError(SymgraphError):
    """The evaluation point (``--at``) is missing, extra, duplicated or not a finite number."""


class DomainError(SymgraphError):
    """A node cannot be evaluated at the point (log of a negative number, division by zero, overflow)."""


class LimitError(SymgraphError):
    """The input exceeds a size limit (length, nesting, literal size, node count)."""


def _line_at(source: str, column: int) -> tuple[str, int]:
    """The line of ``source`` that holds ``column``, and the column within that line."""
    column = max(0, min(column, len(source)))
    start = source.rfind("\n", 0, column) + 1
    end = source.find("\n", column)
    end = len(source) if end == -1 else end
    return source[start:end], column - start


def _visible(line: str) -> str:
    """The line as a terminal can show it: invisible and control characters (a NUL byte, a zero-width
    space, a lone surrogate from undecodable bytes) become U+FFFD, so the caret still points at them."""
    return "".join(" " if ch == "\t" else "\ufffd" if unicodedata.category(ch) in _INVISIBLE else ch
                   for ch in line)


def _width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide CJK characters take two, combining marks none)."""
    total = 0
    for ch in text:
        if unicodedata.category(ch) in _INVISIBLE:
            total += 1
        elif unicodedata.combining(ch):
            continue
        else:
            total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
