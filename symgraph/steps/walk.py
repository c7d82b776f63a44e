"""The derivation of one expression, node by node: forward mode done symbolically over the graph.

Each node's derivative with respect to the chosen input is the sum over its in-edges of (local partial)
× (the input's derivative), the same loop as forward mode; the local partials come from the row's
``symbolic_partials``, and the rule a step names is the row's ``rule``. ``tangents`` takes a ``mutate``
hook, so that the mistake catalog (judging/diagnose.py) re-runs exactly this walk with one rule applied
wrongly at one node.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Optional

import sympy

from symgraph.core.lower import Graph
from symgraph.core.primitives import PRIMITIVES
from symgraph.steps.forms import LINEAR, TEXTBOOK, form_key, general_form, paren, rule_of

SIMPLIFY_OPS = 80      # SymPy's simplify only on derivatives up to this many operations (it can be slow)


@dataclass
class Step:
    rule: str                       # the row's rule (or "local partial", "chain rule along paths")
    node: str                       # the node (or statement) differentiated
    expression: str                 # what is differentiated, in the inputs (or in the named steps)
    derivative: str                 # its derivative, simplified
    combined: str = ""              # the rule instantiated, before simplifying
    form: Optional[str] = None      # the rule's general form, on its first use only
    chain: Optional[dict] = None    # {"u": inner function, "du": its derivative} when the chain rule applies
    rules: list = field(default_factory=list)   # every rule named at this step, chain rule first
    wrt: str = ""
    value: Optional[float] = None   # the derivative's value at the point (from the graph)
    exact: Optional[str] = None     # ... exactly, when --exact found a short exact form
    folded: bool = False            # --detail brief hides it (sum and constant rules)
    key: str = ""                   # which general form it uses
    node_id: int = -1
    symbolic: object = field(default=None, repr=False, compare=False)   # the derivative, as SymPy

    def to_dict(self) -> dict:
        out = {"rule": self.rule, "rules": self.rules, "node": self.node, "expression": self.expression,
               "derivative": self.derivative, "combined": self.combined, "form": self.form,
               "chain": self.chain, "wrt": self.wrt}
        if self.value is not None:
            out["value"] = self.value
        if self.exact is not None:
            out["exact"] = self.exact
        return out


class Partials:
    """Local partials of a node as SymPy expressions of its inputs' expressions. SymPy differentiates
    each (op, constant) once, with placeholder symbols, so ``x*x`` gets (x, x), never diff(x*x, x) twice."""

    def __init__(self):
        self._templates: dict = {}

    def __call__(self, node, args: list) -> tuple:
        key = (node.op, node.exact)
        if key not in self._templates:
            slots = tuple(sympy.Dummy(f"a{i}") for i in range(len(args)))
            self._templates[key] = (slots, PRIMITIVES[node.op].symbolic_partials(slots, node.exact))
        slots, partials = self._templates[key]
        table = dict(zip(slots, args))
        return tuple(p.xreplace(table) for p in partials)


Mutate = Callable[[object, list], Optional[sympy.Expr]]


def tangents(graph: Graph, exprs: list, wrt_id: int, upto: int, partials: Partials | None = None,
             mutate: Mutate | None = None, tidy=None, prefix: list | None = None) -> list:
    """d(node)/d(wrt) for nodes 0..upto as SymPy expressions. ``mutate(node, ds)`` may return a
    replacement derivative for a node (one rule applied wrongly, ``ds`` the derivatives so far); ``tidy``
    simplifies each; ``prefix`` holds derivatives already known for the first nodes (they are kept)."""
    partials = partials or Partials()
    ds: list = list(prefix or [])
    for node in graph.nodes[len(ds): upto + 1]:
        d = mutate(node, ds) if mutate else None
        if d is None:
            d = _derivative(node, exprs, ds, wrt_id, partials)
        ds.append(tidy(d) if tidy and node.inputs else d)
    return ds


def _derivative(node, exprs: list, ds: list, wrt_id: int, partials: Partials) -> sympy.Expr:
    """Σ over in-edges of (local partial)·(the input's derivative): one step of forward mode."""
    if node.id == wrt_id:
        return sympy.Integer(1)
    if not node.inputs or all(ds[i] == 0 for i in node.inputs):
        return sympy.Integer(0)
    local = partials(node, [exprs[i] for i in node.inputs])
    return sympy.Add(*[l * ds[i] for l, i in zip(local, node.inputs) if ds[i] != 0])


def tidy(expr: sympy.Expr) -> sympy.Expr:
    """Simplified when SymPy can do it cheaply; as is otherwise (the caller's time budget bounds it)."""
    if sympy.count_ops(expr) > SIMPLIFY_OPS:
        return expr
    simple = sympy.simplify(expr)
    best = expr
    for form in (simple, sympy.factor(simple), sympy.together(expr)):
        # A shorter form that brings in new functions (cosh for sigmoid's exp) reads less like the rule.
        new = {type(f) for f in form.atoms(sympy.Function)} - {type(f) for f in expr.atoms(sympy.Function)}
        if not new and sympy.count_ops(form) < sympy.count_ops(best):
            best = form
    return best


def relevant(graph: Graph, wrt_id: int, out_id: int) -> list:
    """Operation nodes on a path from the input to the output, in topological order."""
    feeds = {out_id}
    for node in reversed(graph.nodes[: out_id + 1]):
        if node.id in feeds:
            feeds.update(node.inputs)
    depends = {wrt_id}
    for node in graph.nodes[wrt_id + 1: out_id + 1]:
        if any(u in depends for u in node.inputs):
            depends.add(node.id)
    return [k for k in sorted(feeds & depends) if graph.nodes[k].inputs]


def rule_steps(graph: Graph, wrt: str, exprs: list, ds: list, out_id: int, partials: Partials, tidy=None) -> list:
    """One Step per operation node between the input ``wrt`` and the output (``tidy`` simplifies the
    derivatives written in the rows' own calls, when a row has them)."""
    steps, shown = [], set()
    pretty = written_exprs(graph, exprs, display=True)    # for the eye only: sigmoid(u), not 1/(1 + exp(-u))
    text = [sympy.sstr(e, order="none") for e in pretty]
    path = relevant(graph, graph.inputs[wrt], out_id)
    # σ'(u) written σ(u)·(1 - σ(u)) as the seed does: the derivatives as the rows write them (same values)
    written_ds = shown_tangents(graph, exprs, graph.inputs[wrt], out_id, tidy) \
        if any(PRIMITIVES[graph.nodes[k].op].dshow for k in path) else ds
    for k in path:
        node = graph.nodes[k]
        rule = rule_of(node.op)
        args = [exprs[i] for i in node.inputs]
        inner = [written_ds[i] for i in node.inputs]
        partials(node, args)                      # SymPy's template first, with evaluation on
        prim = PRIMITIVES[node.op]
        with sympy.evaluate(False):               # then the local partials in the inputs as written
            local = prim.dshow(*[pretty[i] for i in node.inputs], node.exact) if prim.dshow else \
                partials(node, [pretty[i] for i in node.inputs])
        chain = None
        if len(args) == 1 and rule not in LINEAR and graph.nodes[node.inputs[0]].op != "input":
            chain = {"u": text[node.inputs[0]], "du": sympy.sstr(inner[0])}
        key = form_key(node.op)
        forms = [general_form(node.op)] if key not in shown else []
        if chain and "chain rule" not in shown:
            forms.insert(0, TEXTBOOK["chain rule"])
            shown.add("chain rule")
        shown.add(key)
        steps.append(Step(rule=rule, node=node.name, expression=text[k],
                          derivative=sympy.sstr(written_ds[k]),
                          combined=combined(rule, [pretty[i] for i in node.inputs], inner, local),
                          form="; ".join(forms) or None, chain=chain,
                          rules=(["chain rule"] if chain else []) + [rule], wrt=wrt,
                          folded=rule in LINEAR, key=key, symbolic=ds[k], node_id=k))
    return steps


def shown_tangents(graph: Graph, exprs: list, wrt_id: int, upto: int, tidy=None) -> list:
    """The walk of ``tangents`` with each row's written partials (``dshow``: σ(u)·(1 - σ(u)) for sigmoid)
    and its nodes as the table's calls (``sigmoid(u)``, opaque to SymPy): the same derivatives, written as
    a worked solution writes them."""
    calls: list = []
    ds: list = []
    partials = Partials()
    for node in graph.nodes[: upto + 1]:
        if not node.inputs:
            calls.append(exprs[node.id])
            ds.append(sympy.Integer(1 if node.id == wrt_id else 0))
            continue
        prim = PRIMITIVES[node.op]
        args = [calls[i] for i in node.inputs]
        call = _table_call(node, args) if prim.dshow else None
        calls.append(call if call is not None else prim.sym(*args, node.exact))
        if all(ds[i] == 0 for i in node.inputs):
            ds.append(sympy.Integer(0))
            continue
        local = prim.dshow(*args, node.exact) if prim.dshow else partials(node, args)
        d = sympy.Add(*[l * ds[i] for l, i in zip(local, node.inputs) if ds[i] != 0])
        ds.append(tidy(d) if tidy else d)
    return ds


def combined(rule: str, args: list, inner: list, local: tuple) -> str:
    """The rule with this node's u, v, u', v' put in, before any simplification."""
    if len(args) == 2:
        u, v, du, dv = tuple(paren(a, "none") for a in args) + tuple(paren(a) for a in inner)
        template = {"sum rule": "{du} + {dv}", "difference rule": "{du} - {dv}",
                    "product rule": "{du}·{v} + {u}·{dv}",
                    "quotient rule": "({du}·{v} - {u}·{dv})/{v}²",
                    "general power rule": "{u}^{v}·({dv}·log({u}) + {v}·{du}/{u})"}.get(rule)
        if template:
            return template.format(u=u, v=v, du=du, dv=dv)
    used = [(l, di) for l, di in zip(local, inner) if di != 0]
    if len(used) == 1 and used[0][1] == 1:
        return sympy.sstr(used[0][0], order="none")
    return " + ".join(paren(l, "none") if di == 1 else f"{paren(l, 'none')}·{paren(di)}" for l, di in used) or "0"


WRITTEN_LIMIT = 300     # nodes; beyond it the evaluated forms are shown (SymPy's unevaluated printing recurses)


def written(graph: Graph, exprs: list, by_name: bool = False) -> list:
    """Each node's expression as written, not as SymPy evaluates it: ``(3*x)**2``, not ``9*x**2``."""
    return [sympy.sstr(e, order="none") for e in written_exprs(graph, exprs, by_name, display=True)]


def written_exprs(graph: Graph, exprs: list, by_name: bool = False, display: bool = False) -> list:
    """The unevaluated SymPy forms behind ``written``; ``by_name``: a named step used by a later node
    appears under its name (``f = g1 - 4*g2``), as the user's statements read. ``display``: forms only
    to be printed, with the table's function names (``sigmoid(x)``, ``max(x, y)``, ``log(x, 2)``, not
    SymPy's ``1/(1 + exp(-x))``, ``Max(x, y)``, ``log(x)/log(2)``) and the constant e as ``e``, not ``E``."""
    if len(graph.nodes) > WRITTEN_LIMIT:
        return list(exprs)
    shown: list = []
    with sympy.evaluate(False):
        for node in graph.nodes:
            if node.inputs:
                args = [sympy.Symbol(graph.nodes[i].names[0]) if by_name and graph.nodes[i].names and
                        graph.nodes[i].inputs else shown[i] for i in node.inputs]
                as_call = _table_call(node, args) if display else None
                param = sympy.Symbol("e") if display and node.exact == sympy.E else node.exact    # e**x
                shown.append(as_call if as_call is not None else PRIMITIVES[node.op].sym(*args, param))
            else:
                shown.append(sympy.Symbol("e") if display and exprs[node.id] == sympy.E else exprs[node.id])
    return shown


def _table_call(node, args: list):
    """The node as a call of the table's name (``sigmoid(u)``) when the row writes it as a call and SymPy's
    counterpart reads otherwise; None when SymPy's form is already what the user wrote (``sin(u)``)."""
    prim = PRIMITIVES[node.op]
    names = [f"_arg{k}" for k in range(len(args))]
    param = sympy.sstr(node.exact) if node.exact is not None else None
    call = re.match(r"([A-Za-z_][A-Za-z0-9_]*)\(", prim.written(names, param))
    if call is None or sympy.sstr(prim.sym(*map(sympy.Symbol, names), node.exact)) == prim.written(names, param):
        return None
    extra = [sympy.Symbol(node.param_text or param)] if "{p}" in prim.show else []     # 0.2 as written
    return sympy.Function(call.group(1))(*args, *extra)
