"""The catalog of one (OUT, NAME) pair: every node on the way from NAME to OUT, every rule module asked what
mistakes that node can carry, and the whole-answer mistakes after them.

A candidate is (mistake id, node, a sentence, the wrong derivative of that node). Re-running the symbolic
forward walk (steps/walk.py ``tangents``) with that one node's derivative replaced gives the answer a student
who made exactly that mistake would write; judging/diagnose.py compares it with the claim. The rule modules:
textbook.py (the textbook rules' own mistakes), misrules.py (a neighbouring row, the chain rule's wrong forms,
a lost sign, a constant differentiated), gates.py (backprop gates) and concepts.py (whole answers: upstream
left out, the value, an antiderivative, the wrong variable, degrees, invalid algebra first).
"""
from __future__ import annotations

from symgraph.core.lower import Graph
from symgraph.core.primitives import PRIMITIVES
from symgraph.judging.catalog import concepts, gates, misrules, textbook
from symgraph.judging.catalog.base import Site
from symgraph.steps.walk import relevant, written


class Walk:
    """What every node rule of one (OUT, NAME) pair needs: the texts and use counts, computed once."""

    def __init__(self, graph: Graph, exprs: list, wrt_id: int, out_id: int, partials):
        # a decomposition's nodes are written in its step names (f = g1 - 4*g2), an expression's in full
        self.steps = any(n.names and n.inputs for n in graph.nodes[: graph.output])
        self.graph, self.exprs, self.wrt_id, self.out_id, self.partials = graph, exprs, wrt_id, out_id, partials
        self.text, self.uses = written(graph, exprs, by_name=self.steps), textbook.use_counts(graph, out_id)
        self.path = [k for k in relevant(graph, wrt_id, out_id) if k != wrt_id]
        # d/dg of a named step g starts after g: its own statement is not differentiated

    def where(self, k: int) -> str:
        node = self.graph.nodes[k]
        return f"{node.names[0]} = {self.text[k]}" if node.names and (self.steps or k != self.graph.output) \
            else self.text[k]

    def at(self, k: int, ds: list) -> list:
        """Every node rule's candidates at node k, given the derivatives ``ds`` so far."""
        graph, node = self.graph, self.graph.nodes[k]
        args, inner = [self.exprs[i] for i in node.inputs], [ds[i] for i in node.inputs]
        local = self.partials(node, args)
        where, rule = self.where(k), PRIMITIVES[node.op].rule
        if len(args) == 2:
            found = textbook.binary_rules(rule, k, where, args, inner)
        else:
            found = textbook.unary_rules(graph, node, rule, where, args[0], inner[0], local[0])
        found += textbook.edge_rules(graph, node, where, inner, local, self.wrt_id, self.uses)
        site = Site(graph, node, where, args, inner, local, self.wrt_id, self.partials)
        return found + misrules.candidates(site) + gates.candidates(site)


def catalog(graph: Graph, exprs: list, ds: list, wrt_id: int, out_id: int, partials) -> list:
    """Every candidate mistake on the way from ``wrt_id`` to ``out_id``; ``ds`` are the true derivatives."""
    walk = Walk(graph, exprs, wrt_id, out_id, partials)
    found = [c for k in walk.path for c in walk.at(k, ds)]
    found += textbook.inputs_as_variables(graph, wrt_id, walk.uses)
    return found + concepts.candidates(walk, ds)
