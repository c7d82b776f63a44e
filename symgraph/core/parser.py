"""Text -> a tree of what the user wrote. No eval, no sympify: a tokenizer and a shunting-yard parser.

The parser is iterative (no recursion), so neither a 100,000-term sum nor thousands of nested
parentheses can raise RecursionError. Every node keeps its column, so later stages can point a caret at
the exact place (an unknown function, a log of a negative number).

Grammar (Python precedence; ``^`` is a synonym for ``**``)::

    program   := statement ((";" | newline) statement)*
    statement := [NAME "="] expr
    expr      := numbers | names | expr (+ - * / ** ^) expr | -expr | +expr | (expr) | NAME(expr)
"""
from __future__ import annotations

from typing import Optional

from symgraph.errors import LimitError, ParseError
from symgraph.core.primitives import FUNCTIONS
from symgraph.core.primitives_extra import ARITY
from symgraph.notation import implicit
from symgraph.notation.syntax import is_latex
from symgraph.core.tokens import MAX_LITERAL_CHARS, MAX_SOURCE_CHARS, Token, tokenize  # noqa: F401 (re-exported)
from symgraph.core.gc_pause import without_gc
from symgraph.core.names import fresh, names_used  # noqa: F401 (fresh is re-exported)
from symgraph.core.tree import MAX_NAME_CHARS, Node, Program, Statement  # noqa: F401 (re-exported)
from symgraph.core.tree import arity_text, check_function
from symgraph.core.tree import check_name, check_order

MAX_NESTING = 10_000


# Binary operators: precedence and right-associativity. Unary minus sits between * and **,
# so -x**2 is -(x**2) and 2**-x is 2**(-x), as in Python.
_BINARY = {"+": (1, False), "-": (1, False), "*": (2, False), "/": (2, False), "**": (4, True), "^": (4, True)}
_UNARY_PREC = 3


@without_gc
def parse(source: str, syntax: Optional[str] = None, names=None) -> Program:
    """Parse a program: statements separated by ';' or newlines; the last one is the output.
    ``syntax``: auto | plain | latex (notation/syntax.py; None: the current default, auto); ``names``: the
    point's names, which decide whether letters side by side are one name (notation/letters.py; None: the
    names in play, notes.in_play)."""
    from symgraph.notation.notes import collecting, in_play

    if names is not None:
        with in_play(list(names) or None):
            return parse(source, syntax)

    from symgraph.notation.operator import take_operator

    with collecting() as notes:
        text, wrt = take_operator(source)
        program = _parse_program(text, syntax)
    program.source, program.notes, program.wrt = source, notes, [wrt] if wrt else None
    return program


def _parse_program(source: str, syntax: Optional[str]) -> Program:
    if is_latex(source, syntax):
        from symgraph.notation.latex import parse_latex
        return parse_latex(source)
    tokens = implicit.rewrite(tokenize(source), source)
    program = Program(source)
    seen: dict[str, int] = {}
    i = 0
    while tokens[i].kind != "end":
        if tokens[i].text in (";", "\n"):
            i += 1
            continue
        name, col = None, tokens[i].col
        if tokens[i].kind == "name" and tokens[i + 1].text == "=":
            name = check_name(tokens[i], source, assigning=True)
            if name in seen:
                raise ParseError(f"'{name}' is assigned twice", source, tokens[i].col)
            i += 2
        expr, i = _parse_expr(tokens, i, source)
        if name is not None:
            seen[name] = col
        program.statements.append(Statement(name, expr, col))
    if not program.statements:
        raise ParseError("empty input: expected an expression such as sin(x)*cos(x)")
    from symgraph.notation.letters import finish

    finish(program, tokens.definitions)
    check_order(program, seen)
    return program


@without_gc
def parse_expression(source: str, syntax: Optional[str] = None) -> Node:
    """A single expression with no statements (used for --at values and claim right-hand sides)."""
    if is_latex(source, syntax):
        from symgraph.notation.latex import parse_latex_expression
        return parse_latex_expression(source)
    tokens = implicit.rewrite(tokenize(source), source)
    expr, i = _parse_expr(tokens, 0, source)
    if tokens[i].kind != "end":
        raise ParseError(f"expected a single expression, found {_show(tokens[i])}", source, tokens[i].col)
    return expr


def _show(tok: Token) -> str:
    if tok.kind == "end":
        return "the end of the input"
    return "a new line" if tok.text == "\n" else f"'{tok.text}'"


def _parse_expr(tokens: list[Token], i: int, source: str) -> tuple[Node, int]:
    """Shunting-yard over tokens[i:] up to ';', newline (outside parentheses) or the end."""
    operands: list[Node] = []
    ops: list[tuple] = []      # (kind, text, col): kind is bin | neg | pos | paren | call
    argcount: list[int] = []   # arguments seen so far in each open call
    groups = 0                 # open parentheses and calls on ``ops`` (a newline inside them is white space)
    binaries = [0]             # binary operators on ``ops``: pending, not nesting (x + sin(...) is 1 level)
    expect_operand = True

    def reduce() -> None:
        kind, text, col = ops.pop()
        binaries[0] -= kind == "bin"
        if kind in ("neg", "pos"):
            a = operands.pop()
            operands.append(a if kind == "pos" else Node("neg", "-", (a,), col, col, a.end))
        else:
            b, a = operands.pop(), operands.pop()
            op = "**" if text == "^" else text
            operands.append(Node("bin", op, (a, b), col, a.start, b.end))

    while True:
        tok = tokens[i]
        if tok.text == "\n" and groups:
            i += 1
            continue
        if expect_operand:
            if tok.kind == "num":
                operands.append(Node("num", tok.text, (), tok.col, tok.col, tok.col + len(tok.text)))
                expect_operand = False
            elif tok.kind == "name" and tokens[i + 1].text == "(":
                check_function(tok, source)
                ops.append(("call", tok.text, tok.col))
                argcount.append(1)
                groups += 1
                i += 1
            elif tok.kind == "name":
                name = check_name(tok, source)
                if name in FUNCTIONS:
                    raise ParseError(f"'{name}' is a function: call it as {name}(...)", source, tok.col)
                operands.append(Node("name", name, (), tok.col, tok.col, tok.col + len(name)))
                expect_operand = False
            elif tok.text in ("-", "+"):
                ops.append(("neg" if tok.text == "-" else "pos", tok.text, tok.col))
            elif tok.text == "(":
                ops.append(("paren", "(", tok.col))
                groups += 1
            elif tok.text == ")" and ops and ops[-1][0] == "call" and tokens[i - 1].text == "(":
                raise ParseError(f"{ops[-1][1]}() takes {arity_text(ops[-1][1])}, got 0", source, ops[-1][2])
            else:
                raise ParseError(f"expected a number, a name or '(', found {_show(tok)}", source, tok.col)
            if len(ops) - binaries[0] > MAX_NESTING:
                raise LimitError(f"nesting deeper than {MAX_NESTING:,} levels", source, tok.col)
            i += 1
            continue
        # expecting an operator, a closing parenthesis or the end of the expression
        if tok.text in _BINARY:
            prec, right = _BINARY[tok.text]
            while ops and ops[-1][0] in ("bin", "neg", "pos") and (
                    _prec(ops[-1]) > prec or (_prec(ops[-1]) == prec and not right)):
                reduce()
            ops.append(("bin", tok.text, tok.col))
            binaries[0] += 1
            expect_operand = True
        elif tok.text in (")", ","):
            while ops and ops[-1][0] in ("bin", "neg", "pos"):
                reduce()
            if tok.text == ",":
                if not ops or ops[-1][0] != "call":
                    raise ParseError("',' outside a function call", source, tok.col)
                argcount[-1] += 1
                expect_operand = True
            elif not ops:
                raise ParseError(f"unmatched {_show(tok)}", source, tok.col)
            else:
                kind, text, col = ops.pop()
                groups -= 1
                if kind == "call":
                    _reduce_call(text, col, argcount.pop(), operands, source, tok.col)
                else:  # the parenthesized expression's span includes its parentheses
                    operands[-1] = operands[-1].with_span(col, tok.col + 1)
        elif tok.kind in ("end", "op") and tok.text in ("", ";", "\n", "="):
            if tok.text == "=":
                raise ParseError("'=' is only allowed after a name at the start of a statement "
                                 "(name = expression)", source, tok.col)
            while ops and ops[-1][0] in ("bin", "neg", "pos"):
                reduce()
            if ops:
                kind, text, col = ops[-1]
                raise ParseError(f"'(' is never closed" if kind == "paren" else f"'{text}(' is never closed",
                                 source, col)
            return operands[0], i
        else:
            raise ParseError(f"expected an operator or the end of the expression, found {_show(tok)}",
                             source, tok.col, hint="write products with '*', e.g. 2*x")
        i += 1


def _prec(op: tuple) -> int:
    return _UNARY_PREC if op[0] in ("neg", "pos") else _BINARY[op[1]][0]


def _reduce_call(fname: str, col: int, nargs: int, operands: list, source: str, close_col: int) -> None:
    if nargs not in ARITY.get(fname, (1,)):
        raise ParseError(f"{fname}() takes {arity_text(fname)}, got {nargs}", source, col)
    args = tuple(operands[-nargs:])
    del operands[-nargs:]
    operands.append(Node("call", fname, args, col, col, close_col + 1))
