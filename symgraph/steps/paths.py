"""A named decomposition derived the seed's way (g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2):

1. the local partial on every edge between named steps (∂f/∂g1 = 1, ∂g2/∂x1 = x2), each statement
   differentiated with the other named steps held fixed, naming the rules of the ops inside it;
2. the adjoints from the output back: df/dg = Σ over the steps h that use g of df/dh·∂h/∂g, and last
   df/dx for each input, combined along every path.

The local partials and adjoints are the ones ``check`` judges claims against (judging/truth.py).
"""
from __future__ import annotations

import sympy

from symgraph.core.lower import Graph
from symgraph.judging.truth import Truth, named_steps, step_symbol
from symgraph.steps.forms import TEXTBOOK, paren, rule_of
from symgraph.steps.walk import Step, written


def decomposition_steps(graph: Graph, truth: Truth, wrt: list, tidy) -> tuple:
    """(steps, {input: derivative as SymPy}) for the output of a program with named steps."""
    out = graph.output
    named = [k for k in named_steps(graph) if k <= out]
    inputs = [graph.inputs[w] for w in wrt]
    users = {k: truth.users(k, out) for k in named + list(graph.inputs.values()) if k != out}
    steps = _local_steps(graph, truth, named, users, tidy)
    adjoint = {out: sympy.Integer(1)}
    first = True
    for k in [n for n in reversed(named) if n != out and users.get(n)] + inputs:
        terms, texts, values = [], [], []
        for h in users.get(k, []):
            local = truth.local(h, k, in_steps=True)
            terms.append(adjoint[h] * local.xreplace(_steps_to_inputs(graph, truth)))
            texts.append(f"{paren(adjoint[h])}·{paren(local)}")
            values.append(_lhs(graph, out, h, "d") + "·" + _lhs(graph, h, k, "∂"))
        adjoint[k] = tidy(sympy.Add(*terms))
        if graph.nodes[k].op == "input" and (k not in inputs or not terms):
            continue          # an input the output does not use: its derivative is 0, no step to show
        node = graph.nodes[k]
        rule = "chain rule along paths"
        steps.append(Step(rule=rule, node=_lhs(graph, out, k, "d"), expression=" + ".join(values) or "0",
                          derivative=sympy.sstr(adjoint[k]), combined=" + ".join(texts) or "0",
                          form=TEXTBOOK[rule] if first else None, rules=[rule], key=rule,
                          wrt=node.name, symbolic=adjoint[k], node_id=k,
                          value=truth.adjoints(out)[k] if truth.ev is not None else None))
        first = False
    return steps, {graph.nodes[k].name: adjoint[k] for k in inputs}


def _local_steps(graph: Graph, truth: Truth, named: list, users: dict, tidy) -> list:
    steps, first = [], True
    to_inputs = _steps_to_inputs(graph, truth)
    text = written(graph, truth.full, by_name=True)       # each statement as the user wrote it
    for h in named:
        for k in sorted(k for k, us in users.items() if h in us):
            local = tidy(truth.local(h, k, in_steps=True))
            rules = _rules_inside(graph, h, set(named))
            steps.append(Step(rule="local partial", node=_lhs(graph, h, k, "∂"),
                              expression=f"{graph.nodes[h].name} = {text[h]}",
                              derivative=sympy.sstr(local), combined=", ".join(rules),
                              form=TEXTBOOK["local partial"] if first else None,
                              rules=["local partial"] + rules, key="local partial",
                              wrt=graph.nodes[k].name, symbolic=local.xreplace(to_inputs), node_id=k,
                              value=truth.value(h, k, True) if truth.ev is not None else None))
            first = False
    return steps


def _rules_inside(graph: Graph, h: int, named: set) -> list:
    """The rules of the ops in statement h's own body (down to the named steps and inputs it uses)."""
    rules, stack, seen = [], [h], set()
    while stack:
        node = graph.nodes[stack.pop()]
        if node.id in seen or not node.inputs:
            continue
        seen.add(node.id)
        rules.append(rule_of(node.op))
        stack.extend(u for u in node.inputs if u not in named)
    return list(dict.fromkeys(reversed(rules)))


def _steps_to_inputs(graph: Graph, truth: Truth) -> dict:
    return {step_symbol(graph, k): truth.full[k] for k in named_steps(graph)}


def _lhs(graph: Graph, top: int, k: int, sign: str) -> str:
    return f"{sign}{graph.nodes[top].name}/{sign}{graph.nodes[k].name}"
