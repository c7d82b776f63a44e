"""Expressions: the whitelisted Python expression nodes, evaluated at concrete values.

Arithmetic on arrays goes through the tracer (so a differentiable value lands on the tensor graph); on plain
Python numbers it is Python's own arithmetic, guarded (no integer past 2**63, no huge powers). Comparisons
give masks, which are never differentiable. Indexing with ints and slices is the table's ``index`` row,
with integer arrays (``scores[np.arange(N), y]``) the ``take`` row.
"""
from __future__ import annotations

import ast
import operator

import numpy as np

from symgraph.code.calls import Builtin, Function, Method, Module, ModuleFunction, as_int, call_value, to_array
from symgraph.code.values import MAX_INT, Labels, Traced, check_size, plain, truthy

BINOPS = {ast.Add: ("add", operator.add), ast.Sub: ("sub", operator.sub), ast.Mult: ("mul", operator.mul),
          ast.Div: ("div", operator.truediv), ast.Pow: ("pow", operator.pow), ast.MatMult: ("matmul", None),
          ast.FloorDiv: (None, operator.floordiv), ast.Mod: (None, operator.mod)}
COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
           ast.Gt: operator.gt, ast.GtE: operator.ge}
NUMBER = (int, float, bool)


def is_number(value) -> bool:
    return isinstance(value, NUMBER) and not isinstance(value, np.ndarray)


class Expressions:
    """A mix-in of the interpreter (interp.Machine): ``expr`` evaluates one expression node in a scope."""

    def expr(self, node, scope):
        method = getattr(self, "e_" + type(node).__name__, None)
        if method is None:
            raise self.refuse(node, f"{type(node).__name__} is not read here")
        return method(node, scope)

    def e_Constant(self, node, scope):
        return node.value

    def e_Name(self, node, scope):
        return scope.lookup(node.id, node, self)

    def e_Tuple(self, node, scope):
        return tuple(self.expr(e, scope) for e in node.elts)

    def e_List(self, node, scope):
        items = [self.expr(e, scope) for e in node.elts]
        if items and all(is_number(i) or isinstance(i, (np.ndarray, Traced, np.number)) for i in items):
            if any(isinstance(i, Traced) for i in items) and self.tracer.on:
                return self.op("stack", items, node)
            try:
                array = np.array([plain(i) for i in items], dtype=np.float64)
            except (TypeError, ValueError):
                raise self.refuse(node, "a ragged list (rows of different lengths)") from None
            check_size(array.shape)
            return array
        return items

    def e_Dict(self, node, scope):
        keys = [self.expr(k, scope) if k is not None else None for k in node.keys]
        if any(not isinstance(k, (str, int)) for k in keys):
            raise self.refuse(node, "dict keys must be strings or integers")
        return {k: self.expr(v, scope) for k, v in zip(keys, node.values)}

    def e_IfExp(self, node, scope):
        return self.expr(node.body if truthy(self.expr(node.test, scope)) else node.orelse, scope)

    def e_BoolOp(self, node, scope):
        value = None
        for operand in node.values:
            value = self.expr(operand, scope)
            if truthy(value) == isinstance(node.op, ast.Or):
                return value
        return value

    def e_UnaryOp(self, node, scope):
        value = self.expr(node.operand, scope)
        if isinstance(node.op, ast.Not):
            return not truthy(value)
        if isinstance(node.op, ast.UAdd):
            return value
        if is_number(value):
            return -value
        return self.op("neg", [value], node)

    def e_BinOp(self, node, scope):
        return self.binop(node.op, self.expr(node.left, scope), self.expr(node.right, scope), node)

    def binop(self, op, left, right, node):
        name, python = BINOPS[type(op)]
        left, right = (int(v) if isinstance(v, np.bool_) else v for v in (left, right))   # (j == y[i]): 0 or 1
        if is_number(left) and is_number(right):
            return self.python_arith(python, left, right, node)
        for side in (left, right):
            if not (is_number(side) or isinstance(side, (np.ndarray, Traced, np.number, Labels))):
                raise self.refuse(node, f"arithmetic on a {type(side).__name__} is not read")
        if name is None:
            raise self.refuse(node, "// and % are read on Python numbers only")
        return self.op(name, [left, right], node)

    def python_arith(self, python, left, right, node):
        if python is operator.pow and isinstance(right, int) and abs(right) > 64 and isinstance(left, int):
            left = float(left)
        try:
            value = python(left, right)
        except ZeroDivisionError:
            raise self.refuse(node, "division by zero") from None
        except OverflowError:
            raise self.refuse(node, "a number overflows") from None
        if isinstance(value, int) and abs(value) >= MAX_INT:
            raise self.refuse(node, "an integer past 2**63")
        if isinstance(value, complex):
            raise self.refuse(node, "a complex result")
        return value

    def e_Compare(self, node, scope):
        left = self.expr(node.left, scope)
        result = None
        for op, right_node in zip(node.ops, node.comparators):
            right = self.expr(right_node, scope)
            a, b = plain(left), plain(right)
            if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
                check_size(np.broadcast_shapes(np.shape(a), np.shape(b)))
            try:
                value = COMPARE[type(op)](a, b)
            except ValueError as exc:
                raise self.refuse(node, f"a comparison that NumPy refuses: {exc}") from None
            if result is not None:
                if isinstance(value, np.ndarray) or isinstance(result, np.ndarray):
                    raise self.refuse(node, "a chained comparison of arrays (write (a < b) & (b < c))")
                value = result and value
            result, left = value, right
        return result

    def e_Attribute(self, node, scope):
        base = self.expr(node.value, scope)
        if isinstance(base, Module):
            return base.attribute(node.attr, node, self)
        if node.attr == "T":
            return self.op("transpose", [base], node) if np.ndim(plain(base)) >= 2 else base
        if node.attr in ("shape", "ndim", "size"):
            arr = to_array(base, self, node)
            return {"shape": tuple(int(n) for n in arr.shape), "ndim": arr.ndim, "size": int(arr.size)}[node.attr]
        return Method(base, node.attr)

    def e_Call(self, node, scope):
        func = self.expr(node.func, scope)
        args = [self.expr(a, scope) for a in node.args]
        kwargs = {k.arg: self.expr(k.value, scope) for k in node.keywords if k.arg is not None}
        if len(kwargs) != len(node.keywords):
            raise self.refuse(node, "'**' in a call")
        if isinstance(func, Function):
            return self.call_function(func, args, kwargs, node)
        if isinstance(func, (Builtin, Method, ModuleFunction)):
            return call_value(func, args, kwargs, node, self)
        raise self.refuse(node, f"calling a {type(func).__name__} is not read")

    def e_Subscript(self, node, scope):
        return self.getitem(self.expr(node.value, scope), self.index(node.slice, scope), node)

    def e_Slice(self, node, scope):
        parts = [None if p is None else as_int(self.expr(p, scope), self, node)
                 for p in (node.lower, node.upper, node.step)]
        return slice(*parts)

    def index(self, node, scope):
        if isinstance(node, ast.Tuple):
            return tuple(self.expr(e, scope) for e in node.elts)
        return self.expr(node, scope)

    def getitem(self, base, index, node):
        if isinstance(base, dict):
            if index not in base:
                raise self.refuse(node, f"no key {index!r}")
            return base[index]
        if isinstance(base, (tuple, list, range)):
            try:
                return base[index if isinstance(index, slice) else as_int(index, self, node)]
            except IndexError:
                raise self.refuse(node, f"index {index} is out of range (length {len(base)})") from None
        return self.array_index(base, index if isinstance(index, tuple) else (index,), node)

    def array_index(self, base, items, node):
        arr = to_array(base, self, node)
        parts, advanced = [], False
        axis = 0
        for item in items:
            if item is None:
                parts.append(None)
                continue
            if isinstance(item, slice):
                parts.append(item)
            elif isinstance(item, Labels):
                size = arr.shape[axis] if axis < arr.ndim else 1
                parts.append(item.draw(size))
                advanced = True
            elif isinstance(item, (range, list)) or isinstance(plain(item), np.ndarray) and np.ndim(plain(item)):
                idx = np.asarray(list(item) if isinstance(item, range) else plain(item))
                if idx.dtype.kind not in "iub":
                    raise self.refuse(node, "an index array that is not integers or a mask")
                parts.append(idx)
                advanced = True
            else:
                parts.append(as_int(item, self, node))
            axis += 1
        index = tuple(parts)
        try:
            probe = np.broadcast_to(np.empty((), dtype=np.int8), arr.shape)[index]
        except IndexError as exc:
            raise self.refuse(node, f"an index does not fit the array of shape {arr.shape}: {exc}") from None
        check_size(probe.shape)
        if isinstance(base, Traced) and self.tracer.on:
            if any(isinstance(p, np.ndarray) and p.dtype.kind == "b" for p in parts):
                raise self.refuse(node, "a mask index on a differentiable array is not read (multiply by the "
                                        "mask instead)")
            if any(p is None for p in parts):        # np.newaxis: index without it, then a reshape
                rest = tuple(p for p in parts if p is not None)
                inner = self.array_index(base, rest, node) if rest else base
                return self.op("reshape", [inner], node, shape=probe.shape)
            if advanced:
                spec = tuple(("ints", p.shape, tuple(int(v) for v in p.ravel())) if isinstance(p, np.ndarray)
                             else ("slice", p.start, p.stop, p.step) if isinstance(p, slice) else p for p in parts)
                return self.op("take", [base], node, idx=spec)
            spec = tuple(("slice", p.start, p.stop, p.step) if isinstance(p, slice) else p for p in parts)
            return self.op("index", [base], node, idx=spec)
        value = arr[index]
        return np.array(value, dtype=value.dtype) if isinstance(value, np.ndarray) else np.asarray(value)
