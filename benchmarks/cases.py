"""Generators for the benchmark inputs: the MLP loss, long statement chains, random expressions.

Each generator returns (source text, point as {name: float}); the text uses only symgraph's syntax, so
the same text feeds symgraph and (in the benchmark only) the SymPy route being compared against.
"""
from __future__ import annotations

import random
import re


def mlp(n_in: int = 40, n_hidden: int = 40, seed: int = 0) -> tuple[str, dict]:
    """``sum_j v_j*(sum_i W_j_i*x_i + b_j)**2``: n_hidden*(n_in + 2) + n_in variables."""
    rng = random.Random(seed)
    terms = []
    for j in range(n_hidden):
        inner = " + ".join(f"W_{j}_{i}*x_{i}" for i in range(n_in))
        terms.append(f"v_{j}*({inner} + b_{j})**2")
    names = [f"x_{i}" for i in range(n_in)] + [f"W_{j}_{i}" for j in range(n_hidden) for i in range(n_in)]
    names += [f"b_{j}" for j in range(n_hidden)] + [f"v_{j}" for j in range(n_hidden)]
    point = {name: round(rng.uniform(-1, 1), 6) for name in names}
    return " + ".join(terms) + "\n", point


def chain(n: int, x: float = 0.7) -> tuple[str, dict]:
    """``h{i} = sin(h{i-1}) + 0.003*x``: n statements, one variable, depth n."""
    lines = ["h0 = sin(x)"] + [f"h{i} = sin(h{i - 1}) + 0.003*x" for i in range(1, n)]
    return "\n".join(lines) + "\n", {"x": x}


_UNARY = ["sin", "cos", "tanh", "exp", "atan"]     # functions SymPy's parser knows by the same name


def random_program(n_vars: int, n_ops: int, seed: int = 0) -> tuple[str, dict]:
    """A random program of n_ops statements over n_vars variables, each statement one operation on
    earlier results (so the text stays linear in n_ops while the graph shares subexpressions).
    Domain-safe everywhere: no log, sqrt or division by a variable; exp only of a tanh."""
    rng = random.Random(seed)
    names = [f"a{i}" for i in range(n_vars)]
    pool = list(names)
    lines = []
    for k in range(n_ops):
        roll = rng.random()
        recent = pool[-30:]
        if roll < 0.25:
            fn = rng.choice(_UNARY)
            arg = rng.choice(recent)
            expr = f"exp(tanh({arg}))" if fn == "exp" else f"{fn}({arg})"
        else:
            expr = f"{rng.choice(recent)} {rng.choice(['+', '-', '*'])} {rng.choice(names)}"
            if roll > 0.9:
                expr = f"tanh({expr})"
        lines.append(f"t{k} = {expr}")
        pool.append(f"t{k}")
    lines.append("f = " + " + ".join(f"tanh(t{k})" for k in range(max(0, n_ops - 8), n_ops)))
    text = "\n".join(lines) + "\n"
    values = {name: round(rng.uniform(-1, 1), 6) for name in names}
    used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", text))
    return text, {name: x for name, x in values.items() if name in used}


# Input shapes for the scale table (issue 10): each returns (text, point) for about ``n`` graph nodes.

def long_sum(n: int) -> tuple[str, dict]:
    """``x+x+...+x``: n terms, n nodes (one input, n-1 additions); 2n characters."""
    return "+".join(["x"] * n) + "\n", {"x": 0.5}


def distinct_sum(n: int) -> tuple[str, dict]:
    """``a0+a1+...``: n distinct variables with a JSON point of n entries; 2n nodes."""
    names = [f"a{i}" for i in range(n)]
    return "+".join(names) + "\n", {name: 0.25 for name in names}


def nested_constant(depth: int) -> tuple[str, dict]:
    """``x + sin(sin(...sin(1)...))``: a constant nested ``depth`` levels (folded into one gate)."""
    return "x + " + "sin(" * depth + "1" + ")" * depth + "\n", {"x": 0.5}


def fraction_product(n: int) -> tuple[str, dict]:
    """``x*(1/2)*(2/3)*...``: n constant fractions, one gate each."""
    factors = [f"({k % 7 + 1}/{k % 5 + 2})" for k in range(n)]
    return "x*" + "*".join(factors) + "\n", {"x": 0.5}
