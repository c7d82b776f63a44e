"""The whitelist: which Python ``check --code`` reads at all, decided on the syntax tree before anything runs.

The code is parsed with :mod:`ast` and never compiled or executed. This pass walks the whole tree once and
refuses, with its line and column, anything outside a small subset of Python and NumPy: other imports,
attribute access other than the listed NumPy/``math`` names and array methods, dunder names, ``while``,
classes, lambdas, comprehensions, ``with``, ``try``, ``global``, ... The interpreter (interp.py) only ever
sees a tree this pass accepted, and refuses again at run time whatever it cannot do with the values.
"""
from __future__ import annotations

import ast
import builtins

from symgraph.code.source_lines import SourceLines
from symgraph.errors import SymgraphError

MODULES = {"numpy": "np", "math": "math"}          # the only imports: ``import numpy as np``, ``import math``
NUMPY_NAMES = frozenset({
    "dot", "matmul", "sum", "mean", "maximum", "minimum", "exp", "log", "sqrt", "tanh", "abs", "square",
    "zeros_like", "ones_like", "zeros", "ones", "arange", "where", "max", "argmax", "reshape", "transpose",
    "outer", "sign", "float64", "newaxis", "pi", "e", "exp2", "log1p", "power", "array", "asarray",
    "prod", "clip", "eye", "copy",
})
TRIG = frozenset({"sin", "cos", "tan", "sinh", "cosh"})
INVERSE = frozenset({"asin", "acos", "atan", "asinh", "acosh", "atanh"})
NUMPY_NAMES |= TRIG | {"arc" + f[1:] for f in INVERSE}
MATH_NAMES = frozenset({"exp", "log", "sqrt", "tanh", "pi", "e", "fabs"}) | TRIG | INVERSE
METHODS = frozenset({"T", "shape", "ndim", "size", "dot", "sum", "mean", "max", "argmax", "reshape", "copy",
                     "astype", "ravel", "flatten", "transpose", "clip"})
BUILTINS = frozenset({"range", "len", "float", "int", "abs", "max", "min", "print", "True", "False", "None",
                      "tuple", "list", "dict", "bool"})
BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.MatMult, ast.FloorDiv, ast.Mod)
ALLOWED = (
    ast.Module, ast.Expr, ast.Assign, ast.AugAssign, ast.Return, ast.FunctionDef, ast.For, ast.If, ast.Pass,
    ast.Continue, ast.Break, ast.arguments, ast.arg, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp,
    ast.Call, ast.keyword, ast.Attribute, ast.Subscript, ast.Slice, ast.Tuple, ast.List, ast.Dict,
    ast.Constant, ast.Name, ast.IfExp, ast.Load, ast.Store, ast.Import, ast.alias,
    ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE,
) + BINOPS
WHAT = {
    ast.While: "a while loop (only 'for ... in range(...)' loops are read)", ast.ClassDef: "a class",
    ast.Lambda: "a lambda", ast.With: "a 'with' block", ast.Try: "a 'try' block", ast.Global: "'global'",
    ast.Nonlocal: "'nonlocal'", ast.ImportFrom: "'from ... import'", ast.ListComp: "a list comprehension",
    ast.GeneratorExp: "a generator expression", ast.DictComp: "a dict comprehension",
    ast.SetComp: "a set comprehension", ast.Delete: "'del'", ast.Raise: "'raise'", ast.Assert: "'assert'",
    ast.AsyncFunctionDef: "an async function", ast.Yield: "'yield'", ast.Await: "'await'",
    ast.NamedExpr: "':='", ast.Starred: "'*' unpacking", ast.JoinedStr: "an f-string", ast.AnnAssign:
    "an annotated assignment", ast.Set: "a set", ast.Attribute: "this attribute",
}


def refuse(source: str, node, message: str, cls=SymgraphError) -> SymgraphError:
    """A SymgraphError pointing at ``node`` (its line and column) in ``source``."""
    return cls(message, source=source, column=offset(source, node))


def offset(source: str, node) -> int | None:
    """The character offset of ``node`` in ``source`` (ast columns count UTF-8 bytes; lines break where
    Python's tokenizer breaks them: source_lines.py)."""
    line, col = getattr(node, "lineno", None), getattr(node, "col_offset", None)
    if line is None:
        return None
    lines = SourceLines(source)
    if col is None:                  # no column: the end of the line
        return lines.end(min(max(line - 1, 0), len(lines.starts) - 1))
    return lines.offset(line, col)


def parse_code(source: str) -> ast.Module:
    """The syntax tree of ``source``, after the whitelist accepted every node of it."""
    try:
        tree = ast.parse(source, mode="exec")
    except SyntaxError as exc:
        column = None
        if exc.lineno:
            starts = SourceLines(source).starts
            column = starts[min(exc.lineno, len(starts)) - 1] + max(0, (exc.offset or 1) - 1)
        raise SymgraphError(f"not Python: {exc.msg}", source=source, column=column) from None
    except (ValueError, RecursionError, MemoryError):
        raise SymgraphError("not Python: the code is too deeply nested or holds a NUL byte") from None
    Whitelist(source).check(tree)
    return tree


class Whitelist:
    def __init__(self, source: str):
        self.source = source
        self.aliases: dict[str, str] = {}

    def check(self, tree: ast.Module) -> None:
        stack = [tree]
        while stack:
            node = stack.pop()
            self.node(node)
            stack.extend(reversed(list(ast.iter_child_nodes(node))))

    def fail(self, node, message: str):
        raise refuse(self.source, node, message + " is not allowed in checked code")

    def node(self, node) -> None:
        if not isinstance(node, ALLOWED):
            self.fail(node, WHAT.get(type(node), f"'{type(node).__name__}'"))
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method:
            method(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name not in MODULES or (alias.asname or alias.name) not in (alias.name, MODULES[alias.name]):
                self.fail(node, f"'import {alias.name}" + (f" as {alias.asname}'" if alias.asname else "'")
                          + " (only 'import numpy as np' and 'import math')")
            self.aliases[alias.asname or alias.name] = alias.name

    def visit_Name(self, node: ast.Name) -> None:
        if node.id.startswith("__") or node.id.startswith("_") and node.id != "_":
            self.fail(node, f"the name {node.id!r} (names starting with '_')")
        if hasattr(builtins, node.id) and node.id not in BUILTINS:
            self.fail(node, f"the built-in {node.id!r}")

    def visit_arg(self, node: ast.arg) -> None:
        if node.arg.startswith("_"):
            self.fail(node, f"the name {node.arg!r} (names starting with '_')")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        if node.decorator_list:
            self.fail(node.decorator_list[0], "a decorator")
        args = node.args
        if args.vararg or args.kwarg or args.kwonlyargs or args.posonlyargs:
            self.fail(node, "'*args', '**kwargs' or keyword-only parameters")
        self.visit_Name(ast.copy_location(ast.Name(id=node.name), node))
        for default in args.defaults:
            if not isinstance(default, ast.Constant) and not (isinstance(default, ast.UnaryOp)
                                                              and isinstance(default.operand, ast.Constant)):
                self.fail(default, "a default that is not a number")

    def visit_For(self, node: ast.For) -> None:
        if node.orelse:
            self.fail(node, "'for ... else'")
        call = node.iter
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "range"):
            self.fail(node.iter, "a loop over anything but range(...)")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr.startswith("_"):
            self.fail(node, f"the attribute {node.attr!r} (names starting with '_')")
        base = node.value
        if isinstance(base, ast.Name) and base.id in self.aliases:
            module = self.aliases[base.id]
            names = NUMPY_NAMES if module == "numpy" else MATH_NAMES
            if node.attr not in names:
                self.fail(node, f"{base.id}.{node.attr}")
        elif node.attr not in METHODS:
            self.fail(node, f"the attribute .{node.attr}")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, bytes) or node.value is Ellipsis:
            self.fail(node, "this constant")
        if isinstance(node.value, complex):
            self.fail(node, "a complex number")
