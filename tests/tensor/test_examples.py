"""The seeds vectorized (examples/tensors/): the CLI's JSON against the expected JSON (the seed's printed
numbers, or NumPy with a hand-written backward), and the CLI's refusals and exit codes on tensor programs."""
import json

import numpy as np
import pytest

from symgraph.cli import main
from tests.helpers import EXAMPLES

TENSORS = EXAMPLES / "tensors"


def _point(name):
    npz = TENSORS / f"{name}.npz"
    return f"@{npz}" if npz.exists() else f"@{TENSORS / name}.point.json"


@pytest.mark.parametrize("name", sorted(p.stem for p in TENSORS.glob("*.txt")))
def test_example_reproduces_its_expected_numbers(runner, name):
    expected = json.loads((TENSORS / f"{name}.expected.json").read_text())
    result = runner.invoke(main, ["grad", f"@{TENSORS / name}.txt", "--at", _point(name), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    tol = expected["tolerance"]
    assert doc["ok"] is True and doc["schema"] == "symgraph.tensor-grad/1"
    assert doc["value"] == pytest.approx(expected["value"], abs=tol, rel=tol)
    for var, value in expected["gradient"].items():
        assert np.allclose(doc["gradient"][var], value, atol=tol, rtol=tol), var
        assert doc["shapes"][var] == list(np.shape(value))
    assert doc["shapes"][doc["output"]] == []


def test_the_neuron_in_one_line(runner):
    result = runner.invoke(main, ["grad", "sigmoid(dot(w, x) + b)", "--at", "w=[2,-3], x=[-1,-2], b=-3",
                                  "--format", "json"])
    doc = json.loads(result.output)
    assert round(doc["value"], 2) == 0.73 and doc["gradient"]["b"] == pytest.approx(0.2, abs=0.005)
    assert {row["name"]: row["shape"] for row in doc["graph"]["nodes"]}["w"] == [2]
    rules = [v["rule"] for row in doc["graph"]["nodes"] for v in row.get("vjp", [])]
    assert "adj(w) += adj(v2) * x" in rules


@pytest.mark.parametrize("args, fragment, caret", [
    (["W @ x", "--at", "W=[[1,2],[3,4],[5,6]], x=[1,2,3]"], "(3, 2) @ (3,): the inner sizes 2 and 3 differ", 2),
    (["sum(W, axis=2)", "--at", "W=[[1,2],[3,4]]"], "has no axis 2", 7),
    (["W[2, 0]", "--at", "W=[[1,2],[3,4]]"], "index 2 is out of range for axis 0 of size 2", 1),
    (["sum(w)", "--at", "w=[1,[2]]"], "ragged", None),
    (["sum(w)", "--at", "w=[1,nan]"], "not a number", None),
    (["sum(log(w))", "--at", "w=[1,-1]"], "not finite", None),
    (["w + x", "--at", "w=[1,2]"], "x has no value", 4),
    (["W @ x", "--shapes", "W=3x4,x=3"], "(3, 4) @ (3,): the inner sizes 4 and 3 differ", 2),
    (["sum(w)", "--at", "w=[1,2]", "--shapes", "w=3"], "--shapes says w is (3,)", None),
    (["w", "--at", "w=[1,2]"], "grad needs a scalar output", None),
    (["-mean(pick(log_softmax(Z), y))", "--at", "Z=[[1,2],[3,4]], y=[0,2]"], "labels must be whole numbers", 6),
    (["sum(Z)", "--at", "Z=[1,2]", "--wrt", "Z,q"], "not an input", None),
])
def test_refusals_exit_2_with_one_line_and_a_caret(runner, args, fragment, caret):
    result = runner.invoke(main, ["grad", *args])
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("error: ") and fragment in lines[0], lines
    assert "Traceback" not in result.output
    if caret is not None:
        assert lines[2].index("^") - 2 == caret, lines


def test_a_pickle_is_refused(runner, tmp_path):
    np.save(tmp_path / "o.npy", np.array([object()], dtype=object), allow_pickle=True)
    result = runner.invoke(main, ["grad", "sum(w)", "--at", f"w=@{tmp_path / 'o.npy'}"])
    assert result.exit_code == 2 and "pickle" in result.output


def test_plain_trace_has_both_passes_and_every_rule(runner):
    result = runner.invoke(main, ["grad", "@" + str(TENSORS / "mlp.txt"), "--at", _point("mlp"),
                                  "--wrt", "W1,b1,w2,b2"])
    out = result.output
    assert result.exit_code == 0
    assert "forward pass" in out and "backward pass" in out
    assert "adj(W1) += X.T @ adj(v2)    [X 5×4, W1 4×3, v2 5×3]" in out
    assert "adj(h) += outer(adj(v7), w2)" in out


def test_given_direction_and_seed(runner):
    base = ["grad", "sum(w * w)", "--at", "w=" + str(list(range(1, 80))), "--format", "json"]
    doc = json.loads(runner.invoke(main, base + ["--direction", "w=" + str([1] + [0] * 78)]).output)
    assert doc["directional_derivative"] == pytest.approx(2.0) and doc["direction"]["given"] is True
    doc = json.loads(runner.invoke(main, base + ["--seed", "3"]).output)
    assert doc["direction"]["seed"] == 3 and doc["check_plan"]["strategy"] == "bounded"
