"""Can a finite-difference step resolve f at all? Asked before a mismatch is confirmed.

Central differences sample f at x ± h with h = 1e-6·max(1, |x|). For a periodic gate that is far too
coarse when its argument is large: sin(x) at x = 1e12 takes h = 1e6, which spans about 160,000 periods.
The quotients of h and h/10 are then both meaningless and no number of samples can tell an aliased
oscillation from a slope. The step resolves a periodic gate only if its argument moves by less than
MAX_TURN radians across the step; this is read off the perturbed forward passes themselves (the values
at x + h and x - h), not from any derivative, so it never depends on the gradient being judged.
"""
from __future__ import annotations

import math

PERIODIC = ("sin", "cos", "tan")
MAX_TURN = 1.0   # radians: about a sixth of sin's period; beyond it samples can alias


def unresolved(graph, up: list, down: list) -> str | None:
    """Why the step from the values ``down`` to ``up`` (every node's primal) cannot resolve f, or None."""
    worst, moved = None, 0.0
    for node in graph.nodes:
        if node.op in PERIODIC:
            arg = node.inputs[0]
            turn = abs(up[arg] - down[arg])
            if not turn <= MAX_TURN and not turn <= moved:      # nan counts as unresolved
                worst, moved = node, turn
    if worst is None:
        return None
    return (f"the step moves the argument of {worst.name} = {worst.op}(...) by {moved:.3g} rad (about "
            f"{moved / (2 * math.pi):.3g} periods); central differences cannot resolve a periodic function "
            "at this scale")
