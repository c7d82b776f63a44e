"""An independent implementation agrees: JAX's ``hessian`` and ``jacfwd`` against symgraph's Hessian
(forward-over-reverse on the graph) and Jacobian (several outputs), on textbook functions and on random
programs generated here (tests/higher/jax_reference.py builds each as a tree: symgraph text on one side, a
JAX function on the other, in a child process so that this process never starts JAX's threads).

JAX is optional (a large download): ``pip install jax jaxlib`` to run this file; without it the tests skip
and say so.
"""
import importlib.util
import json
import random
import subprocess
import sys

import pytest

from symgraph.higher.hessian import hessian
from symgraph.higher.jacobian import jacobian
from tests.higher.jax_reference import random_tree, text, variables

def _has_jax() -> bool:
    try:
        return importlib.util.find_spec("jax") is not None
    except (ImportError, ValueError):
        return False


if not _has_jax():
    pytest.skip("jax is not installed (optional): pip install jax jaxlib to compare against JAX's hessian and "
                "jacfwd", allow_module_level=True)

X, Y = ["var", "x"], ["var", "y"]


def num(v):
    return ["num", v]


def sq(t):
    return ["pow", t, 2]


TEXTBOOK = [    # Rosenbrock at its minimum, Himmelblau at a minimum, a saddle, Booth's function
    (["add", sq(["sub", num(1.0), X]), ["mul", num(100.0), sq(["sub", Y, sq(X)])]], [1.0, 1.0], "minimum"),
    (["add", sq(["sub", ["add", sq(X), Y], num(11.0)]), sq(["sub", ["add", X, sq(Y)], num(7.0)])], [3.0, 2.0],
     "minimum"),
    (["mul", ["mul", X, Y], ["unary", "exp", ["mul", num(-0.5), ["add", sq(X), sq(Y)]]]], [0.0, 0.0], "saddle"),
    (["add", sq(["sub", ["add", X, ["mul", num(2.0), Y]], num(7.0)]),
      sq(["sub", ["add", ["mul", num(2.0), X], Y], num(5.0)])], [1.0, 3.0], "minimum"),
]


def _random_hessian_jobs():
    jobs = []
    for seed in range(10):
        rng = random.Random(1000 + seed)
        names = ["a", "b", "c"][: rng.randint(1, 3)]
        tree = random_tree(rng, names, 4)
        values = [round(rng.uniform(-1.5, 1.5), 3) for _ in names]
        used = [n for n in names if n in variables(tree)]
        if used:
            jobs.append({"kind": "hessian", "trees": [tree], "names": used,
                         "values": [v for n, v in zip(names, values) if n in used]})
    return jobs


def _random_jacobian_jobs():
    jobs = []
    for seed in range(6):
        rng = random.Random(2000 + seed)
        names = ["a", "b", "c"]
        jobs.append({"kind": "jacobian", "trees": [random_tree(rng, names, 3) for _ in range(3)], "names": names,
                     "values": [round(rng.uniform(-1.5, 1.5), 3) for _ in names]})
    return jobs


TEXTBOOK_JOBS = [{"kind": "hessian", "trees": [t], "names": ["x", "y"], "values": p} for t, p, _ in TEXTBOOK]
HESSIAN_JOBS = _random_hessian_jobs()
JACOBIAN_JOBS = _random_jacobian_jobs()


@pytest.fixture(scope="module")
def reference():
    """Every job's JAX matrix, from one child process."""
    jobs = TEXTBOOK_JOBS + HESSIAN_JOBS + JACOBIAN_JOBS
    done = subprocess.run([sys.executable, "-m", "tests.higher.jax_reference"], input=json.dumps(jobs),
                          capture_output=True, text=True, timeout=300, check=True)
    return {id(job): matrix for job, matrix in zip(jobs, json.loads(done.stdout))}


def _close(a, b, tol=1e-9):
    return abs(a - b) <= tol * (1 + abs(b))


def _agree_hessian(job, ref):
    report = hessian(text(job["trees"][0]), dict(zip(job["names"], job["values"])), trace=False)
    for i, a in enumerate(job["names"]):
        for j, b in enumerate(job["names"]):
            assert _close(report.hessian[a][b], ref[i][j]), (a, b, report.hessian[a][b], ref[i][j])
    return report


@pytest.mark.parametrize("k", range(len(TEXTBOOK)))
def test_textbook_hessians_agree_with_jax(k, reference):
    job = TEXTBOOK_JOBS[k]
    report = _agree_hessian(job, reference[id(job)])
    assert report.critical_point["verdict"] == TEXTBOOK[k][2] and report.ok


@pytest.mark.parametrize("k", range(len(HESSIAN_JOBS)))
def test_random_programs_hessian_agrees_with_jax(k, reference):
    job = HESSIAN_JOBS[k]
    assert _agree_hessian(job, reference[id(job)]).ok is not False


@pytest.mark.parametrize("k", range(len(JACOBIAN_JOBS)))
def test_random_jacobians_agree_with_jacfwd(k, reference):
    job = JACOBIAN_JOBS[k]
    src = "; ".join(f"y{i} = {text(t)} + 0*a + 0*b + 0*c" for i, t in enumerate(job["trees"])) + "; return y0, y1, y2"
    report = jacobian(src, dict(zip(job["names"], job["values"])), trace=False)
    ref = reference[id(job)]
    for i in range(3):
        for j, x in enumerate(job["names"]):
            assert _close(report.jacobian[f"y{i}"][x], ref[i][j]), (i, x)
    assert report.ok is not False
