"""Backprop gate mistakes (CS231n's circuit view): each gate's local gradient applied wrongly at one node.

Over a named decomposition the student multiplies the upstream gradient by each gate's local gradient; these
are the gates' classic slips, built from the node's row (its ``rule`` and true local partials):

* relu-gate-mask-ignored: the ReLU's 0/1 mask not applied (the gradient passed through where the input is
  negative);
* max-gate-routed-wrong: the max (min) gate's gradient sent to the input that was not chosen, or split evenly;
* multiply-gate-inputs-not-swapped: the multiply gate's local gradient for an input taken as that input
  itself rather than the other one;
* local-gradient-missing: a gate's local gradient left out (the upstream gradient passed through unchanged).

upstream-missing (the upstream gradient left out) is a whole-answer mistake: concepts.py.
"""
from __future__ import annotations

import sympy

from symgraph.core.primitives import PRIMITIVES
from symgraph.judging.catalog.base import Candidate, Site
from symgraph.steps.forms import LINEAR

s = sympy.sstr


def candidates(site: Site) -> list:
    rule = PRIMITIVES[site.node.op].rule
    node, where, inner = site.node, site.where, site.inner
    if rule in ("relu rule", "leaky relu rule"):
        return [Candidate("relu-gate-mask-ignored", node.id, f"the ReLU gate gives at {where} if its mask is "
                          "ignored (the gradient passed through as if the input were positive)", inner[0])]
    if rule.startswith(("max rule", "min rule")):
        (du, dv), (lu, lv) = inner, site.local
        gate = rule.split()[0]
        return [Candidate("max-gate-routed-wrong", node.id, f"the {gate} gate gives at {where} if the gradient is "
                          "routed to the input that was not chosen", lv * du + lu * dv),
                Candidate("max-gate-routed-wrong", node.id, f"the {gate} gate gives at {where} if the gradient is "
                          "split evenly between its inputs", (du + dv) / 2)]
    if rule == "product rule" and len(site.args) == 2:
        (u, v), (du, dv) = site.args, inner
        found = [Candidate("multiply-gate-inputs-not-swapped", node.id, f"the multiply gate gives at {where} if "
                           f"each input's local gradient is taken as that input itself (not the other one: "
                           f"{s(u)}·{s(du)} + {s(v)}·{s(dv)})" if du != 0 and dv != 0 else
                           f"the multiply gate gives at {where} if the local gradient is taken as the input "
                           f"itself, {s(u if du != 0 else v)}, not the other input "
                           f"{s(v if du != 0 else u)}", u * du + v * dv)]
        if du != 0 and dv != 0:
            found.append(Candidate("local-gradient-missing", node.id, f"the multiply gate gives at {where} if its "
                                   "local gradients are left out (the gradient passed to both inputs unchanged, "
                                   "as an add gate would)", du + dv))
        return found
    # with the variable itself as input (inner 1), dropping the gate's local gradient is the next gate's
    # chain-inner-missing: named there
    if len(site.args) == 1 and rule not in LINEAR and inner[0] not in (0, 1):
        return [Candidate("local-gradient-missing", node.id, f"the {rule} gives at {where} if the gate's local "
                          f"gradient {s(site.local[0])} is left out (the upstream gradient passed through "
                          "unchanged)", inner[0])]
    return []
