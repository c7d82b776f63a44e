"""A linear pass over TOML text before it is parsed: keys' depth and length, and bracket nesting.

Python's TOML reader is quadratic in the parts of a dotted key (30,000 parts: 11 s and 3.5 GB) and
recursive in nested arrays and inline tables. This scan reads the text once, skipping strings, comments
and values, and refuses a key of more than ``MAX_KEY_PARTS`` parts or ``MAX_KEY_CHARS`` characters, and
brackets nested more than ``MAX_NESTING`` deep, naming the line. Whatever passes is then read by the real
parser, which decides whether it is valid TOML.
"""
from __future__ import annotations

import re

from symgraph.errors import LimitError

MAX_KEY_PARTS = 16          # a.b.c...: symgraph's own files use at most 2 (problem.answer)
MAX_KEY_CHARS = 200         # one whole key, dots and quotes included
MAX_NESTING = 32            # arrays and inline tables inside each other

_IN_VALUE = re.compile(r"""["'#\n\[\]{}]""")        # what matters inside a value
_IN_INLINE = re.compile(r"""["'#\n\[\]{},]""")      # ... inside an inline table, where ',' starts a key
# the rest of a string after its opening quote(s), through the closing one
_ENDS = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"[^'\n]*'"),
    '"""': re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.S),
    "'''": re.compile(r"(?:[^']|'(?!''))*'''", re.S),
}


def check_toml(text: str, where: str) -> None:
    """Raise LimitError when ``text`` has a key or a nesting beyond the caps; say nothing about validity."""
    _Scan(text, where).run()


class _Scan:
    def __init__(self, text: str, where: str):
        self.text, self.where = text, where
        self.line = 1
        self.stack: list = []           # open brackets: '[' (an array or a header) and '{'
        self.header = False             # inside a [table] or [[array.of.tables]] header
        self.expect_key = True          # at the start of a line, after '{' or ',' in an inline table
        self.parts, self.key_start = 1, None

    def refuse(self, what: str) -> LimitError:
        return LimitError(f"{self.where}: line {self.line}: {what}")

    def run(self) -> None:
        text, n, i = self.text, len(self.text), 0
        while i < n:
            if not self.expect_key:     # inside a value: jump to the next character that matters
                inline = bool(self.stack) and self.stack[-1] == "{"
                m = (_IN_INLINE if inline else _IN_VALUE).search(text, i)
                if m is None:
                    return
                i = m.start()
            ch = text[i]
            if ch in "\"'":
                i = self.string(i)
                continue
            if ch == "#":
                end = text.find("\n", i)
                i = n if end < 0 else end
                continue
            self.step(ch, i)
            i += 1

    def step(self, ch: str, i: int) -> None:
        if ch == "\n":
            self.line += 1
            if not self.stack or self.header:
                self.stack.clear()
                self.header = False
                self.new_key()
        elif ch in "[{":
            self.header = self.expect_key and ch == "[" and (not self.stack or self.header)
            self.stack.append(ch)
            if len(self.stack) > MAX_NESTING:
                raise self.refuse(f"arrays or inline tables inside each other more than {MAX_NESTING} deep")
            if ch == "{":
                self.new_key()
        elif ch in "]}":
            if self.stack:
                self.stack.pop()
            if ch == "]" and self.header:
                self.expect_key = False
        elif ch == "," and self.stack and self.stack[-1] == "{":
            self.new_key()
        elif ch == "=" and self.expect_key:
            self.expect_key = False
        elif self.expect_key and not ch.isspace():
            if self.key_start is None:
                self.key_start = i
            if ch == ".":
                self.parts += 1
                if self.parts > MAX_KEY_PARTS:
                    raise self.refuse(f"a dotted key of more than {MAX_KEY_PARTS} parts")
            if i - self.key_start >= MAX_KEY_CHARS:
                raise self.refuse(f"a key longer than {MAX_KEY_CHARS} characters")

    def new_key(self) -> None:
        self.expect_key, self.parts, self.key_start = True, 1, None

    def string(self, i: int) -> int:
        """Skip the string that starts at ``i`` (basic, literal, or either multi-line); returns its end."""
        text, quote = self.text, self.text[i]
        if self.expect_key and self.key_start is None:
            self.key_start = i
        delim = quote * 3 if text.startswith(quote * 3, i) else quote
        m = _ENDS[delim].match(text, i + len(delim))
        end = len(text) if m is None else m.end()       # unterminated: the parser will say so
        if m is not None and len(delim) == 3:            # """a""""" : up to two more quotes belong to it
            extra = 0
            while end < len(text) and text[end] == quote and extra < 2:
                end, extra = end + 1, extra + 1
        self.line += text.count("\n", i, end)
        if self.expect_key and end - self.key_start > MAX_KEY_CHARS:
            raise self.refuse(f"a key longer than {MAX_KEY_CHARS} characters")
        return end
