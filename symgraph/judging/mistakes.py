"""The catalog of classic mistakes: each is one rule of the graph applied wrongly at one node.

A candidate is (mistake id, node, a sentence, the wrong derivative of that node). Re-running the
symbolic forward walk (steps/walk.py ``tangents``) with that one node's derivative replaced gives the
answer a student who made exactly that mistake would write; diagnose.py compares it with the claim.
Which mistakes a node can carry follows from its row's ``rule`` (and its arity, and its ``confusable``
neighbours), never from its op name, so a row added later with a known rule name is covered too.

This module holds the textbook rules' own mistakes; misrules.py (rules misapplied: a neighbour's row, the
chain rule's wrong forms, a lost sign), gate_mistakes.py (backprop gates) and concepts.py (whole-answer
mistakes: the value, an antiderivative, the wrong variable, degrees, invalid algebra first) add theirs.

ids here: chain-inner-missing, log-inner-missing, product-rule-derivatives-multiplied,
product-rule-term-missing, quotient-rule-sign, quotient-rule-denominator, power-rule-exponent-kept,
power-rule-exponent-raised, exp-base-rule, trig-sign, path-missing, constant-treated-as-variable,
variable-treated-as-constant, constant-factor-dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

import sympy

from symgraph.core.lower import Graph
from symgraph.core.primitives import PRIMITIVES
from symgraph.steps.forms import LINEAR
from symgraph.steps.walk import relevant, written

_S, _P = sympy.Dummy("u"), sympy.Dummy("p")

# What an answer with each mistake did, for a teacher's histogram ("7 of 30 answers ...").
DESCRIPTIONS = {
    "chain-inner-missing": "dropped the chain rule's inner factor",
    "log-inner-missing": "dropped the inner derivative of log(u) (took 1/u)",
    "product-rule-derivatives-multiplied": "took (u·v)' as u'·v'",
    "product-rule-term-missing": "left out a term of the product rule",
    "quotient-rule-sign": "reversed the sign of the quotient rule's numerator",
    "quotient-rule-denominator": "did not square the quotient rule's denominator (or left it out)",
    "power-rule-exponent-kept": "kept the exponent in the power rule (n·xⁿ)",
    "power-rule-exponent-raised": "raised the exponent in the power rule (n·xⁿ⁺¹)",
    "exp-base-rule": "differentiated aˣ like a power (x·aˣ⁻¹)",
    "trig-sign": "got the sign of a trig derivative wrong",
    "path-missing": "left out a path into a shared node",
    "constant-treated-as-variable": "differentiated a constant as if it were the variable",
    "variable-treated-as-constant": "treated the variable as a constant",
    "constant-factor-dropped": "left out a constant factor ((c·u)' taken as u')",
    # misrules.py
    "derivative-table-swap": "used a neighbouring row of the derivative table (σ' as σ, tan' as sec, ...)",
    "quotient-rule-derivatives-divided": "took (u/v)' as u'/v'",
    "reciprocal-rule": "took (c/g)' as c/g'",
    "chain-rule-misapplied": "applied the chain rule in a wrong form (f'(x)·g'(x), f'(g'(x)), (uⁿ)' as n·u')",
    "sign-lost-in-subtraction": "lost the minus sign of a subtraction ((u - v)' as u' + v')",
    "constant-differentiated": "differentiated a constant subexpression (pi**3, log(5)) as if it varied",
    # gate_mistakes.py
    "relu-gate-mask-ignored": "ignored the ReLU gate's mask (passed the gradient through where the input is negative)",
    "max-gate-routed-wrong": "routed the max (min) gate's gradient to the wrong input, or split it",
    "multiply-gate-inputs-not-swapped": "took a multiply gate's local gradient as the input itself, not the other one",
    "local-gradient-missing": "left out a gate's local gradient (passed the upstream gradient through unchanged)",
    # concepts.py
    "upstream-missing": "left out the upstream gradient (stopped at an intermediate step)",
    "value-instead-of-derivative": "gave the function's value instead of its derivative",
    "antiderivative-instead-of-derivative": "gave an antiderivative instead of the derivative",
    "wrong-variable": "differentiated with respect to the wrong variable",
    "degrees-for-radians": "evaluated the trig functions in degrees instead of radians",
    "algebra-before-differentiating": "rewrote the expression with an invalid identity before differentiating",
}


@dataclass
class Candidate:
    mistake: str
    node: int
    text: str                 # completes "your answer is what ..."
    replacement: object       # the node's wrong derivative (SymPy); with ``final``, the whole wrong answer
    final: bool = False       # the replacement is the answer itself (no re-run of the walk)
    kind: str = "any"         # which claims it can explain: "any", "numeric" or "symbolic"
    of_claim: bool = False    # compare the claim's own derivative (d claim/d NAME) with the replacement


@dataclass
class Site:
    """One node on the way from NAME to OUT, as a node rule sees it."""
    graph: Graph
    node: object
    where: str                # the node as written, for the sentence
    args: list                # its inputs' expressions (in the inputs)
    inner: list               # their derivatives with respect to NAME (as the walk has them so far)
    local: tuple              # the node's true local partials
    wrt_id: int
    partials: object


class Walk:
    """What every node rule of one (OUT, NAME) pair needs: the texts and use counts, computed once."""

    def __init__(self, graph: Graph, exprs: list, wrt_id: int, out_id: int, partials):
        # a decomposition's nodes are written in its step names (f = g1 - 4*g2), an expression's in full
        self.steps = any(n.names and n.inputs for n in graph.nodes[: graph.output])
        self.graph, self.exprs, self.wrt_id, self.out_id, self.partials = graph, exprs, wrt_id, out_id, partials
        self.text, self.uses = written(graph, exprs, by_name=self.steps), _uses(graph, out_id)
        self.path = [k for k in relevant(graph, wrt_id, out_id) if k != wrt_id]
        # d/dg of a named step g starts after g: its own statement is not differentiated

    def where(self, k: int) -> str:
        node = self.graph.nodes[k]
        return f"{node.names[0]} = {self.text[k]}" if node.names and (self.steps or k != self.graph.output) \
            else self.text[k]

    def at(self, k: int, ds: list) -> list:
        """Every node rule's candidates at node k, given the derivatives ``ds`` so far."""
        from symgraph.judging import gate_mistakes, misrules

        graph, node = self.graph, self.graph.nodes[k]
        args, inner = [self.exprs[i] for i in node.inputs], [ds[i] for i in node.inputs]
        local = self.partials(node, args)
        where, rule = self.where(k), PRIMITIVES[node.op].rule
        if len(args) == 2:
            found = _binary(rule, k, where, args, inner)
        else:
            found = _unary(graph, node, rule, where, args[0], inner[0], local[0])
        found += _edges(graph, node, where, inner, local, self.wrt_id, self.uses)
        site = Site(graph, node, where, args, inner, local, self.wrt_id, self.partials)
        return found + misrules.candidates(site) + gate_mistakes.candidates(site)


def catalog(graph: Graph, exprs: list, ds: list, wrt_id: int, out_id: int, partials) -> list:
    """Every candidate mistake on the way from ``wrt_id`` to ``out_id``; ``ds`` are the true derivatives."""
    from symgraph.judging import concepts

    walk = Walk(graph, exprs, wrt_id, out_id, partials)
    found = [c for k in walk.path for c in walk.at(k, ds)]
    found += _inputs_as_variables(graph, wrt_id, walk.uses)
    return found + concepts.candidates(walk, ds)


def _binary(rule: str, k: int, where: str, args: list, inner: list) -> list:
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


def _unary(graph: Graph, node, rule: str, where: str, u, du, local) -> list:
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


def _edges(graph: Graph, node, where: str, inner: list, local: tuple, wrt_id: int, uses: list) -> list:
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


def _inputs_as_variables(graph: Graph, wrt_id: int, uses: list) -> list:
    """Another input (a constant for this partial derivative) differentiated as if it were the variable."""
    wrt = graph.nodes[wrt_id].name
    return [Candidate("constant-treated-as-variable", k, f"you get if {graph.nodes[k].name} is treated as a "
                      f"variable that changes with {wrt} (d{graph.nodes[k].name}/d{wrt} taken as 1)",
                      sympy.Integer(1))
            for k in graph.inputs.values() if k != wrt_id and uses[k]]


def _uses(graph: Graph, out_id: int) -> list:
    """How many in-edges of the nodes up to OUT each node feeds (x*x counts twice)."""
    uses = [0] * len(graph.nodes)
    for node in graph.nodes[: out_id + 1]:
        for u in node.inputs:
            uses[u] += 1
    return uses

