"""How every text renderer writes a number: ``digits`` significant digits, ``-0`` as ``0``, and a negative
factor in parentheses."""
from __future__ import annotations


def fmt(x, digits: int) -> str:
    if isinstance(x, str):
        return x
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    if x != x or x in (float("inf"), float("-inf")):
        return str(x)
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def factor(x, digits: int) -> str:
    """A number inside a product: negatives in parentheses, so ``1·(-1)`` never reads as ``1*-1``."""
    text = fmt(x, digits)
    return f"({text})" if text.startswith("-") else text
