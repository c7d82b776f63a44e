"""Name the mistake: re-run the true VJP with one row's rule applied wrongly at one node, and compare.

Every wrong variant is a function over the row's own VJP (its result transposed, not reduced over a
broadcast axis, scaled by the reduction count, with the upstream adjoint replaced by ones, ...), never a
pattern on the user's code. A line whose value equals one variant's adjoint gets that mistake's id; a wrong
line that fits no variant gets no guess, and a right line is never diagnosed.
"""
from __future__ import annotations

import time

import numpy as np

from symgraph.tensor.modes import reverse
from symgraph.tensor.table import OPS

TEXTS = {
    "transpose-missing": "it is the transpose of the true gradient: a .T is missing or the product's factors "
                         "are swapped (with out = x @ w: dw = x.T @ dout, dx = dout @ w.T)",
    "matmul-order": "the product's factors are in the wrong order (with out = x @ w: dw = x.T @ dout, "
                    "dx = dout @ w.T)",
    "batch-sum-missing": "it is not summed over the batch axis: the forward pass broadcast {var} over the rows, "
                         "so its gradient sums dout over them (db = dout.sum(axis=0))",
    "sum-wrong-axis": "it sums over the wrong axis: the gradient of a broadcast input sums over the axes that "
                      "broadcasting added",
    "mean-vs-sum": "a factor 1/N is missing or extra: the forward pass averages (or sums) over N = {n}, and the "
                   "gradient must do the same",
    "l2-factor-2": "the L2 term's factor 2 is missing or extra: d(reg * sum(W * W))/dW = 2 * reg * W",
    "regularization-gradient-missing": "the regularization term's gradient is missing: {var} also feeds the "
                                       "penalty, so its gradient adds that term (2 * reg * {var})",
    "relu-mask-wrong": "the ReLU mask is wrong: the gradient passes only where the ReLU's input is > 0 "
                       "(dx = dout * (x > 0))",
    "sigmoid-derivative-of-input": "σ(1−σ) is computed from the sigmoid's input, not its output: with "
                                   "f = sigmoid(z), df/dz = f * (1 - f)",
    "softmax-label-term-missing": "the −1 at the true class is missing: d loss/d scores = (probs − "
                                  "one_hot(y)) / N",
    "upstream-missing": "the upstream gradient is missing: this is the local gradient alone; the chain rule "
                        "multiplies it by the adjoint coming from above (dout)",
    "broadcast-shape": "it has shape {shape} and {var} is {expected}: it fits only by broadcasting",
}
BUDGET_SECONDS = 3.0
OUT_OF_TIME = {"mistake": None, "text": f"the mistake search stopped at its {BUDGET_SECONDS:g} s budget"}


def close(a, b, scale: float) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= tolerance(scale)))


def tolerance(scale: float) -> float:
    """Right means within 1e-6 of the true gradient's largest entry (plus 1e-12 for a zero gradient)."""
    return 1e-6 * scale + 1e-12


def _only(k, fn):
    """A variant that changes argument k's contribution only."""
    def wrong(row):
        def vjp(g, out, *args, **kw):
            parts = list(row.vjp(g, out, *args, **kw))
            if parts[k] is not None:
                parts[k] = fn(parts[k], g, out, args, kw)
            return tuple(parts)
        return vjp
    return wrong


def _unreduced(row, k, g, out, args, kw):
    full = [np.broadcast_to(a, np.shape(out)) for a in args]
    return row.vjp(g, out, *full, **kw)[k]


def variants(graph, i: int, primals) -> list:
    """(mistake id, wrong vjp factory(row)) at node i."""
    node = graph.nodes[i]
    op, args = node.op, node.args
    shapes = [graph.nodes[a].shape for a in args]
    const = [graph.nodes[a].op == "const" for a in args]
    out = []
    if op in ("matmul", "dot", "outer"):
        for k in range(len(args)):
            out.append(("transpose-missing", _only(k, lambda p, g, o, a, kw: p.T)))
    if op in ("add", "sub", "mul", "div", "maximum", "minimum", "pow"):
        for k, shape in enumerate(shapes):
            if not const[k] and tuple(shape) != tuple(node.shape):
                def full(row, k=k):
                    return _only(k, lambda p, g, o, a, kw: _unreduced(row, k, g, o, a, kw))(row)
                out.append(("batch-sum-missing", full))
                ratio = int(np.prod(node.shape)) // max(1, int(np.prod(shape)))
                out.append(("mean-vs-sum", _only(k, lambda p, g, o, a, kw, r=ratio: p / r)))
                for axis in range(len(node.shape)):
                    def other(row, k=k, axis=axis):
                        return _only(k, lambda p, g, o, a, kw: _unreduced(row, k, g, o, a, kw).sum(axis=axis))(row)
                    out.append(("sum-wrong-axis", other))
    if op in ("mean", "sum"):
        n = int(np.prod(shapes[0])) if node.kw.get("axis") is None else shapes[0][node.kw["axis"]]
        factor = n if op == "mean" else 1.0 / n
        out.append(("mean-vs-sum", _only(0, lambda p, g, o, a, kw, f=factor: p * f)))
    if op == "div" and const[1] and primals[args[1]].size == 1:
        c = float(primals[args[1]].reshape(()))
        # the whole divisor, or a count N it holds (sum(...) / (2 * N): the 1/N missing or doubled)
        dims = {d for n in graph.nodes if n.op == "input" for d in n.shape if 1 < d < c and c % d == 0}
        for n in [c, *sorted(dims)]:
            out += [("mean-vs-sum", _counted(n, _only(0, lambda p, g, o, a, kw, n=n: p * n))),
                    ("mean-vs-sum", _counted(n, _only(0, lambda p, g, o, a, kw, n=n: p / n)))]
    square = (op == "mul" and args[0] == args[1]) or (op == "pow" and const[1] and np.all(primals[args[1]] == 2))
    if square:
        out += [("l2-factor-2", _scaled(0.5)), ("l2-factor-2", _scaled(2.0))]
        if graph.nodes[args[0]].op == "input":
            out.append(("regularization-gradient-missing", _scaled(0.0)))
    if op == "relu" or op == "maximum" and any(const):
        k = const.index(False) if op == "maximum" else 0
        out += [("relu-mask-wrong", _only(k, lambda p, g, o, a, kw: g - p)),
                ("relu-mask-wrong", _only(k, lambda p, g, o, a, kw: np.broadcast_to(g, np.shape(p)) + 0.0))]
    if op == "mul" and any(const):
        mask = primals[args[const.index(True)]]
        if mask.size > 1 and np.all((mask == 0) | (mask == 1)):
            k = const.index(False)
            out.append(("relu-mask-wrong", _only(k, lambda p, g, o, a, kw: g * (1.0 - mask))))
    if op == "sigmoid":
        out.append(("sigmoid-derivative-of-input", lambda row: lambda g, o, x, **kw: row.vjp(g, x, x, **kw)))
    sig = _composite_sigmoid(graph, i, primals)
    if sig is not None:
        out.append(("sigmoid-derivative-of-input", sig))
    if op == "sub" and _is_log_normalizer(graph, args[1]):
        out.append(("softmax-label-term-missing", _only(0, lambda p, g, o, a, kw: p * 0.0)))
    if op == "div" and _is_softmax(graph, i):
        out.append(("softmax-label-term-missing", _only(0, lambda p, g, o, a, kw: p * 0.0)))
    if op == "take" and any(n.op == "exp" for n in graph.nodes):
        out.append(("softmax-label-term-missing", _scaled(0.0)))
    out.append(("upstream-missing", lambda row: lambda g, o, *a, **kw: row.vjp(np.ones_like(g), o, *a, **kw)))
    return out


def _counted(n, factory):
    factory.count = f"{n:g}"          # the N the diagnosis names
    return factory


def _scaled(factor):
    return lambda row: lambda g, o, *a, **kw: tuple(None if p is None else p * factor for p in row.vjp(g, o, *a, **kw))


def _is_softmax(graph, i) -> bool:
    """div(E, S) with E = exp(.) and S a sum over E (perhaps reshaped for keepdims)."""
    num, den = graph.nodes[i].args
    if graph.nodes[num].op != "exp":
        return False
    while graph.nodes[den].op == "reshape":
        den = graph.nodes[den].args[0]
    if graph.nodes[den].op != "sum":
        return False
    summed = graph.nodes[den].args[0]         # the same exp node, or exp of the same input written again
    return summed == num or graph.nodes[summed].op == "exp" and graph.nodes[summed].args == graph.nodes[num].args


def _is_log_normalizer(graph, i) -> bool:
    """log(sum(exp(.))) (perhaps reshaped for keepdims), or the table's logsumexp: log-softmax's normalizer."""
    while graph.nodes[i].op == "reshape":
        i = graph.nodes[i].args[0]
    if graph.nodes[i].op == "logsumexp":
        return True
    if graph.nodes[i].op != "log":
        return False
    i = graph.nodes[i].args[0]
    while graph.nodes[i].op == "reshape":
        i = graph.nodes[i].args[0]
    return graph.nodes[i].op == "sum" and graph.nodes[graph.nodes[i].args[0]].op == "exp"


def _composite_sigmoid(graph, i, primals):
    """1 / (1 + exp(-z)) written out: a variant at the top node whose adjoint of z is g * z * (1 - z)."""
    node = graph.nodes[i]
    if node.op != "div" or graph.nodes[node.args[0]].op != "const" or float(primals[node.args[0]].sum()) != 1.0:
        return None
    add = graph.nodes[node.args[1]]
    if add.op != "add":
        return None
    exp = [a for a in add.args if graph.nodes[a].op == "exp"]
    if len(exp) != 1 or graph.nodes[graph.nodes[exp[0]].args[0]].op != "neg":
        return None
    z = primals[graph.nodes[graph.nodes[exp[0]].args[0]].args[0]]
    e = primals[exp[0]]

    def factory(row):
        def vjp(g, out, one, den, **kw):
            return None, -g * z * (1.0 - z) / e          # adj(z) = -adj(den) * e, so this gives g z (1 - z)
        return vjp
    return factory


def inert_nodes(graph, adjoints) -> set:
    """Max reductions that carry no adjoint in the true pass (the shift of a stable softmax): the variants
    hold them constant, as the user's mental model does; the true gradient is the same either way."""
    return {i for i, n in enumerate(graph.nodes) if n.op == "amax" and adjoints[i] is not None
            and float(np.max(np.abs(adjoints[i]), initial=0.0)) <= 1e-12}


def _zero(row):
    return lambda g, o, *a, **kw: tuple(None for _ in a)


def diagnose(graph, primals, seed, target: int, claim, truth, scale: float, names: dict,
             inert: frozenset = frozenset()) -> dict | None:
    """The mistake whose wrong rule reproduces ``claim`` as the adjoint of ``target``, or None."""
    claim = np.asarray(claim)
    truth = np.asarray(truth)
    info = {"var": names.get("var", "the input"), "shape": tuple(claim.shape), "expected": tuple(truth.shape),
            "n": "N"}
    if claim.shape != truth.shape:
        if claim.ndim == 2 and claim.shape == truth.shape[::-1] and close(claim.T, truth, scale):
            return _found("transpose-missing", info)
        if claim.size == truth.size and close(claim.reshape(truth.shape), truth, scale):
            return _found("broadcast-shape", info)
    start = time.monotonic()
    for site in _sites(graph, _downstream(graph, target)):
        per_node = [variants(graph, j, primals) for j in site]
        if any([m for m, _ in v] != [m for m, _ in per_node[0]] for v in per_node):
            continue
        for k, (mistake, factory) in enumerate(per_node[0]):
            if time.monotonic() - start > BUDGET_SECONDS:
                return OUT_OF_TIME
            wrongs = {j: v[k][1](OPS[graph.nodes[j].op]) for j, v in zip(site, per_node)}
            try:
                with np.errstate(all="ignore"):
                    adj = reverse(graph, primals, seed, vjp_of=lambda j, row, w=wrongs: w.get(j) or
                                  (_zero(row) if j in inert else None))
            except (ValueError, IndexError, TypeError):
                continue
            got = adj[target]
            if got is not None and close(got, claim, scale) and not close(got, truth, scale):
                if mistake == "mean-vs-sum":
                    info["n"] = getattr(factory, "count", None) or _count(graph, site[0], primals)
                return _found(mistake, info)
    return None


def _sites(graph, downstream: set) -> list:
    """Where one rule is applied wrongly: each node (nearest the output first), then each statement inside a
    loop, at every node it made (the same op at the same line and column: the mistake repeats each pass)."""
    nodes = [i for i in sorted(downstream, reverse=True) if graph.nodes[i].op not in ("input", "const")]
    groups: dict = {}
    for i in nodes:
        if graph.nodes[i].span is not None:
            groups.setdefault((graph.nodes[i].op, tuple(graph.nodes[i].span)), []).append(i)
    return [(i,) for i in nodes] + [tuple(g) for g in groups.values() if len(g) > 1]


def _count(graph, i, primals):
    node = graph.nodes[i]
    if node.op == "div":
        return f"{float(primals[node.args[1]].reshape(())):g}"
    shape = graph.nodes[node.args[0]].shape
    return int(np.prod(shape)) if node.kw.get("axis") is None else shape[node.kw["axis"]]


def _downstream(graph, target: int) -> set:
    """The nodes whose VJP the adjoint of ``target`` depends on: target's descendants up to the output."""
    reach = {target}
    for i in range(target + 1, graph.output + 1):
        if any(a in reach for a in graph.nodes[i].args):
            reach.add(i)
    return reach - {target}


def _found(mistake: str, info: dict) -> dict:
    return {"mistake": mistake, "text": TEXTS[mistake].format(**info)}
