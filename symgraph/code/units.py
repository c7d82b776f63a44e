"""The two conventions, read from the file alone, each run as a *unit*: one traced forward pass (a graph and
its output), the user's backward pass, and the gradient events it produced.

* a **script** (the seed): literal assignments are the point; the statements before the first gradient
  assignment are the forward pass and its last assignment the output (or ``output``);
* **layer pairs** ``NAME_forward(x, w, b) -> out, cache`` / ``NAME_backward(dout, cache) -> dx, dw, db``,
  judged against the VJP of the forward function for a random ``dout``, and **losses**
  ``NAME_loss(..) -> loss, dx, ...`` judged against the gradient of the loss.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from symgraph.code.claims import Claims, Event, snapshot
from symgraph.code.inputs import draw, feed
from symgraph.code.interp import Machine
from symgraph.code.repairs import REPAIRS
from symgraph.code.scope import CodeError, target_names
from symgraph.code.values import Budget, Traced, Tracer
from symgraph.errors import SymgraphError


@dataclass
class Unit:
    name: str                      # "script", "affine", "softmax_loss"
    kind: str                      # "script", "layer", "loss"
    output: str                    # the output's name (f, out, loss)
    graph: object = None           # the finished TGraph
    point: dict = field(default_factory=dict)
    seed: Optional[np.ndarray] = None     # the adjoint the output is seeded with (dout), None for 1
    events: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def is_literal(node) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, (int, float)) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return is_literal(node.operand)
    if isinstance(node, (ast.List, ast.Tuple)):
        return bool(node.elts) and all(is_literal(e) for e in node.elts)
    return False


class ScriptClaims(Claims):
    """The script convention: literal assignments before the first gradient become the graph's inputs."""

    def __init__(self, tracer: Tracer, output: Optional[str]):
        super().__init__(output)
        self.chosen = output
        self.tracer = tracer
        self.started = False
        self.last: Optional[str] = None
        self.output_node: Optional[int] = None
        self.module = None

    def gradient(self, name: str) -> bool:
        if not self.started:
            if self.scope is not self.module:
                return False
            self.output = self.chosen or self.last
            if not super().gradient(name):
                return False
            self.started = True
            value = self.scope.vars.get(self.output)
            if not isinstance(value, Traced):
                raise SymgraphError(f"the output {self.output!r} does not depend on an input (the forward pass "
                                    "is every statement before the first gradient assignment)")
            self.output_node = value.node
            return True
        return super().gradient(name)

    def make_input(self, name, value, stmt):
        if not self.started and self.scope is self.module and is_literal(stmt.value):
            arr = np.array(value, dtype=np.float64)
            return self.tracer.input(name, arr, span=(stmt.lineno, stmt.col_offset))
        return value

    def after(self, stmt, names, scope, machine) -> None:
        if not self.started and scope is self.module and names:
            self.last = names[-1]
        super().after(stmt, names, scope, machine)


def run_guarded(machine: Machine, claims: Claims, action, body=None, frame: str = "<module>"):
    """Run ``action``; an error inside a gradient line makes that line wrong (it does not run), not the run.
    The gradients completed before it in the same function (``body``, named ``frame``) are still judged."""
    try:
        return action(), None
    except CodeError as exc:
        stmt = machine.current
        if stmt is None or stmt is not machine.grad_stmt:
            raise
        names = [t.id for t in getattr(stmt, "targets", [getattr(stmt, "target", None)]) if isinstance(t, ast.Name)]
        scope = claims.frames.get(frame)
        if body is not None and scope is not None:
            claims.settle(scope, written_from(body, stmt))
        failure = machine.failure
        repairs = machine.repaired(stmt, claims.scope, REPAIRS)
        claims.flush(claims.scope, exc.message, stmt.lineno, names[0] if names else "?", failure, repairs)
        return None, exc


def written_from(body, stmt) -> set:
    """The names that the statements of ``body`` from ``stmt`` on write (all of an enclosing loop's
    statements, which would run again): what a run stopped at ``stmt`` left unfinished."""
    start = stmt.lineno
    for node in ast.walk(body):
        if isinstance(node, ast.For) and node.lineno <= stmt.lineno <= (node.end_lineno or node.lineno):
            start = min(start, node.lineno)
    written = set()
    for node in ast.walk(body):
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.For)) and node.lineno >= start:
            for target in getattr(node, "targets", [getattr(node, "target", None)]):
                written.update(target_names(target) if target is not None else [])
    return written


def _loss_at_stop(func: ast.FunctionDef, scope, stmt):
    """The loss a function stopped at ``stmt`` had already computed: the first name it returns, if no
    statement from ``stmt`` on would have changed it; else None."""
    returns = [n for n in ast.walk(func) if isinstance(n, ast.Return) and n.value is not None]
    if scope is None or not returns:
        return None
    value = returns[-1].value
    first = value.elts[0] if isinstance(value, ast.Tuple) and value.elts else value
    if not isinstance(first, ast.Name) or first.id in written_from(func, stmt):
        return None
    return scope.vars.get(first.id)


def run_script(source: str, tree, output: Optional[str], budget: Budget) -> Unit:
    tracer = Tracer()
    claims = ScriptClaims(tracer, output)
    machine = Machine(source, tree, claims, tracer, budget)
    claims.module = machine.globals
    claims.scope = machine.globals
    run_guarded(machine, claims, machine.run_module, tree)
    if not claims.started:
        raise SymgraphError("no gradient assignment: a script claims gradients as dNAME = ... (or grad_NAME, "
                            "NAME_grad) after its forward pass")
    unit = Unit("script", "script", claims.output, tracer.builder.finish(claims.output_node))
    unit.point = {name: tracer.point[name] for name in unit.graph.inputs}
    unit.events = claims.events
    return unit


def functions(tree) -> dict:
    return {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef)}


def find_units(tree) -> list:
    """(kind, name) for every NAME_forward with a NAME_backward, and every function with "loss" among the
    words of its name (svm_loss, softmax_loss_naive), in file order."""
    defs = functions(tree)
    units = []
    for name in defs:
        if name.endswith("_forward") and name[:-8] + "_backward" in defs:
            units.append(("layer", name[:-8]))
        elif "loss" in name.split("_"):          # svm_loss, softmax_loss_naive, loss
            units.append(("loss", name))
    return units


def _start(source, tree, budget):
    tracer = Tracer()
    claims = Claims()
    machine = Machine(source, tree, claims, tracer, budget)
    machine.run_module()
    return tracer, claims, machine


def _inputs(tracer: Tracer, values: dict) -> list:
    return [tracer.input(name, v) if isinstance(v, np.ndarray) and v.dtype.kind == "f" else v
            for name, v in values.items()]


def run_layer(source, tree, name, shapes, at, rng, budget) -> Unit:
    tracer, claims, machine = _start(source, tree, budget)
    fwd, bwd = machine.globals.vars[name + "_forward"], machine.globals.vars[name + "_backward"]
    values = feed(fwd.node, shapes, at, rng)
    claims.unit = fwd.name
    result = machine.call_function(fwd, _inputs(tracer, values))
    out, cache = (result[0], result[1]) if isinstance(result, tuple) and len(result) == 2 else (result, None)
    if not isinstance(out, Traced):
        raise SymgraphError(f"{fwd.name} must return out (or out, cache) computed from its inputs")
    dout = draw(out.value.shape, rng)
    claims.known = dict(claims.left.get(fwd.name, {}))
    claims.unit, claims.events = bwd.name, []
    tracer.on = False
    grads, _ = run_guarded(machine, claims, lambda: machine.call_function(bwd, [dout, cache]), bwd.node,
                           bwd.name)
    unit = Unit(name, "layer", "out", tracer.builder.finish(out.node), seed=dout)
    unit.point = {n: tracer.point[n] for n in unit.graph.inputs}
    unit.events = claims.events + returned(claims, bwd.name, grads, [a.arg for a in fwd.node.args.args],
                                           unit.graph)
    return unit


def run_loss(source, tree, name, shapes, at, rng, budget) -> Unit:
    tracer, claims, machine = _start(source, tree, budget)
    func = machine.globals.vars[name]
    values = feed(func.node, shapes, at, rng)
    claims.unit = name
    result, stopped = run_guarded(machine, claims, lambda: machine.call_function(func, _inputs(tracer, values)),
                                  func.node, name)
    if stopped is not None:
        loss = _loss_at_stop(func.node, claims.frames.get(name), machine.current)
        if not isinstance(loss, Traced) or loss.value.shape != ():
            raise stopped             # the loss itself is not complete: the line's error is the run's
    else:
        loss = result[0] if isinstance(result, tuple) else result
    if not isinstance(loss, Traced):
        raise SymgraphError(f"{name} must return the loss (a number computed from its inputs) first")
    if loss.value.shape != ():
        raise SymgraphError(f"{name} must return the loss (a number) first: its first result has shape "
                            f"{tuple(loss.value.shape)} (a scalar input is given as NAME=() in --shapes)")
    unit = Unit(name, "loss", "loss", tracer.builder.finish(loss.node))
    unit.point = {n: tracer.point[n] for n in unit.graph.inputs}
    params = [a.arg for a in func.node.args.args if a.arg in unit.graph.inputs]
    unit.events = claims.events + returned(claims, name, result[1:] if isinstance(result, tuple) else None,
                                           params, unit.graph)
    return unit


def returned(claims: Claims, func: str, values, params: list, graph) -> list:
    """Returned gradients not already judged by name: matched to the parameters by name, else by position."""
    if values is None:
        return []
    stmt = claims.returns.get(func)
    exprs = list(stmt.value.elts[-len(values):]) if stmt is not None and isinstance(stmt.value, ast.Tuple) else []
    if not isinstance(values, tuple):
        values, exprs = (values,), [stmt.value] if stmt is not None else []
    judged = {(e.var, e.unit) for e in claims.events}
    line = stmt.lineno if stmt is not None else 0
    events = []
    for i, value in enumerate(values):
        if isinstance(value, dict):
            pairs = [(k, v, f"{exprs[i].id if i < len(exprs) and isinstance(exprs[i], ast.Name) else 'grads'}"
                      f"[{k!r}]") for k, v in value.items()]
        else:
            name = exprs[i].id if i < len(exprs) and isinstance(exprs[i], ast.Name) else None
            var = claims.variable(name, None) if name else None
            var = var if var in params else params[i] if i < len(params) else None
            if name is None and i < len(exprs):     # an expression of a gradient (dW / N): judged as returned
                var, judged = _returned_expression(claims, func, exprs[i], var, params, judged)
            pairs = [(var, value, name or f"d{var}")]
        for var, v, text in pairs:
            if var in graph.inputs and (var, func) not in judged:
                events.append(Event(text, var, graph.inputs[var], snapshot(v), [line], set(), func))
    return events


def _returned_expression(claims: Claims, func: str, expr, var, params: list, judged: set):
    """``return loss, dW / N``: the returned value is the claim about W (matched by the gradient it reads),
    and the variable's own value, read only to be returned, is not judged on its own."""
    inside = {n.id for n in ast.walk(expr) if isinstance(n, ast.Name)}
    read = [e for e in claims.events if e.unit == func and e.name in inside and e.var in params]
    if read:
        var = read[-1].var
        claims.events.remove(read[-1])
        judged = judged - {(var, func)}
    return var, judged
