"""Helpers for the tensor tests: the corpus, random points, and central differences (an oracle that uses
only the forward pass)."""
from pathlib import Path

import numpy as np

from symgraph.tensor.values import parse_shapes

CORPUS = Path(__file__).with_name("corpus.txt")


def corpus() -> list:
    """(shapes, program, positive) per line."""
    out = []
    for line in CORPUS.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("::")]
        out.append((parse_shapes(parts[0]), parts[1], len(parts) > 2 and parts[2] == "positive"))
    return out


def random_point(shapes: dict, rng, positive=False) -> dict:
    lo, hi = (0.5, 2.0) if positive else (-2.0, 2.0)
    point = {}
    for name, shape in shapes.items():
        v = rng.uniform(lo, hi, shape)
        point[name] = np.asarray(np.where(np.abs(v) < 0.05, v + 0.2, v), dtype=float)   # away from kinks at 0
    return point
