"""At a tie of max/min (or relu at 0) the table splits the adjoint 1/2 each way; a backward pass may give it
all to one side, which is as right (a one-sided gradient): the adjoints under both conventions."""
from __future__ import annotations

import numpy as np

from symgraph.tensor.modes import reverse
from symgraph.tensor.table import unbroadcast


def tie_conventions(graph, primals, seed) -> list:
    """At a tie of max/min (or relu at 0) the table splits the adjoint 1/2 each way; a backward pass may
    give it all to one side, which is as right (a one-sided gradient). The adjoints under both conventions,
    when the point has such a tie (else [])."""
    tied = []
    for i, node in enumerate(graph.nodes):
        if node.op in ("maximum", "minimum") and np.any(primals[node.args[0]] == primals[node.args[1]]):
            tied.append(i)
        elif node.op == "relu" and np.any(primals[node.args[0]] == 0):
            tied.append(i)
    out = []
    for weight in (0.0, 1.0):
        def vjp_of(j, row, w=weight):
            if j not in tied:
                return None
            if row.name == "relu":
                return lambda g, o, a, **kw: (g * ((a > 0) + w * (a == 0)),)
            pick = np.maximum if row.name == "maximum" else np.minimum

            def vjp(g, o, a, b, **kw):
                wa = np.where(a == b, w, (pick(a, b) == a).astype(float))
                return unbroadcast(g * wa, np.shape(a)), unbroadcast(g * (1.0 - wa), np.shape(b))
            return vjp
        if tied:
            out.append(reverse(graph, primals, seed, vjp_of=vjp_of))
    return out
