"""Forward mode and reverse mode: two short generic loops over the graph.

Neither loop knows any op: both only read the local partials the forward pass stored on each edge.

* Forward mode pushes tangents dv/dx_i from the inputs to the output. Every input needs its own
  tangent, so the loop carries one tangent per input (a NumPy row) -- the seed's "one derivative graph per
  input", done side by side in a single sweep. Multiplications: edges x inputs.
* Reverse mode pulls adjoints df/dv from the output back to the inputs, one sweep for all inputs,
  accumulating ``u.adjoint += v.adjoint * dv/du`` at shared nodes. Multiplications: edges.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from .evaluate import Evaluation
from .lower import Graph


@dataclass
class ForwardResult:
    wrt: list                      # input names, one tangent column each
    tangents: object               # array (n_nodes, n_wrt): dv/dx_i for every node v
    multiplications: int = 0
    passes: int = 0

    def derivative(self, graph: Graph, name: str, of: int | None = None) -> float:
        column = self.wrt.index(name)
        return float(self.tangents[graph.output if of is None else of, column])


@dataclass
class ReverseResult:
    adjoints: list                 # df/dv for every node v
    steps: list = field(default_factory=list)  # (v, u, adjoint_v, local, before, after) in order
    multiplications: int = 0
    passes: int = 1


def forward_mode(graph: Graph, ev: Evaluation, wrt: list) -> ForwardResult:
    """dv/dx_i for every node v and every input x_i in ``wrt``."""
    import numpy as np  # imported here: most commands only need it for forward mode

    tangents = np.zeros((len(graph.nodes), len(wrt)))
    for column, name in enumerate(wrt):
        tangents[graph.inputs[name], column] = 1.0     # dx_i/dx_i = 1, the seed's first node
    mults = 0
    for node in graph.nodes:
        if not node.inputs:
            continue
        row = tangents[node.id]
        for u, local in zip(node.inputs, ev.partials[node.id]):
            if local == 0.0:
                pass                      # contributes nothing
            elif math.isfinite(local):
                row += local * tangents[u]
            else:                         # an infinite slope times a zero tangent counts as 0
                row += np.where(tangents[u] == 0.0, 0.0, local * tangents[u])
            mults += len(wrt)
    return ForwardResult(list(wrt), tangents, mults, passes=len(wrt))


def reverse_mode(graph: Graph, ev: Evaluation, output: int | None = None, record: bool = True) -> ReverseResult:
    """df/dv for every node v, where f is ``output`` (the graph's output by default)."""
    out = graph.output if output is None else output
    adjoints = [0.0] * len(graph.nodes)
    adjoints[out] = 1.0                                # df/df = 1
    steps, mults = [], 0
    for v in reversed(graph.nodes[: out + 1]):
        adjoint_v = adjoints[v.id]
        for u, local in zip(v.inputs, ev.partials[v.id]):
            before = adjoints[u]
            if adjoint_v != 0.0 and local != 0.0:      # skip zero terms so that 0*inf stays 0
                adjoints[u] += adjoint_v * local
            mults += 1
            if record:
                steps.append((v.id, u, adjoint_v, local, before, adjoints[u]))
    return ReverseResult(adjoints, steps, mults)


def count_paths(graph: Graph) -> int:
    """Number of input-to-output paths: the terms a path-by-path chain rule would sum."""
    paths = [0] * len(graph.nodes)
    for node in graph.nodes:
        paths[node.id] = 1 if node.op == "input" else sum(paths[u] for u in node.inputs)
    return paths[graph.output]
