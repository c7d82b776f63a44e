"""Where a syntax node is in the source, read from line offsets computed once.

``ast.get_source_segment`` splits the whole source into lines on every call, character by character in
Python (a 400,000-character comment line: 2.2 s a call, and check --code asks once per gradient
statement). Here the source is split once (a regular expression finds the line breaks), and a node's code is
one slice of it. ast's columns count UTF-8 bytes: on an ASCII line a byte is a character; on any other line
the byte offset of each character is computed once (NumPy, one pass over that line) and searched.

Line breaks are those of Python's tokenizer and of ``ast.get_source_segment``: ``\\r\\n``, ``\\r`` and
``\\n``; a form feed, ``\\v``, ``\\x1c``..``\\x1e``, U+0085, U+2028 or U+2029 in a comment is no line break
(``str.splitlines`` would count them and point at the wrong line).
"""
from __future__ import annotations

import re

import numpy as np

_BREAK = re.compile(r"\r\n|\r|\n")


class SourceLines:
    def __init__(self, source: str):
        self.source = source
        self.starts = [0] + [m.end() for m in _BREAK.finditer(source)]
        self.ascii = source.isascii()
        self.byte_starts: dict = {}        # line index -> byte offset of each character (a non-ASCII line)

    def offset(self, lineno: int, col: int) -> int:
        """The character offset in the source of ``col`` (UTF-8 bytes) on line ``lineno`` (1-based)."""
        index = min(max(lineno - 1, 0), len(self.starts) - 1)
        start = self.starts[index]
        if self.ascii:
            return start + col
        starts = self.byte_starts.get(index)
        if starts is None:
            starts = self.byte_starts[index] = _byte_starts(self.source[start:self.end(index)])
        if starts is False:              # an ASCII line
            return start + col
        return start + int(np.searchsorted(starts, col))

    def end(self, index: int) -> int:
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.source)

    def segment(self, node) -> str | None:
        """``ast.get_source_segment(source, node)``: the node's code as written (None without positions)."""
        try:
            lineno, end_lineno = node.lineno, node.end_lineno
            col, end_col = node.col_offset, node.end_col_offset
        except AttributeError:
            return None
        if end_lineno is None or end_col is None:
            return None
        return self.source[self.offset(lineno, col):self.offset(end_lineno, end_col)]

    def lines(self) -> list:
        """The source's lines as ast numbers them (``lines()[n - 1]`` is line n), without their breaks."""
        return [self.source[start:self.end(i)].rstrip("\r\n") for i, start in enumerate(self.starts)]


def _byte_starts(line: str):
    """False for an ASCII line, else the byte offset of every character (and of the line's end)."""
    if line.isascii():
        return False
    points = np.frombuffer(line.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    sizes = 1 + (points >= 0x80).astype(np.int64) + (points >= 0x800) + (points >= 0x10000)
    return np.concatenate(([0], np.cumsum(sizes)))
