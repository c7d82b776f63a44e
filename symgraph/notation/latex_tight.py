"""LaTeX written tight where readers differ, as in the plain syntax (tight.py, divided.py): ``1/2x`` and
``x/2y`` keep TeX's reading (1/2)*x, ``e^2x`` keeps TeX's e^2 x (TeX sets e²x), each with a note naming
the other way to write it; under notes.other_reading they read 1/(2x) and e^{2x} (issue 23).

Called by build.py's implicit product with its two factors, before it multiplies them."""
from __future__ import annotations

from typing import Optional

from symgraph.core.tree import Node
from symgraph.notation.notes import note, reading_other


def tight_product(a: Node, b: Node, source: str) -> Optional[Node]:
    """The product of ``a`` and ``b`` read the other way (or None: the caller multiplies), with a note when
    ``a`` is a division written with '/' or a power of e with an unbraced number, touching ``b``."""
    if a.kind != "bin" or not a.args or a.args[1].end != b.start:
        return None
    left, right = a.args
    if a.text == "/" and source[a.col:a.col + 1] == "/":
        num, den, rest = source[left.start:left.end], source[right.start:right.end], source[b.start:b.end]
        note(f"{num}/{den}{rest} is read as ({num}/{den})*{rest}; for {num}/({den}{rest}) write "
             f"\\frac{{{num}}}{{{den}{rest}}}")
        if reading_other():
            return Node("bin", "/", (left, _times(right, b)), a.col, a.start, b.end)
    elif a.text == "**" and left.kind == "name" and left.text == "e" and right.kind == "num" \
            and source[right.start - 1:right.start] == "^" and b.kind == "name":
        text = source[a.start:b.end]
        note(f"{text} is read as e^{right.text} {b.text}, as TeX sets it; for e to the power {right.text}{b.text} "
             f"write e^{{{right.text}{b.text}}}")
        if reading_other():
            return Node("bin", "**", (left, _times(right, b)), a.col, a.start, b.end)
    return None


def _times(a: Node, b: Node) -> Node:
    return Node("bin", "*", (a, b), b.start, a.start, b.end)
