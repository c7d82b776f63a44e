"""The interpreter: runs a whitelisted syntax tree (safety.py) statement by statement at concrete values.

Nothing is compiled or executed by Python: every statement and expression node is read here and in
exprs.py. A ``Watch`` (claims.py and the conventions in units.py) sees each statement before and after it
runs, decides which names are gradients (their right-hand sides run untraced: the user's backward pass is
judged, never differentiated) and turns literal assignments of a script into the graph's inputs.
"""
from __future__ import annotations

import ast

import numpy as np

from symgraph.code.calls import Function, Module
from symgraph.code.scope import CodeError, Return, Scope, Watch, target_names
from symgraph.code.exprs import Expressions
from symgraph.code.safety import offset, refuse
from symgraph.code.source_lines import SourceLines
from symgraph.code.values import MAX_DEPTH, Budget, Traced, Tracer, TShapeError, plain, truthy
from symgraph.errors import LimitError, SymgraphError

BREAK, CONTINUE = object(), object()


class Machine(Expressions):
    def __init__(self, source: str, tree: ast.Module, watch: Watch | None = None, tracer: Tracer | None = None,
                 budget: Budget | None = None):
        self.source, self.tree = source, tree
        self.lines = SourceLines(source)     # each statement's code as written, from offsets found once
        self.watch = watch or Watch()
        self.tracer = tracer or Tracer()
        self.budget = budget or Budget()
        self.globals = Scope()
        self.depth = 0
        self.current = None          # the statement running now
        self.grad_stmt = None        # the latest statement that assigns a gradient (it runs untraced)
        self.failure = None          # (op, operand values) of the latest shape error
        self.fix = None              # while a failing line is re-read: (op, operand values) -> a value, or None

    def refuse(self, node, message: str, cls=None) -> SymgraphError:
        return refuse(self.source, node, message, cls or CodeError)

    def op(self, name, args, node, **params):
        try:
            return self.tracer.apply(name, list(args), span=(node.lineno, node.col_offset), **params)
        except TShapeError as exc:
            fixed = self.fix(name, [plain(a) for a in args]) if self.fix is not None else None
            if fixed is not None:
                return fixed
            self.failure = (name, [plain(a) for a in args])
            raise self.refuse(node, exc.message) from None
        except LimitError as exc:
            raise self.refuse(node, exc.message, LimitError) from None

    # --- statements ----------------------------------------------------------------------------------------

    def run_module(self) -> None:
        self.block(self.tree.body, self.globals)
        self.watch.leave(self.globals, self)

    def block(self, stmts, scope):
        for stmt in stmts:
            signal = self.statement(stmt, scope)
            if signal is not None:
                return signal
        return None

    def statement(self, stmt, scope):
        try:
            self.budget.tick()
        except LimitError as exc:
            raise self.refuse(stmt, exc.message, LimitError) from None
        self.current = stmt
        kind = type(stmt).__name__
        if isinstance(stmt, (ast.Assign, ast.AugAssign, ast.Return, ast.Expr)):
            self.watch.before(stmt, scope, self)
        try:
            return getattr(self, "s_" + kind)(stmt, scope)
        except SymgraphError as exc:
            if exc.column is None:    # a limit or a refusal deep in a call (np.zeros too big): this statement's
                exc.source, exc.column = self.source, offset(self.source, stmt)
            raise

    def s_Import(self, stmt, scope):
        for alias in stmt.names:
            scope.vars[alias.asname or alias.name] = Module(alias.name)

    def s_FunctionDef(self, stmt, scope):
        scope.vars[stmt.name] = Function(stmt, scope)

    def s_Pass(self, stmt, scope):
        return None

    def s_Break(self, stmt, scope):
        return BREAK

    def s_Continue(self, stmt, scope):
        return CONTINUE

    def s_Expr(self, stmt, scope):
        self.expr(stmt.value, scope)

    def s_Return(self, stmt, scope):
        return Return(None if stmt.value is None else self.expr(stmt.value, scope))

    def s_If(self, stmt, scope):
        return self.block(stmt.body if truthy(self.expr(stmt.test, scope)) else stmt.orelse, scope)

    def s_For(self, stmt, scope):
        loop = self.expr(stmt.iter, scope)
        for value in loop:
            try:
                self.budget.tick()
            except LimitError as exc:
                raise self.refuse(stmt, exc.message, LimitError) from None
            self.assign(stmt.target, value, scope)
            signal = self.block(stmt.body, scope)
            if signal is BREAK:
                break
            if isinstance(signal, Return):
                return signal
        return None

    def traced_unless_gradient(self, stmt, names):
        if any(self.watch.gradient(n) for n in names):
            self.grad_stmt = stmt
            return False
        return True

    def s_Assign(self, stmt, scope):
        names = [n for t in stmt.targets for n in target_names(t)]
        untraced = not self.traced_unless_gradient(stmt, names)
        was, self.tracer.on = self.tracer.on, self.tracer.on and not untraced
        try:
            value = self.expr(stmt.value, scope)
        finally:
            self.tracer.on = was
        if len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            value = self.watch.make_input(stmt.targets[0].id, value, stmt)
        for target in stmt.targets:
            self.assign(target, value, scope)
        self.watch.after(stmt, names, scope, self)

    def s_AugAssign(self, stmt, scope):
        names = target_names(stmt.target)
        untraced = not self.traced_unless_gradient(stmt, names)
        was, self.tracer.on = self.tracer.on, self.tracer.on and not untraced
        try:
            self.augment(stmt, scope)
        finally:
            self.tracer.on = was
        self.watch.after(stmt, names, scope, self)

    def augment(self, stmt, scope):
        target = stmt.target
        right = self.expr(stmt.value, scope)
        if isinstance(target, ast.Name):
            current = scope.lookup(target.id, target, self)
            new = self.binop(stmt.op, current, right, stmt)
            if (type(current) is np.ndarray and isinstance(new, np.ndarray) and new.shape == current.shape
                    and np.can_cast(new.dtype, current.dtype, "same_kind")):
                current[...] = new           # in place, as NumPy does: an alias sees the update
            else:
                scope.vars[target.id] = new
        elif isinstance(target, ast.Subscript):
            base = self.expr(target.value, scope)
            index = self.index(target.slice, scope)
            new = self.binop(stmt.op, self.getitem(base, index, target), right, stmt)
            self.setitem(target, base, index, new, scope)
        else:
            raise self.refuse(target, "this assignment target is not read")

    def repaired(self, stmt, scope, fixes) -> list:
        """(label, value) of a gradient line that stopped, re-read (untraced) with each fix of its failing op."""
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)):
            return []
        out, was = [], self.tracer.on
        self.tracer.on = False
        try:
            for label, fix in fixes:
                self.fix = fix
                try:
                    out.append((label, plain(self.expr(stmt.value, scope))))
                except SymgraphError:
                    continue
        finally:
            self.fix, self.tracer.on = None, was
        return out

    # --- binding -------------------------------------------------------------------------------------------

    def assign(self, target, value, scope):
        if isinstance(target, ast.Name):
            scope.vars[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = plain(value) if not isinstance(value, (tuple, list)) else value
            if isinstance(items, np.ndarray):
                items = list(items) if items.ndim else None
            if not isinstance(items, (tuple, list)) or len(items) != len(target.elts):
                count = len(items) if isinstance(items, (tuple, list)) else "no"
                raise self.refuse(target, f"{len(target.elts)} names to unpack, but {count} values")
            for t, v in zip(target.elts, items):
                self.assign(t, v, scope)
        elif isinstance(target, ast.Subscript):
            base = self.expr(target.value, scope)
            self.setitem(target, base, self.index(target.slice, scope), value, scope)
        else:
            raise self.refuse(target, "this assignment target is not read")

    def setitem(self, target, base, index, value, scope):
        if isinstance(base, dict):
            if not isinstance(index, (str, int)):
                raise self.refuse(target, "dict keys must be strings or integers")
            base[index] = value
            return
        if isinstance(base, Traced) and self.tracer.on:
            self.assign_traced(target, base, index, value, scope)
            return
        if isinstance(base, Traced):
            base = np.array(base.value)                  # the backward pass edits its own copy
            if not isinstance(target.value, ast.Name):
                raise self.refuse(target, "this assignment target is not read")
            scope.vars[target.value.id] = base
        if not isinstance(base, np.ndarray):
            raise self.refuse(target, f"assigning into a {type(base).__name__} is not read")
        items = index if isinstance(index, tuple) else (index,)
        try:
            base[self.index_parts(base, items, target)] = plain(value)
        except (ValueError, IndexError, TypeError) as exc:
            raise self.refuse(target, f"NumPy refuses this assignment: {exc}") from None

    def assign_traced(self, target, base, index, value, scope):
        """``a[mask] = c`` on a differentiable array: a * (1 - M) + C, with M the hit entries and C the
        constant there; ``a`` is rebound to the new node (a differentiable right-hand side is refused)."""
        if isinstance(value, Traced) or not isinstance(target.value, ast.Name):
            raise self.refuse(target, "assigning a differentiable value into an array is not read")
        items = index if isinstance(index, tuple) else (index,)
        where = self.index_parts(base.value, items, target)
        hit, fill = np.zeros(base.value.shape), np.zeros(base.value.shape)
        try:
            hit[where] = 1.0
            fill[where] = plain(value)
        except (ValueError, IndexError, TypeError) as exc:
            raise self.refuse(target, f"NumPy refuses this assignment: {exc}") from None
        kept = self.op("mul", [base, 1.0 - hit], target)
        scope.vars[target.value.id] = self.op("add", [kept, fill], target) if np.any(fill) else kept

    def index_parts(self, arr, items, node) -> tuple:
        parts, axis = [], 0
        for item in items:
            item = item.draw(arr.shape[axis] if axis < arr.ndim else 1) if hasattr(item, "draw") else item
            item = np.arange(item.start, item.stop, item.step) if isinstance(item, range) else plain(item)
            parts.append(item)
            axis += item is not None
        return tuple(parts)

    # --- the file's functions ------------------------------------------------------------------------------

    def call_function(self, func: Function, args, kwargs=None, node=None):
        kwargs = kwargs or {}
        spec = func.node.args
        params = [a.arg for a in spec.args]
        if len(args) > len(params) or any(k not in params for k in kwargs):
            raise self.refuse(node or func.node, f"{func.name}() takes the parameters {', '.join(params)}")
        if self.depth >= MAX_DEPTH:
            raise self.refuse(node or func.node, f"calls nest deeper than {MAX_DEPTH} (the depth limit)")
        scope = Scope(func.scope, func.name)
        defaults = dict(zip(params[len(params) - len(spec.defaults):], spec.defaults))
        for i, name in enumerate(params):
            if i < len(args):
                scope.vars[name] = args[i]
            elif name in kwargs:
                scope.vars[name] = kwargs[name]
            elif name in defaults:
                scope.vars[name] = self.expr(defaults[name], scope)
            else:
                raise self.refuse(node or func.node, f"{func.name}() is missing the argument {name!r}")
        self.depth += 1
        try:
            signal = self.block(func.node.body, scope)
            self.watch.leave(scope, self)
        finally:
            self.depth -= 1
        return signal.value if isinstance(signal, Return) else None
