"""Node rules applied wrongly, beyond the textbook rules' own mistakes (textbook.py): a neighbouring row of the
derivative table, the quotient and reciprocal rules with the derivatives divided, the chain rule in a wrong
form, a subtraction's sign lost, a constant subexpression differentiated.

Each candidate is the node's wrong derivative, built from the node's row (its ``confusable`` neighbours, its
``rule``, its SymPy counterpart and inline constant), never from a pattern on text. ids:
derivative-table-swap, quotient-rule-derivatives-divided, reciprocal-rule, chain-rule-misapplied,
sign-lost-in-subtraction, constant-differentiated.
"""
from __future__ import annotations

import sympy

from symgraph.checks.symbolic import symbol
from symgraph.core.primitives import PRIMITIVES
from symgraph.judging.catalog.base import Candidate, Site
from symgraph.steps.forms import LINEAR

_S, _P = sympy.Dummy("u"), sympy.Dummy("p")
s = sympy.sstr


def candidates(site: Site) -> list:
    found = _table_swap(site) + _divided(site) + _sign_lost(site) + _constant_differentiated(site)
    if len(site.args) == 1:
        found += _chain_misapplied(site)
    return found


def _written(site: Site) -> str:
    """The node's function of u, as its row writes it: sigmoid(u), 2 ^ u, log(u, 2)."""
    return PRIMITIVES[site.node.op].written(["u"], site.node.param_text)


def _table_swap(site: Site) -> list:
    node, prim = site.node, PRIMITIVES[site.node.op]
    if len(site.args) != 1 or not prim.confusable:
        return []
    (u,), (du,), (local,) = site.args, site.inner, site.local
    found = []
    for label, wrong in prim.confusable:
        local_wrong = wrong(u, node.exact)
        found.append(Candidate("derivative-table-swap", node.id, f"the derivative table gives at {site.where} if "
                               f"the derivative of {_written(site)} is taken as {label}, a neighbouring row's "
                               f"form, instead of {s(local)}", local_wrong * du))
    return found


def _divided(site: Site) -> list:
    """(u/v)' as u'/v', and (c/g)' as c/g' (the reciprocal rule)."""
    node, rule = site.node, PRIMITIVES[site.node.op].rule
    if rule == "quotient rule" and len(site.args) == 2:
        (du, dv) = site.inner
        if dv == 0:
            return []
        if du == 0:        # a constant numerator: c/g
            return [Candidate("reciprocal-rule", node.id, f"the reciprocal rule gives at {site.where} if (c/g)' "
                              f"is taken as c/g' = {s(site.args[0])}/({s(dv)})", site.args[0] / dv)]
        return [Candidate("quotient-rule-derivatives-divided", node.id, f"the quotient rule gives at "
                          f"{site.where} if (u/v)' is taken as u'/v' = ({s(du)})/({s(dv)})", du / dv)]
    if rule == "reciprocal rule" and site.inner[0] != 0:
        (du,) = site.inner
        return [Candidate("reciprocal-rule", node.id, f"the reciprocal rule gives at {site.where} if (c/g)' is "
                          f"taken as c/g' = {s(node.exact)}/({s(du)})", node.exact / du)]
    return []


def _sign_lost(site: Site) -> list:
    """(u - v)' as u' + v', (c - u)' as u'."""
    node, rule = site.node, PRIMITIVES[site.node.op].rule
    if rule != "difference rule":
        return []
    negative = [j for j, l in enumerate(site.local) if l == -1 and site.inner[j] != 0]
    if not negative:
        return []
    wrong = sympy.Add(*[d for d in site.inner if d != 0])
    return [Candidate("sign-lost-in-subtraction", node.id, f"the difference rule gives at {site.where} if the "
                      f"minus sign is lost (the subtracted part's derivative added: {s(wrong)})", wrong)]


def _chain_misapplied(site: Site) -> list:
    """f'(x)·g'(x) (the outer derivative at the variable), f'(g'(x)) (e^{u'} for exp), (uⁿ)' as n·u'."""
    node, prim = site.node, PRIMITIVES[site.node.op]
    (u,), (du,), (local,) = site.args, site.inner, site.local
    graph = site.graph
    if prim.rule in LINEAR or graph.nodes[node.inputs[0]].op == "input" or du in (0, 1):
        return []
    found = []
    wrt = graph.nodes[site.wrt_id]
    if wrt.op == "input":
        x = symbol(wrt.names[0])
        at_x = site.partials(node, [x])[0]
        found.append(Candidate("chain-rule-misapplied", node.id, f"the chain rule gives at {site.where} if the "
                               f"outer derivative is taken at {wrt.names[0]} rather than at the inner function: "
                               f"f'({wrt.names[0]})·g'({wrt.names[0]}) = {s(at_x)}·{s(du)}", at_x * du))
    of_inner = site.partials(node, [du])[0]
    form = "e^(u')" if node.op == "exp" else "f'(u')"
    found.append(Candidate("chain-rule-misapplied", node.id, f"the chain rule gives at {site.where} if the outer "
                           f"derivative is taken at the inner derivative, {form} = {s(of_inner)}", of_inner))
    whole = prim.sym(_S, node.exact)
    base, expo = whole.as_base_exp()
    if prim.rule == "power rule" and base == _S and expo.is_number:
        found.append(Candidate("chain-rule-misapplied", node.id, f"the chain rule gives at {site.where} if (uⁿ)' "
                               f"is taken as n·u' = {s(expo)}·{s(du)}", expo * du))
    return found


def _constant_differentiated(site: Site) -> list:
    """A gate's constant written as an expression (pi**3, log(5), sqrt(2)) differentiated as if its argument
    varied: (pi**3)' taken as 3*pi**2, (log 5)' as 1/5."""
    node = site.node
    c = node.exact
    if c is None or not isinstance(c, (sympy.Pow, sympy.Function)) or not c.args or not c.args[0].is_number:
        return []
    dummy = sympy.Dummy("a")
    slopes = [sympy.diff(c.func(dummy, *c.args[1:]), dummy).xreplace({dummy: c.args[0]})]
    if c.func == sympy.exp:           # e^3 read as a power: (e^3)' taken as 3·e^2
        slopes.append(c.args[0] * sympy.E ** (c.args[0] - 1))
    prim = PRIMITIVES[node.op]
    try:
        with_p = prim.sym(_S, _P)
    except (TypeError, ValueError):
        return []
    table = {_S: site.args[0], _P: c}
    right, extra = sympy.diff(with_p, _S).xreplace(table) * site.inner[0], sympy.diff(with_p, _P).xreplace(table)
    return [Candidate("constant-differentiated", node.id, f"you get at {site.where} if the constant "
                      f"{node.param_text or s(c)} is differentiated as if it varied (its derivative taken as "
                      f"{s(dc)})", right + extra * dc) for dc in slopes if dc != 0]
