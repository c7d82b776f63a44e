"""JAX as an independent reference, run in a child process (``python -m tests.higher.jax_reference``).

JAX starts threads; a test process that later forks (the classroom grader's parallel runs) must not have
imported it. So the tests build expression trees here (pure Python, no JAX), and one child process reads
them as JSON on stdin, computes ``jax.hessian`` or ``jax.jacfwd`` in float64 and prints the matrices.
Each tree is also written as symgraph text (``text``): one tree, two independent implementations.
"""
from __future__ import annotations

import json
import sys

UNARY = ("sin", "cos", "tanh", "exp", "atan", "sigmoid", "softplus")
SAFE = {   # always inside the domain: symgraph text of u
    "log1p2": "log(1 + ({0})^2)", "sqrt1p2": "sqrt(1 + ({0})^2)", "recip": "1/(2 + ({0})^2)",
}


def random_tree(rng, names, depth):
    if depth == 0 or rng.random() < 0.2:
        return ["var", rng.choice(names)] if rng.random() < 0.8 else ["num", rng.choice([0.5, 2.0, -1.5, 3.0])]
    kind = rng.choice(["add", "sub", "mul", "mul", "unary", "safe", "pow"])
    if kind in ("add", "sub", "mul"):
        return [kind, random_tree(rng, names, depth - 1), random_tree(rng, names, depth - 1)]
    if kind == "pow":
        return ["pow", random_tree(rng, names, depth - 1), rng.choice([2, 3])]
    return [kind, rng.choice(sorted(UNARY if kind == "unary" else SAFE)), random_tree(rng, names, depth - 1)]


def text(t) -> str:
    k = t[0]
    if k == "var":
        return t[1]
    if k == "num":
        return f"({t[1]})"
    if k in ("add", "sub", "mul"):
        return f"({text(t[1])} {'+-*'[['add', 'sub', 'mul'].index(k)]} {text(t[2])})"
    if k == "pow":
        return f"({text(t[1])})^{t[2]}"
    if k == "unary":
        return f"{t[1]}({text(t[2])})"
    return SAFE[t[1]].format(text(t[2]))


def variables(t) -> set:
    if t[0] == "var":
        return {t[1]}
    return set().union(*[variables(a) for a in t[1:] if isinstance(a, list)])


def _jax_value(t, env, jnp, jax):
    k = t[0]
    if k == "var":
        return env[t[1]]
    if k == "num":
        return t[1]
    if k in ("add", "sub", "mul"):
        a, b = _jax_value(t[1], env, jnp, jax), _jax_value(t[2], env, jnp, jax)
        return a + b if k == "add" else a - b if k == "sub" else a * b
    if k == "pow":
        return _jax_value(t[1], env, jnp, jax) ** t[2]
    u = _jax_value(t[2], env, jnp, jax)
    if k == "unary":
        return {"sin": jnp.sin, "cos": jnp.cos, "tanh": jnp.tanh, "exp": jnp.exp, "atan": jnp.arctan,
                "sigmoid": jax.nn.sigmoid, "softplus": jax.nn.softplus}[t[1]](u)
    return {"log1p2": lambda: jnp.log(1 + u ** 2), "sqrt1p2": lambda: jnp.sqrt(1 + u ** 2),
            "recip": lambda: 1 / (2 + u ** 2)}[t[1]]()


def main() -> None:
    import jax

    jax.config.update("jax_enable_x64", True)
    jnp = jax.numpy
    out = []
    for job in json.load(sys.stdin):
        names, values = job["names"], jnp.array(job["values"], dtype=float)

        def f(v, trees=job["trees"]):
            env = dict(zip(names, v))
            return jnp.stack([jnp.asarray(_jax_value(t, env, jnp, jax), dtype=float) for t in trees])

        if job["kind"] == "hessian":
            matrix = jax.hessian(lambda v: f(v)[0])(values)
        else:
            matrix = jax.jacfwd(f)(values)
        out.append([[float(x) for x in row] for row in matrix.tolist()])
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
