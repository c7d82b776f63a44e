"""The tensor language: a tokenizer and a precedence-climbing parser of our own (never eval).

    program   := statement ((';' | newline) statement)*
    statement := NAME '=' expr | expr
    expr      := the binary operators + - (lowest), * / @, unary -, ** (right-assoc), then postfix
                 f(args, axis=K, keepdims=1), x[i, :, 1:3], x[[0, 2]], x.T and x.reshape(2, 3) on atoms:
                 numbers, names, (expr)

The result is a tuple AST; build.py turns it into a graph once the shapes are known.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from symgraph.errors import LimitError, ParseError

MAX_SOURCE_CHARS = 1_000_000
MAX_DEPTH = 200

_TOKEN = re.compile(r"""
    (?P<ws>[ \t\r]+) | (?P<comment>\#[^\n]*)
  | (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>\*\*|\.T\b|\.reshape\b|[-+*/^@(),=;:\[\]\n])
""", re.VERBOSE | re.ASCII)
_ALIASES = {"\u00d7": "*", "\u2212": "-", "\u22c5": "*", "\u00b7": "*", "\u2013": "-"}

_BINARY = {"+": 10, "-": 10, "*": 20, "/": 20, "@": 20}
_POWER = 40


class Tok(NamedTuple):
    kind: str      # num | name | op | end
    text: str
    start: int


def tokenize(source: str) -> list:
    if len(source) > MAX_SOURCE_CHARS:
        raise LimitError(f"the program is longer than {MAX_SOURCE_CHARS:,} characters")
    out, pos = [], 0
    while pos < len(source):
        m, m_pos = _TOKEN.match(source, pos), pos
        if m is None:
            ch = source[pos]
            if ch in _ALIASES:
                out.append(Tok("op", _ALIASES[ch], pos))
                pos += 1
                continue
            pos = _textbook(source, pos, out)
            if pos is not None:
                continue
            pos = m_pos
            what = "'.' is only allowed in .T (the transpose)" if ch == "." else f"unexpected character {ch!r}"
            raise ParseError(what, source, pos)
        kind = m.lastgroup
        if kind == "op":
            out.append(Tok("op", m.group().replace("\n", ";"), pos))
        elif kind in ("num", "name"):
            if kind == "name" and out and out[-1].kind == "num" and out[-1].start + len(out[-1].text) == pos:
                out.append(Tok("op", "*", pos))          # 2x: a number written against a name multiplies it
            if not (m.group() == "return" and (not out or out[-1].text == ";")):   # return f: a function's
                out.append(Tok(kind, m.group(), pos))                             # last line, pasted
        pos = m.end()
    out.append(Tok("end", "", len(source)))
    return out


def _textbook(source: str, pos: int, out: list):
    """Characters from textbooks, as the scalar tokenizer reads them (symgraph.notation.unicode): x² is
    x ** 2, π is pi, θ is theta, ÷ is /, and √ before a name, a number or '(' is sqrt(...) of it. Returns the
    position after them, or None when the character is not one of them."""
    from symgraph.notation.unicode import SQRT, unicode_tokens

    if source[pos] == SQRT:
        m = _TOKEN.match(source, pos + 1)
        if m and m.lastgroup in ("num", "name") and not source.startswith(".", m.end()) \
                and not source.startswith("[", m.end()):
            out += [Tok("name", "sqrt", pos), Tok("op", "(", pos), Tok(m.lastgroup, m.group(), m.start()),
                    Tok("op", ")", m.end())]
            return m.end()
        if source.startswith("(", pos + 1):
            out.append(Tok("name", "sqrt", pos))
            return pos + 1
        return None
    found = unicode_tokens(source, pos, Tok)
    if found is None or any(t.text in ("√", "∛", "∜") for t in found[0]):
        return None
    if found[0][0].kind == "name" and out and out[-1].kind == "num" and out[-1].start + len(out[-1].text) == pos:
        out.append(Tok("op", "*", pos))                  # 2π: a number against a name multiplies it
    out += found[0]
    return found[1]


class Parser:
    def __init__(self, source: str):
        self.source = source
        self.toks = tokenize(source)
        self.i = 0
        self.depth = 0

    # --- helpers ---------------------------------------------------------------------------------
    @property
    def tok(self) -> Tok:
        return self.toks[self.i]

    def take(self) -> Tok:
        t = self.toks[self.i]
        self.i += 1
        return t

    def error(self, message: str, tok: Tok = None):
        tok = tok or self.tok
        return ParseError(message, self.source, tok.start)

    def expect(self, text: str) -> Tok:
        if self.tok.text != text or self.tok.kind != "op":
            found = f"'{self.tok.text}'" if self.tok.kind != "end" else "the end"
            raise self.error(f"expected '{text}', found {found}")
        return self.take()

    # --- grammar ---------------------------------------------------------------------------------
    def program(self) -> list:
        statements = []
        while True:
            while self.tok.text == ";" and self.tok.kind == "op":
                self.take()
            if self.tok.kind == "end":
                break
            start = self.tok
            name = None
            if start.kind == "name" and self.toks[self.i + 1].text == "=":
                name = self.take().text
                self.take()
            statements.append((name, self.expr(0), start.start))
            if self.tok.kind != "end" and self.tok.text != ";":
                raise self.error(f"unexpected '{self.tok.text}' (statements are separated by ';' or new lines)")
        if not statements:
            raise ParseError("the program is empty", self.source, 0)
        return statements

    def expr(self, min_prec: int):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitError(f"the expression nests deeper than {MAX_DEPTH} levels", self.source, self.tok.start)
        left = self.unary()
        while self.tok.kind == "op" and self.tok.text in _BINARY and _BINARY[self.tok.text] >= min_prec:
            op = self.take()
            right = self.expr(_BINARY[op.text] + 1)
            left = ("bin", op.text, left, right, (op.start, op.start + len(op.text)))
        self.depth -= 1
        return left

    def unary(self):
        if self.tok.kind == "op" and self.tok.text in "-+":
            op = self.take()
            inner = self.unary()
            return inner if op.text == "+" else ("neg", inner, (op.start, op.start + 1))
        base = self.postfix()
        if self.tok.kind == "op" and self.tok.text in ("**", "^"):
            op = self.take()
            expo = self.unary()                         # right-associative, and 2**-1 is allowed
            return ("bin", "**", base, expo, (op.start, op.start + len(op.text)))
        return base

    def postfix(self):
        node = self.atom()
        while self.tok.kind == "op" and self.tok.text in ("[", ".T", ".reshape", "("):
            op = self.take()
            if op.text == ".reshape":                        # A.reshape(2, 3) is reshape(A, 2, 3)
                if self.tok.text != "(":
                    raise self.error("expected '(' after .reshape")
                call = self.call(Tok("name", "reshape", op.start + 1))
                node = ("call", "reshape", [node] + call[2], call[3], (op.start, op.start + len(op.text)))
            elif op.text == ".T":
                node = ("call", "transpose", [node], {}, (op.start, op.start + 2))
            elif op.text == "[":
                node = ("index", node, self.index_items(), (op.start, op.start + 1))
            else:
                raise self.error("only a function name can be called", op)
        return node

    def atom(self):
        tok = self.take()
        if tok.kind == "num":
            return ("num", float(tok.text), (tok.start, tok.start + len(tok.text)))
        if tok.kind == "name":
            if self.tok.text == "(" and self.tok.kind == "op":
                return self.call(tok)
            return ("name", tok.text, (tok.start, tok.start + len(tok.text)))
        if tok.text == "(":
            inner = self.expr(0)
            self.expect(")")
            return inner
        found = "the end of the program" if tok.kind == "end" else f"'{tok.text}'"
        raise self.error(f"expected a number, a name or '(', found {found}", tok)

    def call(self, name: Tok):
        self.take()
        args, kwargs = [], {}
        while not (self.tok.kind == "op" and self.tok.text == ")"):
            if self.tok.kind == "name" and self.toks[self.i + 1].text == "=":
                key = self.take()
                if key.text in kwargs:
                    raise self.error(f"{key.text}= is given twice", key)
                self.take()
                kwargs[key.text] = (self.integer(), key.start)
            else:
                if kwargs:
                    raise self.error("a positional argument after a keyword argument")
                args.append(self.expr(0))
            if self.tok.text != ")":
                self.expect(",")
        self.expect(")")
        return ("call", name.text, args, kwargs, (name.start, name.start + len(name.text)))

    def integer(self) -> int:
        if self.tok.kind == "name" and self.tok.text in ("True", "False"):
            return int(self.take().text == "True")
        sign = 1
        if self.tok.text == "-" and self.tok.kind == "op":
            self.take()
            sign = -1
        tok = self.take()
        if tok.kind != "num" or not tok.text.isdigit():
            raise self.error("expected a whole number (an index or an axis)", tok)
        if len(tok.text) > 12:
            raise self.error("that index is too large", tok)
        return sign * int(tok.text)

    def index_items(self) -> list:
        items = []
        while True:
            start = self.tok.start
            if self.tok.text in (":",):
                items.append((self.slice_item(None), start))
            elif self.tok.text == "[" and self.tok.kind == "op":    # x[[0, 2, 2]]: integer-array indexing
                self.take()
                ints = [self.integer()]
                while self.tok.text == ",":
                    self.take()
                    ints.append(self.integer())
                self.expect("]")
                items.append((ints, start))
            else:
                first = self.integer()
                items.append((self.slice_item(first) if self.tok.text == ":" else first, start))
            if self.tok.text == "]":
                self.take()
                return items
            self.expect(",")

    def slice_item(self, first):
        self.expect(":")
        parts = [first]
        for _ in range(2):
            if self.tok.text in (":", ",", "]") or self.tok.kind == "end":
                parts.append(None)
            else:
                parts.append(self.integer())
            if self.tok.text != ":" or len(parts) == 3:
                break
            self.take()
        parts += [None] * (3 - len(parts))
        return ("slice", *parts)


def parse_program(source: str) -> list:
    """The statements of a tensor program: [(name or None, AST, start offset)]."""
    return Parser(source).program()
