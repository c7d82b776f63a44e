"""One rule of latex.lark -> core.parser nodes. ``kids`` are the rule's children, already built (lark tokens
stay tokens). Every node keeps its span in the LaTeX source, so carets point into what the user wrote."""
from __future__ import annotations

import keyword
import re

from symgraph.core.tree import Node
from symgraph.core.primitives import FUNCTIONS
from symgraph.errors import ParseError
from symgraph.notation.macros import FUNCTION_MACROS, NAMES, OPS
from symgraph.notation.notes import note, reading_other
from symgraph.notation.latex_tight import tight_product
from symgraph.notation.unicode import greek_name

_INVERSE = {"sin": "asin", "cos": "acos", "tan": "atan", "sinh": "asinh", "cosh": "acosh", "tanh": "atanh"}

_OPNAME = re.compile(r"\\(?:operatorname|mathrm|text)\s*\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}")


def _start(x) -> int:
    return x.start if isinstance(x, Node) else x.start_pos


def _end(x) -> int:
    return x.end if isinstance(x, Node) else x.end_pos


def _constant(name: str, tok) -> Node:
    return Node("name", name, (), tok.start_pos, tok.start_pos, tok.end_pos)


def _bin(op: str, a, b, col: int) -> Node:
    return Node("bin", op, (a, b), col, a.start, b.end)


def build(tree, kids: list, source: str):
    rule = getattr(_Rules, tree.data, None)
    if rule is None:
        return kids[0] if len(kids) == 1 else kids
    return rule(tree, kids, source)


class _Rules:
    """Methods named after the grammar's rules and aliases."""

    @staticmethod
    def number(tree, kids, source):
        tok = kids[0]
        return Node("num", str(tok), (), tok.start_pos, tok.start_pos, tok.end_pos)

    @staticmethod
    def const(tree, kids, source):
        return _constant("pi", kids[0])

    @staticmethod
    def name(tree, kids, source):
        tok = kids[0]
        base = str(tok)
        if tok.type == "ROMAN":                 # \mathrm{e} is the constant e, \mathrm{x} the name x
            base = _OPNAME.match(base).group(1)
        elif base.startswith("\\"):
            base = NAMES.get(base[1:], base[1:])
        elif greek_name(base):                   # θ pasted: theta
            base = greek_name(base)
        if len(kids) > 1:
            base += "_" + re.sub(r"[_{}\s]", "", str(kids[1]))
        if keyword.iskeyword(base):
            raise ParseError(f"'{base}' is a Python keyword and cannot be a name", source, tok.start_pos)
        return Node("name", base, (), tok.start_pos, tok.start_pos, _end(kids[-1]))

    @staticmethod
    def econst(tree, kids, source):
        return _constant("e", kids[0])

    @staticmethod
    def epow(tree, kids, source):
        return _Rules.pow(tree, [_Rules.econst(tree, kids[:1], source), kids[1]], source)

    @staticmethod
    def over(tree, kids, source):
        """``{a \\over b}`` is a/b."""
        a, _, b = kids
        return Node("bin", "/", (a, b), _start(kids[1]), tree.meta.start_pos, tree.meta.end_pos)

    @staticmethod
    def bin(tree, kids, source):
        a, op, b = kids
        return _bin(OPS[op.type], a, b, op.start_pos)

    @staticmethod
    def imul(tree, kids, source):
        a, b = kids
        other = tight_product(a, b, source)             # 1/2x, e^2x: a note, and the other reading
        if other is not None:
            return other
        last = a
        while last.kind == "bin" and last.text == "*":
            last = last.args[1]
        if last.kind == "call" and _bare(last, source) and b.kind == "bin" and b.text == "**" \
                and b.args[0].kind == "name" and b.args[0].text == "e":
            arg = source[last.args[0].start:last.args[0].end]
            power = source[b.start:b.end]
            power += "}" * (power.count("{") - power.count("}"))       # e^{-x}: the node ends inside its braces
            note(f"{source[last.start:b.start]}{power} is read as {last.text}({arg})*{power}; for the product inside "
                 f"the argument write {source[last.start:last.args[0].start].rstrip()}({arg} {power})")
            if reading_other():                  # sin(x e^x): e^x joins the argument
                inner = Node("call", last.text, (_bin("*", last.args[0], b, b.start),), last.col, last.start, b.end)
                if a is last:
                    return inner
                parent = a
                while parent.args[1] is not last:
                    parent = parent.args[1]
                parent.args = (parent.args[0], inner)
                return a.with_span(a.start, b.end)
        return _bin("*", a, b, b.start)

    @staticmethod
    def pow(tree, kids, source):
        a, b = kids
        return _bin("**", a, b, a.end)

    @staticmethod
    def neg(tree, kids, source):
        op, a = kids
        return Node("neg", "-", (a,), op.start_pos, op.start_pos, a.end)

    @staticmethod
    def pos(tree, kids, source):
        return kids[1]

    @staticmethod
    def group(tree, kids, source):
        inner = next(k for k in kids if isinstance(k, Node))
        return inner.with_span(tree.meta.start_pos, tree.meta.end_pos)

    @staticmethod
    def frac(tree, kids, source):
        cmd, a, b = kids
        return Node("bin", "/", (a, b), cmd.start_pos, cmd.start_pos, tree.meta.end_pos)

    @staticmethod
    def frac_short(tree, kids, source):
        """``\\frac12``: each argument is one digit or one letter (a letter is a name, e the constant)."""
        tok = kids[0]
        after = tok.start_pos + str(tok).index("frac") + 4
        cols = [k for k in range(after, tok.end_pos) if not source[k].isspace()]
        args = tuple(Node("num" if source[k].isdigit() else "name", source[k], (), k, k, k + 1) for k in cols)
        return Node("bin", "/", args, tok.start_pos, tok.start_pos, tok.end_pos)

    @staticmethod
    def sqrt(tree, kids, source):
        cmd, a = kids
        return Node("call", "sqrt", (a,), cmd.start_pos, cmd.start_pos, tree.meta.end_pos)

    @staticmethod
    def sqrt1(tree, kids, source):
        """``\\sqrt2``, ``\\sqrt x``: TeX's one-token argument."""
        cmd, arg = kids
        if not isinstance(arg, Node):
            arg = _Rules.number(tree, [arg], source)
        return _Rules.sqrt(tree, [cmd, arg], source)

    @staticmethod
    def root(tree, kids, source):
        """``\\sqrt[n]{x}`` is ``x**(1/n)``; the exponent is labelled as written, ``\\sqrt[n]``; ``\\sqrt[3]{x}`` is
        cbrt(x), the real cube root."""
        cmd, n, a = kids
        if n.kind == "num" and n.text == "3":        # the real cube root, as textbooks mean: defined at x < 0
            return Node("call", "cbrt", (a,), cmd.start_pos, cmd.start_pos, tree.meta.end_pos)
        one = Node("num", "1", (), cmd.start_pos, cmd.start_pos, n.end + 1)
        expo = Node("bin", "/", (one, n), cmd.start_pos, cmd.start_pos, n.end + 1)
        return Node("bin", "**", (a, expo), cmd.start_pos, cmd.start_pos, tree.meta.end_pos)

    @staticmethod
    def abs(tree, kids, source):
        return Node("call", "abs", (kids[1],), kids[0].start_pos, kids[0].start_pos, kids[2].end_pos)

    @staticmethod
    def arglist(tree, kids, source):
        return ("args", [k for k in kids if isinstance(k, Node)])

    @staticmethod
    def fpow(tree, kids, source):
        return ("power", kids[0])

    @staticmethod
    def func(tree, kids, source):
        tok = kids[0]
        text = str(tok)
        if tok.type == "FUNC":
            return ("func", FUNCTION_MACROS[text[1:]], tok)
        if tok.type == "FNAME":
            return ("func", text, tok)
        name = _OPNAME.match(text).group(1)
        if name not in FUNCTIONS:
            raise ParseError(f"unknown function '{name}'", source, tok.start_pos,
                             hint="known functions: " + ", ".join(FUNCTIONS))
        return ("func", name, tok)

    @staticmethod
    def call(tree, kids, source):
        (_, fname, tok), rest = kids[0], kids[1:]
        base = power = None
        args: list = []
        for k in rest:
            if isinstance(k, tuple) and k[0] == "power":
                power = k[1]
            elif isinstance(k, tuple) and k[0] == "args":
                args = k[1]
            elif isinstance(k, Node):
                args = [k]
            elif k.type == "SUBSCRIPT":
                base = k
        if base is not None:
            args = args + [_subscript_base(fname, base, source)]
        node = _checked_call(fname, args, tok.start_pos, tree.meta.end_pos, source)
        if len(rest) and isinstance(rest[-1], Node) and _bare(node, source):
            _note_bare_power(node, source)
            arg = node.args[0]
            if reading_other() and arg.kind == "bin" and arg.text == "**" and power is None:   # (sin x)^2
                call = Node("call", fname, (arg.args[0],), node.col, node.start, arg.args[0].end)
                return Node("bin", "**", (call, arg.args[1]), arg.col, node.start, node.end)
        return node if power is None else _function_power(node, power, source)

    @staticmethod
    def namecall(tree, kids, source):
        name, args = kids[0], next(k for k in kids if isinstance(k, tuple))[1]
        if name.text not in FUNCTIONS and len(args) == 1:        # x(3x^2 - 9): a product
            group = args[0].with_span(_end(kids[1]) - 1 if not isinstance(kids[1], tuple) else
                                      source.index("(", name.end), tree.meta.end_pos)
            return _bin("*", name, group, group.start)
        if name.text not in FUNCTIONS:
            raise ParseError(f"'{name.text}' is not a function, so '{name.text}(' is not a call", source, name.col,
                             hint=f"for a product write {name.text} \\cdot (...)")
        return _checked_call(name.text, args, name.col, tree.meta.end_pos, source)


def _checked_call(fname: str, args: list, col: int, end: int, source: str) -> Node:
    """A call with as many arguments as the function takes (the parser's own message)."""
    from symgraph.core.tree import arity_text
    from symgraph.core.primitives_extra import ARITY

    if len(args) not in ARITY.get(fname, (1,)):
        raise ParseError(f"{fname}() takes {arity_text(fname)}, got {len(args)}", source, col)
    return Node("call", fname, tuple(args), col, col, end)


def _subscript_base(fname: str, sub, source: str) -> Node:
    """``\\log_2 x``, ``\\log_{10}(x)``: the subscript of \\log is its base (the second argument)."""
    if fname != "log":
        raise ParseError(f"only \\log takes a subscript (its base), not {fname}", source, sub.start_pos)
    digits = re.sub(r"[_{}\s]", "", str(sub))
    kind = "num" if digits.isdigit() else "name"
    return Node(kind, digits, (), sub.start_pos + 1, sub.start_pos + 1, sub.end_pos)


def _bare(call: Node, source: str) -> bool:
    """A call written without parentheses (``\\sin x``)."""
    return bool(call.args) and not source[call.args[-1].end:call.end].strip() \
        and not source[call.start:call.end].rstrip().endswith((")", "\\right)"))


def _note_bare_power(call: Node, source: str) -> None:
    """``\\sin x^2`` is sin(x^2): a note says how to write (sin x)^2."""
    arg = call.args[0]
    last = arg
    while last.kind == "bin" and last.text == "*":
        last = last.args[1]
    if last.kind == "bin" and last.text == "**":
        shown = source[call.start:call.end]
        base = source[arg.start:last.args[0].end]
        note(f"{shown} is read as {call.text}({source[arg.start:arg.end]}); for the power of {call.text} write "
             f"{source[call.start:arg.start].rstrip()}^{{{source[last.args[1].start:last.args[1].end]}}} {base}")


def _function_power(call: Node, power: Node, source: str) -> Node:
    """``\\sin^2 x`` is ``sin(x)**2``; ``\\sin^{-1} x`` is arcsin x, with a note; other negative powers are refused
    (inverse or reciprocal?)."""
    inverse = _INVERSE.get(call.text)
    if power.kind == "neg" and power.args[0].kind == "num" and power.args[0].text == "1" and inverse:
        note(f"\\{call.text}^{{-1}} is read as {inverse}, the inverse function; for the reciprocal write "
             f"\\frac{{1}}{{\\{call.text} x}}")
        if reading_other():
            return Node("bin", "/", (Node("num", "1", (), call.col, call.start, call.start), call), power.col,
                        call.start, call.end)
        return Node("call", inverse, call.args, call.col, call.start, call.end)
    if power.kind == "neg":
        raise ParseError(f"'\\{call.text}^{{-1}}' is ambiguous (the inverse function, or 1/{call.text})", source,
                         power.col, hint=f"write \\arc{call.text} x (or asin(x)) for the inverse, "
                                         f"or \\frac{{1}}{{\\{call.text} x}} for the reciprocal")
    return Node("bin", "**", (call, power), power.col, call.start, call.end)
