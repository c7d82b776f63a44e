"""Helpers for the tensor tests: the corpus, random points, and central differences (an oracle that uses
only the forward pass)."""
from pathlib import Path

import numpy as np

from symgraph.tensor.values import parse_shapes

CORPUS = Path(__file__).with_name("corpus.txt")


def corpus() -> list:
    """(shapes, program, kind) per line; kind: None, "positive" or "labels"."""
    out = []
    for line in CORPUS.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split("::")]
        out.append((parse_shapes(parts[0]), parts[1], parts[2] if len(parts) > 2 else None))
    return out


def random_point(shapes: dict, rng, kind=None) -> dict:
    """Uniform in [-2, 2] away from 0; kind "positive": [0.5, 2]; kind "labels": y holds labels 0, 1, 2."""
    lo, hi = (0.5, 2.0) if kind == "positive" else (-2.0, 2.0)
    point = {}
    for name, shape in shapes.items():
        if kind == "labels" and name == "y":
            point[name] = rng.integers(0, 3, shape).astype(float)
            continue
        v = rng.uniform(lo, hi, shape)
        point[name] = np.asarray(np.where(np.abs(v) < 0.05, v + 0.2, v), dtype=float)   # away from kinks at 0
    return point
