"""``steps`` on a tensor program: the matrix-calculus derivation rule by rule, in denominator layout (the
gradient df/dX has the shape of X).

Reverse mode, symbolically: every node's adjoint is composed from its consumers' rows, each row's VJP rule
text (``TensorOp.rules``, parsed by our own tensor parser) with the arguments' expressions put in; the
composed form is simplified as it is built (symbolic.py) and then verified: evaluated with NumPy at the
point (random values when only shapes are given) against central differences of the forward pass and
against reverse mode. A rule with no form in the language (relu's mask, an index's scatter) is shown as it
is and leaves the gradient unverified (never guessed)."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from symgraph.errors import PointError, SymgraphError
from symgraph.tensor import modes, symbolic as S
from symgraph.tensor.build import build_graph
from symgraph.tensor.evaluate import evaluate
from symgraph.tensor.parser import parse_program
from symgraph.tensor.table import FUNCTIONS, OPS, rule_text

LAYOUT = "denominator layout: df/dX has the shape of X (the gradient, not the Jacobian's row)"
_BINARY = {"+": S.add, "-": S.sub, "*": S.mul, "/": S.div, "**": S.power, "@": S.matmul}
RTOL_FD, RTOL_REVERSE = 1e-6, 1e-9


@dataclass
class TStep:
    node: str               # the node whose adjoint is passed on
    forward: str            # its definition: v2 = x.T @ A
    matrix_rule: str        # the row's matrix-calculus rule
    rules: list             # per argument that takes a gradient: the VJP rule with the names filled in
    contributions: list     # per argument: (name, composed contribution text)


@dataclass
class TGradient:
    name: str
    shape: tuple
    form: str                # the composed and simplified gradient
    closed: bool             # False: a rule had no form in the language
    checks: list = field(default_factory=list)    # (name, left side, right side, max error, ok)

    @property
    def ok(self) -> bool:
        return all(c[4] for c in self.checks)


@dataclass
class TensorSteps:
    source: str
    output: str
    shapes: dict
    layout: str
    steps: list
    gradients: list
    values_from: str

    @property
    def ok(self) -> bool:
        return all(g.ok for g in self.gradients)

    def to_dict(self) -> dict:
        return {"schema": "symgraph.tensor-steps/1", "expression": self.source, "output": self.output,
                "layout": self.layout, "shapes": {k: list(v) for k, v in self.shapes.items()},
                "steps": [{"node": s.node, "forward": s.forward, "matrix_rule": s.matrix_rule, "rules": s.rules,
                           "contributions": [{"to": n, "adjoint": t} for n, t in s.contributions]}
                          for s in self.steps],
                "gradients": [{"wrt": g.name, "shape": list(g.shape), "form": g.form, "closed_form": g.closed,
                               "checks": [{"name": c[0], "lhs": c[1], "rhs": c[2], "max_rel_err": c[3], "ok": c[4]}
                                          for c in g.checks], "ok": g.ok} for g in self.gradients],
                "values": self.values_from, "ok": self.ok}

    def to_text(self) -> str:
        from symgraph.views import render

        return render("tensor_steps", self)

    def __str__(self) -> str:
        return self.to_text()


def _forward(graph, i: int, fwd: list) -> S.Sym:
    node = graph.nodes[i]
    if node.op == "input":
        return S.var(node.name, node.shape)
    if node.op == "const":
        c = graph.consts[i]
        return S.num(float(c)) if np.ndim(c) == 0 else S.opaque(f"a constant {np.shape(c)}", node.shape)
    args = [fwd[a] for a in node.args]
    simple = {"add": S.add, "sub": S.sub, "mul": S.mul, "div": S.div, "pow": S.power, "matmul": S.matmul,
              "dot": S.matmul}
    if node.op in simple:
        return simple[node.op](*args)
    if node.op == "neg":
        return S.neg(args[0])
    if node.op == "transpose":
        return S.transpose(args[0])
    return S.fn(node.op, tuple(args), node.params)


_SIGN = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**", "matmul": "@"}


def _written(graph, i: int) -> str:
    """The node as written over its arguments' names: v3 = v1 @ A, v1 = x.T, f = sum(v6, axis=0)."""
    node, names = graph.nodes[i], [graph.node_name(a) for a in graph.nodes[i].args]
    if node.op in _SIGN:
        return f"{names[0]} {_SIGN[node.op]} {names[1]}"
    if node.op == "neg":
        return f"-{names[0]}"
    if node.op == "transpose":
        return f"{names[0]}.T"
    extra = "".join(f", {k}={v}" for k, v in node.params)
    return f"{node.op}({', '.join(names)}{extra})"


def _from_ast(ast, env: dict) -> S.Sym:
    """A rule's right side (parsed) as a Sym: ARGk, OUT and adj(OUT) from ``env``, the rest from the table."""
    kind = ast[0]
    if kind == "num":
        return S.num(ast[1])
    if kind == "name":
        if ast[1] not in env:
            raise KeyError(ast[1])
        return env[ast[1]]
    if kind == "neg":
        return S.neg(_from_ast(ast[1], env))
    if kind == "bin":
        return _BINARY[ast[1]](_from_ast(ast[2], env), _from_ast(ast[3], env))
    if kind == "call" and ast[1] == "adj":
        return env["adj"]
    if kind == "call" and ast[1] == "broadcast":
        return S.bcast(_from_ast(ast[2][0], env), env["ARG"].shape)
    if kind == "call" and ast[1] == "transpose":
        return S.transpose(_from_ast(ast[2][0], env))
    if kind == "call" and ast[1] in FUNCTIONS and not ast[3]:
        return S.fn(FUNCTIONS[ast[1]], tuple(_from_ast(a, env) for a in ast[2]))
    raise KeyError(ast[1])


def _contribution(graph, i: int, k: int, template: str, fwd: list, adj: S.Sym) -> tuple:
    """(sign, Sym) of node i's contribution to its argument k, from the row's rule text."""
    node, a = graph.nodes[i], graph.nodes[i].args[k]
    head, op, rhs = template.partition("+=") if "+=" in template else template.partition("-=")
    sign = 1 if op == "+=" else -1
    env = {f"ARG{j}": fwd[b] for j, b in enumerate(node.args)}
    env.update(OUT=fwd[i], adj=adj, ARG=fwd[a])
    if "mean" == node.op:
        env["n"] = S.num(int(np.prod(graph.nodes[a].shape)) // max(1, int(np.prod(node.shape))))
    text = rhs.strip().format(*(f"ARG{j}" for j in range(len(node.args))), out="OUT")
    filled = head.strip() == f"adj({{{k}}})"
    along = node.kw.get("axis") is not None and len(graph.nodes[a].shape) > 1   # the rule's sum is along an axis
    try:
        if not filled or along:
            raise KeyError(head)
        (_, ast, _), = parse_program(text)
        part = _from_ast(ast, env)
        return sign, S.reduce_to(part, graph.nodes[a].shape)
    except (KeyError, SymgraphError, ValueError):
        names = [graph.node_name(b) for b in node.args]
        shapes = [graph.nodes[b].shape for b in node.args]
        shown = rule_text(OPS[node.op], k, names, graph.node_name(i), shapes, node.kw)
        return sign, S.opaque(shown.partition("= ")[2] if filled else shown, graph.nodes[a].shape)


def derive(source: str, shapes: dict, wrt=None, point=None, seed: int = 0) -> TensorSteps:
    """The derivation of ``source`` at the input ``shapes`` (``point``: the values of the checks, else random
    values drawn with ``seed``)."""
    graph = build_graph(source, tuple(sorted(shapes.items())))
    if graph.nodes[graph.output].shape != ():
        raise SymgraphError(f"the output has shape {graph.nodes[graph.output].shape}; steps needs a scalar output "
                            "(wrap it in sum(...) or mean(...))")
    wrt = [w for w in (wrt or graph.inputs) if w not in graph.labels()]
    for w in wrt:
        if w not in graph.inputs:
            raise PointError(f"--wrt {w}: the program has no input {w} (its inputs: {', '.join(graph.inputs)})")
    fwd: list = []
    for i in range(len(graph.nodes)):
        fwd.append(_forward(graph, i, fwd))
    need = modes.needed(graph, wrt)
    adj: list = [None] * len(graph.nodes)
    adj[graph.output] = S.num(1.0) if graph.nodes[graph.output].shape == () else S.bcast(
        S.num(1.0), graph.nodes[graph.output].shape)
    steps = []
    for i in range(graph.output, -1, -1):
        node = graph.nodes[i]
        if adj[i] is None or node.op in ("input", "const"):
            continue
        row = OPS[node.op]
        names = [graph.node_name(b) for b in node.args]
        shapes_i = [graph.nodes[b].shape for b in node.args]
        templates = row.rule_texts(*shapes_i)
        rules, parts = [], []
        for k, a in enumerate(node.args):
            if not need[a] or k in row.labels:
                continue
            rules.append(rule_text(row, k, names, graph.node_name(i), shapes_i, node.kw))
            sign, part = _contribution(graph, i, k, templates[k], fwd, adj[i])
            adj[a] = (part if sign > 0 else S.neg(part)) if adj[a] is None else (
                S.add(adj[a], part) if sign > 0 else S.sub(adj[a], part))
            parts.append((graph.node_name(a), part.text if sign > 0 else "-" + part.text))
        shown = f"{graph.node_name(i)} = {_written(graph, i)}"
        if fwd[i].text != _written(graph, i):
            shown += f" = {fwd[i].text}"
        steps.append(TStep(graph.node_name(i), shown, row.matrix_rule, rules, parts))
    values_from = "the point (--at)" if point is not None else f"random values (seed {seed}) at the shapes given"
    point = point if point is not None else _random_point(graph, seed)
    grads = [_verify(graph, w, adj[graph.inputs[w]], point, wrt) for w in wrt]
    return TensorSteps(source, graph.node_name(graph.output), {n: graph.nodes[i].shape for n, i in
                       graph.inputs.items()}, LAYOUT, steps, grads, values_from)


def _random_point(graph, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {n: rng.uniform(0.5, 1.5, graph.nodes[i].shape) for n, i in graph.inputs.items()}


def _rel(a, b) -> float:
    scale = max(1.0, float(np.max(np.abs(b))) if np.size(b) else 1.0)
    return float(np.max(np.abs(np.asarray(a) - np.asarray(b)))) / scale if np.size(b) else 0.0


def _verify(graph, w: str, form, point: dict, wrt: list) -> TGradient:
    i = graph.inputs[w]
    shape = graph.nodes[i].shape
    if form is None:
        form = S.num(0.0)
    out = TGradient(w, shape, form.text, not form.opaque)
    if form.opaque:
        return out
    with np.errstate(all="ignore"):
        try:
            got = np.broadcast_to(S.evaluate(form, point), shape)
        except (ValueError, SymgraphError) as exc:       # a form NumPy cannot evaluate: said, never guessed
            out.checks.append(("final form evaluated", f"the form above at {w}", "NumPy", float("nan"), False))
            out.closed = False
            out.form += f"   (could not be evaluated: {exc})"
            return out
        primals = evaluate(graph, point)
        rev = modes.gradient(graph, modes.reverse(graph, primals, wrt=wrt), wrt)[w]
        out.checks.append(("final form vs reverse mode", f"the form above at {w}", "reverse mode (VJP rows)",
                           _rel(got, rev), _rel(got, rev) <= RTOL_REVERSE))
        rng, h, worst = np.random.default_rng(1), 1e-6, 0.0
        for _ in range(3):
            u = rng.standard_normal(shape)
            plus = dict(point, **{w: point[w] + h * u})
            minus = dict(point, **{w: point[w] - h * u})
            fd = (float(evaluate(graph, plus)[graph.output]) - float(evaluate(graph, minus)[graph.output])) / (2 * h)
            worst = max(worst, abs(float(np.sum(got * u)) - fd) / max(1.0, abs(fd)))
    out.checks.append(("final form vs finite differences", "<form, u> for 3 random directions u",
                       "central differences of the forward pass along u", worst, worst <= RTOL_FD))
    return out
