"""What a catalog entry is: a ``Candidate`` (one mistake at one node, and the wrong derivative it gives) and the
``Site`` a node rule looks at. Every module of the catalog builds on these; nothing here knows a rule."""
from __future__ import annotations

from dataclasses import dataclass

from symgraph.core.lower import Graph


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
