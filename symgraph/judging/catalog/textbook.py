"""The textbook rules' own mistakes, one rule of the graph applied wrongly at one node: the chain rule's inner
factor dropped, the product and quotient rules' classic slips, the power and exponential rules, a trig sign, a
path into a shared node left out, a constant treated as the variable (or the variable as a constant), a
constant factor dropped. Which mistakes a node can carry follows from its row's ``rule`` (and its arity),
never from its op name, so a row added later with a known rule name is covered too.

ids: chain-inner-missing, log-inner-missing, product-rule-derivatives-multiplied,
product-rule-term-missing, quotient-rule-sign, quotient-rule-denominator, power-rule-exponent-kept,
power-rule-exponent-raised, exp-base-rule, trig-sign, path-missing, constant-treated-as-variable,
variable-treated-as-constant, constant-factor-dropped.
"""
from __future__ import annotations

import sympy

from symgraph.core.lower import Graph
from symgraph.core.primitives import PRIMITIVES
from symgraph.judging.catalog.base import Candidate
from symgraph.steps.forms import LINEAR

_S, _P = sympy.Dummy("u"), sympy.Dummy("p")


def binary_rules(rule: str, k: int, where: str, args: list, inner: list) -> list:
    (u, v), (du, dv) = args, inner
    s = sympy.sstr
    if rule == "product rule" and (du == 0) != (dv == 0):   # one factor is a constant here: c·u
        c, dw = (u, dv) if du == 0 else (v, du)
        return [] if c == 1 else [Candidate("constant-factor-dropped", k, f"the constant multiple rule gives at "
                                            f"{where} if the constant factor {s(c)} is left out", dw)]
    if rule == "product rule" and du != 0 and dv != 0:      # else it is a constant multiple, no product rule
        return [Candidate("product-rule-derivatives-multiplied", k, f"the product rule gives at {where} if "
                          f"(u·v)' is taken as u'·v' = {s(du)}·{s(dv)}", du * dv),
                Candidate("product-rule-term-missing", k, f"the product rule gives at {where} if the term "
                          f"u·v' = {s(u * dv)} is left out", du * v),
                Candidate("product-rule-term-missing", k, f"the product rule gives at {where} if the term "
                          f"u'·v = {s(du * v)} is left out", u * dv)]
    if rule == "quotient rule":
        right = du * v - u * dv
        return [Candidate("quotient-rule-sign", k, f"the quotient rule gives at {where} with the numerator's "
                          "sign reversed (u·v' - u'·v instead of u'·v - u·v')", -right / v ** 2),
                Candidate("quotient-rule-denominator", k, f"the quotient rule gives at {where} if the "
                          f"denominator v = {s(v)} is not squared", right / v),
                Candidate("quotient-rule-denominator", k, f"the quotient rule gives at {where} if the "
                          f"denominator v² = {s(v ** 2)} is left out", right)]
    return []


def unary_rules(graph: Graph, node, rule: str, where: str, u, du, local) -> list:
    k, s = node.id, sympy.sstr
    found = []
    whole = PRIMITIVES[node.op].sym(_S, node.exact)
    base, expo = whole.as_base_exp()
    if rule == "power rule" and base == _S and expo.is_number:
        n = expo
        found += [Candidate("power-rule-exponent-kept", k, f"the power rule gives at {where} if the exponent "
                            f"is not lowered: n·uⁿ = {s(n * u ** n)} instead of n·uⁿ⁻¹", n * u ** n * du),
                  Candidate("power-rule-exponent-raised", k, f"the power rule gives at {where} if the exponent "
                            f"is raised: n·uⁿ⁺¹ = {s(n * u ** (n + 1))} instead of n·uⁿ⁻¹",
                            n * u ** (n + 1) * du)]
    if rule == "exponential rule" and expo == _S and base.is_number:
        found.append(Candidate("exp-base-rule", k, f"you get at {where} if aᵘ is differentiated like a power, "
                               f"u·aᵘ⁻¹ = {s(u * base ** (u - 1))}, instead of aᵘ·log(a)",
                               u * base ** (u - 1) * du))
    if rule == "constant multiple rule" and local != 1:    # 3*u, u/4, -u: the factor 3, 1/4, -1
        found.append(Candidate("constant-factor-dropped", k, f"the constant multiple rule gives at {where} if "
                               f"the constant factor {s(local)} is left out", du))
    if rule == "trig rule":
        found.append(Candidate("trig-sign", k, f"the trig rule gives at {where} with the wrong sign: "
                               f"{s(-local)} instead of {s(local)}", -local * du))
    chained = graph.nodes[node.inputs[0]].op != "input" and du != 1
    if chained and rule not in LINEAR:
        log = rule == "logarithm rule"
        found.append(Candidate("log-inner-missing" if log else "chain-inner-missing", k,
                               f"the {'logarithm rule' if log else 'chain rule'} gives at {where} if the inner "
                               f"derivative {s(du)} is left out", local))
    if node.exact is not None:
        found += _constant_as_variable(node, where, u, du)
    return found


def _constant_as_variable(node, where: str, u, du) -> list:
    """The gate's inline constant differentiated as if it were the variable (its derivative taken as 1)."""
    prim = PRIMITIVES[node.op]
    table = {_S: u, _P: node.exact}
    try:
        with_p = prim.sym(_S, _P)
    except (TypeError, ValueError):          # a row whose constant must be a number: not this mistake
        return []
    extra = sympy.diff(with_p, _P).xreplace(table)
    if extra == 0:
        return []
    true = sympy.diff(with_p, _S).xreplace(table) * du
    return [Candidate("constant-treated-as-variable", node.id, f"you get at {where} if the constant "
                      f"{node.param_text} is differentiated as if it were a variable (its derivative taken as 1)",
                      true + extra)]


def edge_rules(graph: Graph, node, where: str, inner: list, local: tuple, wrt_id: int, uses: list) -> list:
    """One path into the node left out: a shared node's use here (path-missing), or the variable itself
    held fixed here (variable-treated-as-constant)."""
    found = []
    for i, u in enumerate(node.inputs):
        if inner[i] == 0 or (uses[u] < 2 and u != wrt_id):
            continue
        kept = sympy.Add(*[l * d for j, (l, d) in enumerate(zip(local, inner)) if j != i])
        name = graph.nodes[u].name
        if uses[u] >= 2:
            text = f"you get if the path from {name} into {where} is left out ({name} is used {uses[u]} times " \
                   "and every use contributes)"
            found.append(Candidate("path-missing", node.id, text, kept))
        else:
            found.append(Candidate("variable-treated-as-constant", node.id, f"you get if {name} inside {where} "
                                   "is treated as a constant", kept))
    return found


def inputs_as_variables(graph: Graph, wrt_id: int, uses: list) -> list:
    """Another input (a constant for this partial derivative) differentiated as if it were the variable."""
    wrt = graph.nodes[wrt_id].name
    return [Candidate("constant-treated-as-variable", k, f"you get if {graph.nodes[k].name} is treated as a "
                      f"variable that changes with {wrt} (d{graph.nodes[k].name}/d{wrt} taken as 1)",
                      sympy.Integer(1))
            for k in graph.inputs.values() if k != wrt_id and uses[k]]


def use_counts(graph: Graph, out_id: int) -> list:
    """How many in-edges of the nodes up to OUT each node feeds (x*x counts twice)."""
    uses = [0] * len(graph.nodes)
    for node in graph.nodes[: out_id + 1]:
        for u in node.inputs:
            uses[u] += 1
    return uses

