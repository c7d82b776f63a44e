"""From the parsed tensor program to a checked graph: names become inputs (shapes from the point or
--shapes), statements, or the constants pi and e; calls and operators become table rows. Every shape is
checked here, before anything runs; a refusal carries a caret under the operator or the name."""
from __future__ import annotations

import math
from dataclasses import replace
from functools import lru_cache

from symgraph.errors import ParseError, PointError
from symgraph.tensor.graph import Builder, TGraph
from symgraph.tensor.parser import parse_program
from symgraph.tensor.table import FUNCTIONS, OPERATORS, OPS

CONSTANTS = {"pi": math.pi, "e": math.e}
_AXIS = {"sum": None, "mean": None, "amax": None, "logsumexp": None, "softmax": -1, "log_softmax": -1}
_KEEPDIMS = {"sum", "mean", "amax"}
_ARITY = {"maximum": 2, "minimum": 2, "pow": 2, "dot": 2, "outer": 2, "pick": 2}


@lru_cache(maxsize=64)
def build_graph(source: str, shapes: tuple) -> TGraph:
    """The graph of ``source`` for the input shapes ``((name, shape), ...)`` (cached: a repeated call with
    the same program and shapes costs a dictionary look-up)."""
    return _Build(source, dict(shapes)).run()


def input_names(source: str) -> list:
    """The names a program reads that it does not define (its inputs and constants), in order of appearance."""
    defined, seen = set(), {}
    for name, ast, _ in parse_program(source):
        for n in _names(ast):
            if n not in defined:
                seen.setdefault(n, None)
        if name:
            defined.add(name)
    return [n for n in seen if n not in CONSTANTS]


def _names(ast):
    kind = ast[0]
    if kind == "name":
        yield ast[1]
    elif kind == "bin":
        yield from _names(ast[2])
        yield from _names(ast[3])
    elif kind in ("neg", "index"):
        yield from _names(ast[1])
    elif kind == "call":
        for a in ast[2]:
            yield from _names(a)


class _Build:
    def __init__(self, source: str, shapes: dict):
        self.source, self.shapes = source, shapes
        self.b = Builder(source)
        self.defined: dict = {}

    def error(self, message: str, span, cls=ParseError):
        return cls(message, self.source, span[0])

    def run(self) -> TGraph:
        statements = parse_program(self.source)
        last = None
        for name, ast, start in statements:
            if name is not None and (name in self.defined or name in self.b.inputs):
                raise ParseError(f"{name} is already defined", self.source, start)
            if name in FUNCTIONS or name in CONSTANTS:
                raise ParseError(f"{name} is a function or a constant; pick another name", self.source, start)
            last = self.node(ast, name)
            if name is not None:
                self.defined[name] = last
        node = self.b.nodes[last]
        if node.name is None and node.op not in ("input", "const") and "f" not in self.defined \
                and "f" not in self.b.inputs:        # an unnamed output is f, as in the scalar trace
            self.b.nodes[last] = replace(node, name="f")
        return self.b.finish(last)

    def node(self, ast, name=None) -> int:
        kind, span = ast[0], ast[-1]
        if kind == "num":
            i = self.b.const(ast[1], span)
            if name is not None:                   # g = 1: the constant is the step g
                self.b.nodes[i] = replace(self.b.nodes[i], name=name)
            return i
        if kind == "name":
            return self.name(ast[1], span)
        if kind == "neg":
            return self.b.apply("neg", [self.node(ast[1])], span, name)
        if kind == "bin":
            args = [self.node(ast[2]), self.node(ast[3])]
            return self.b.apply("matmul" if ast[1] == "@" else OPERATORS[ast[1]], args, span, name)
        if kind == "index":
            base = self.node(ast[1])
            items = tuple(("ints", (len(item),), tuple(item)) if isinstance(item, list) else item
                          for item, _ in ast[2])
            op = "take" if any(isinstance(item, list) for item, _ in ast[2]) else "index"
            return self.b.apply(op, [base], span, name, idx=items)
        return self.call(ast, name)

    def name(self, text: str, span) -> int:
        if text in self.defined:
            return self.defined[text]
        if text in self.shapes:
            return self.b.input(text, self.shapes[text], span)
        if text in CONSTANTS:
            return self.b.const(CONSTANTS[text], span)
        if text in FUNCTIONS:
            raise self.error(f"{text} is a function: call it, {text}(...)", span)
        raise self.error(f"{text} has no value: give it in --at ({text}=[...]) or its shape in --shapes "
                         f"({text}=3x4)", span, PointError)

    def call(self, ast, name) -> int:
        _, fname, args, kwargs, span = ast
        if fname not in FUNCTIONS:
            raise self.error(f"unknown function {fname}", span)
        op = FUNCTIONS[fname]
        if op == "maximum" and len(args) == 1:            # max(A), max(A, axis=0): the largest entry
            op = "amax"
        if op == "reshape":
            return self.reshape(args, kwargs, span, name)
        arity = _ARITY.get(op, 1)
        if op == "stack" and not args:
            raise self.error("stack takes one or more arrays of one shape", span)
        if len(args) != arity and op != "stack":
            extra = " (max and min are elementwise: max(A, 0))" if op in ("maximum", "minimum") else ""
            raise self.error(f"{fname} takes {arity} argument{'s' if arity > 1 else ''}, not {len(args)}{extra}", span)
        params = {}
        for key, (value, at) in kwargs.items():
            if not (key == "axis" and op in _AXIS or key == "keepdims" and op in _KEEPDIMS):
                raise ParseError(f"{fname} takes no argument {key}=", self.source, at)
            if key == "keepdims" and value not in (0, 1):
                raise ParseError("keepdims is 0 or 1 (False or True)", self.source, at)
            if key == "axis" or value:                      # keepdims=0 is the default: no param
                params[key] = bool(value) if key == "keepdims" else value
        where = (kwargs["axis"][1], 0) if "axis" in kwargs else span
        ids = [self.node(a) for a in args]
        if op in _AXIS and "axis" not in params and _AXIS[op] is not None:
            params["axis"] = _AXIS[op]
        return self.b.apply(op, ids, where, name, **params)

    def reshape(self, args, kwargs, span, name) -> int:
        """reshape(A, 2, 3): the sizes are whole numbers written in place (one -1 is inferred)."""
        if kwargs:
            raise ParseError("reshape takes no keyword arguments", self.source, next(iter(kwargs.values()))[1])
        if len(args) < 2:
            raise self.error("reshape takes an array and its new sizes: reshape(A, 2, 3)", span)
        sizes = []
        for a in args[1:]:
            value = -a[1][1] if a[0] == "neg" and a[1][0] == "num" else a[1] if a[0] == "num" else None
            if value is None or value != int(value) or value < -1:
                raise self.error("reshape's sizes are whole numbers written in place (or one -1)", a[-1])
            sizes.append(int(value))
        base = self.node(args[0])
        size = 1
        for n in self.b.shape(base):
            size *= n
        if sizes.count(-1) == 1:
            rest = 1
            for n in sizes:
                rest *= n if n != -1 else 1
            sizes = [size // rest if n == -1 and rest and size % rest == 0 else n for n in sizes]
        if sizes.count(-1) > 1:
            raise self.error("reshape infers at most one size (-1)", span)
        return self.b.apply("reshape", [base], span, name, shape=tuple(sizes))

