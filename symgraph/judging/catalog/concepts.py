"""Whole-answer mistakes: the answer is not the walk with one node's rule wrong, but another quantity the
graph defines (each a ``final`` candidate, compared with the claim as it is).

* upstream-missing: over a named decomposition, dg/dNAME for a named step g between NAME and OUT (the
  upstream gradient dOUT/dg left out);
* value-instead-of-derivative: OUT itself;
* antiderivative-instead-of-derivative: a symbolic claim whose own derivative with respect to NAME is OUT
  (any constant of integration; SymPy differentiates the claim's tree, it never integrates);
* wrong-variable: dOUT/dy for another input y;
* degrees-for-radians: the true derivative with every trig function evaluated in degrees (numeric claims);
* algebra-before-differentiating: OUT rewritten at one node with an invalid identity ((a+b)^n -> a^n + b^n,
  sqrt(a^2 + b^2) -> a + b, log(a+b) -> log a + log b, sin(k·u) -> k·sin(u), e^(a+b) -> e^a + e^b,
  c/(a+b) -> c/a + c/b), then differentiated correctly. The identity is read off the node's row and its
  inputs' rows (which op feeds which), never off text.
"""
from __future__ import annotations

import sympy

from symgraph.checks.symbolic import symbol
from symgraph.core.primitives import PRIMITIVES
from symgraph.judging.catalog.base import Candidate
from symgraph.judging.truth import node_exprs

s = sympy.sstr
TRIG = (sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot)
SUMS = {"add": 1, "sub": -1, "add_c": 1, "radd_c": 1, "sub_c": -1}      # op -> the second term's sign


def candidates(walk, ds: list) -> list:
    graph, exprs, wrt_id, out_id = walk.graph, walk.exprs, walk.wrt_id, walk.out_id
    wrt, out = graph.nodes[wrt_id], graph.nodes[out_id]
    found = []
    for k in walk.path:
        node = graph.nodes[k]
        if k != out_id and node.names and ds[k] != 0:
            found.append(Candidate("upstream-missing", k, f"you get if the upstream gradient d{out.name}/d"
                                   f"{node.name} is left out: d{node.name}/d{wrt.name} alone", ds[k], final=True))
    found.append(Candidate("value-instead-of-derivative", out_id, f"you get if the value of {out.name} is given "
                           "instead of its derivative", exprs[out_id], final=True))
    if wrt.op != "input":
        return found
    x = symbol(wrt.names[0])
    found.append(Candidate("antiderivative-instead-of-derivative", out_id, f"you get if an antiderivative of "
                           f"{out.name} is given instead of its derivative (your answer's derivative with "
                           f"respect to {wrt.name} is {out.name} itself)", exprs[out_id], final=True,
                           kind="symbolic", of_claim=True))
    for name, k in graph.inputs.items():
        if k != wrt_id and walk.uses[k]:
            found.append(Candidate("wrong-variable", out_id, f"you get if {out.name} is differentiated with "
                                   f"respect to {name} instead of {wrt.name}", sympy.diff(exprs[out_id], symbol(name)),
                                   final=True))
    trig = ds[out_id].atoms(*TRIG)
    if trig:
        degrees = ds[out_id].xreplace({f: f.func(f.args[0] * sympy.pi / 180) for f in trig})
        found.append(Candidate("degrees-for-radians", out_id, "the right derivative gives if its trig functions "
                               "are evaluated in degrees (a calculator in degree mode)", degrees, final=True,
                               kind="numeric"))
    for k in walk.path:
        for identity, wrong in _identities(graph, exprs, k):
            try:
                rewritten = node_exprs(graph, out_id, {k: wrong})[out_id]
            except (TypeError, ValueError, ZeroDivisionError):
                continue
            found.append(Candidate("algebra-before-differentiating", k, f"you get if {walk.where(k)} is first "
                                   f"rewritten with the invalid identity {identity}, then differentiated",
                                   sympy.diff(rewritten, x), final=True))
    return found


def _terms(graph, exprs: list, k: int):
    """A sum node's terms: (a, b, the sign between them, the node ids of a and b, None for an inline constant)."""
    node = graph.nodes[k]
    sign = SUMS.get(node.op)
    if sign is None:
        return None
    if len(node.inputs) == 2:
        return exprs[node.inputs[0]], exprs[node.inputs[1]], sign, list(node.inputs)
    return exprs[node.inputs[0]], node.exact, sign, [node.inputs[0], None]


def _identities(graph, exprs: list, k: int) -> list:
    """(the identity as a sentence, the node's wrong expression) for each invalid identity that fits node k."""
    node = graph.nodes[k]
    if len(node.inputs) != 1:
        return []
    inner = node.inputs[0]
    split = _terms(graph, exprs, inner)
    rule, op = PRIMITIVES[node.op].rule, node.op
    found = []
    if split is not None:
        a, b, sign, ids = split
        pm = "+" if sign > 0 else "-"
        if op == "pow_c" and node.exact.is_Integer and node.exact >= 2:
            n = node.exact
            found.append((f"(a {pm} b)^{n} -> a^{n} {pm} b^{n}", a ** n + sign * b ** n))
        elif op == "sqrt":
            # a square: a node t**2, or an inline constant with a rational root (9)
            squares = [graph.nodes[i].op == "pow_c" and graph.nodes[i].exact == 2 if i is not None else
                       sympy.sqrt(t).is_Rational for t, i in zip((a, b), ids)]
            roots = [exprs[graph.nodes[i].inputs[0]] if sq and i is not None else sympy.sqrt(t)
                     for t, i, sq in zip((a, b), ids, squares)]
            found.append((f"sqrt(a^2 {pm} b^2) -> a {pm} b" if all(squares) else
                          f"sqrt(a {pm} b) -> sqrt(a) {pm} sqrt(b)", roots[0] + sign * roots[1]))
        elif op == "log":
            found.append((f"log(a {pm} b) -> log(a) {pm} log(b)", sympy.log(a) + sign * sympy.log(b)))
        elif op == "exp":
            found.append((f"e^(a {pm} b) -> e^a {pm} e^b", sympy.exp(a) + sign * sympy.exp(b)))
        elif rule == "reciprocal rule":
            found.append((f"c/(a {pm} b) -> c/a {pm} c/b", node.exact / a + sign * node.exact / b))
    inner_node = graph.nodes[inner]
    if rule == "trig rule" and inner_node.op == "mul_c" and inner_node.exact not in (1, -1):
        c, u = inner_node.exact, exprs[inner_node.inputs[0]]
        found.append((f"{op}({s(c)}·u) -> {s(c)}·{op}(u)", c * PRIMITIVES[op].sym(u, None)))
    return found
