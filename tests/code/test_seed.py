"""The CS231n seed's code, pasted as written (x = [-1, 2], not the picture's x1 = -2), checks."""
import math
import pathlib

import numpy as np
import pytest

from tests.code.planted import check, first_mistake, line_of, source
from tests.helpers import run

SEED = pathlib.Path("/work/shared/seeds")


def _seed_snippet() -> str:
    """The seed post's only code block, verbatim, from the seed file when it is on this machine."""
    files = sorted(SEED.glob("001_*.txt")) if SEED.exists() else []
    if not files:
        pytest.skip("the seed file /work/shared/seeds/001_*.txt is not on this machine")
    text = files[0].read_text()
    start = text.index("{% highlight python %}") + len("{% highlight python %}\n")
    return text[start:text.index("{% endhighlight %}", start)]


def test_the_seed_snippet_verbatim_with_import_math_checks():
    report = check("import math\n" + _seed_snippet(), shapes=None)
    assert report.ok and report.output == "f"
    assert [(r.name, r.ok) for r in report.lines] == [("ddot", True), ("dx", True), ("dw", True)]


def test_the_example_file_holds_the_seed_numbers():
    report = check(source("seed_neuron.py"), shapes=None)
    # independent: the seed's arithmetic by hand, at x = [-1, 2] as its code says
    dot = 2 * -1 + -3 * 2 + -3
    f = 1 / (1 + math.exp(-dot))
    rows = {r.name: r for r in report.lines}
    assert rows["ddot"].true == pytest.approx((1 - f) * f, rel=1e-12)
    assert abs(rows["ddot"].true) < 2e-5                       # tiny: errors are judged relative to it
    assert report.ok


@pytest.mark.parametrize("old, new, name, mistake", [
    ("ddot = (1 - f) * f", "ddot = (1 - dot) * dot", "ddot", "sigmoid-derivative-of-input"),
    ("ddot = (1 - f) * f", "ddot = (1 - f) * f * 1.001", "ddot", None),
    ("dx = [w[0] * ddot, w[1] * ddot]", "dx = [w[1] * ddot, w[0] * ddot]", "dx", None),
    ("dw = [x[0] * ddot, x[1] * ddot, 1.0 * ddot]", "dw = [x[0] * ddot, x[1] * ddot, 1.0]", "dw", "upstream-missing"),
])
def test_a_wrong_seed_line_is_caught_at_the_seeds_tiny_gradient(old, new, name, mistake):
    text = source("seed_neuron.py").replace(old, new)
    report = check(text, shapes=None)
    assert not report.ok
    assert first_mistake(report) == (line_of(text, new), name, mistake)


def test_later_lines_build_on_the_first_wrong_one():
    report = check(source("seed_neuron.py").replace("ddot = (1 - f) * f", "ddot = f"), shapes=None)
    rows = {r.name: r for r in report.lines}
    assert report.first_wrong["name"] == "ddot"
    assert rows["dx"].why == "it builds on your ddot, which is wrong; fix ddot first"
    assert rows["dx"].diagnosis is None


def test_cli_exit_codes_and_json():
    ok = run("check", "--code", "examples/code/seed_neuron.py", "--format", "json")
    assert ok.exit_code == 0
    import json

    data = json.loads(ok.output)
    assert data["schema"] == "symgraph.code/1" and data["ok"] is True and data["first_wrong"] is None
    assert set(data["lines"][0]) >= {"line", "name", "claim", "ok", "shape", "expected_shape", "max_abs_err",
                                     "diagnosis"}
    wrong = run("check", "--code", "-", input=source("seed_neuron.py").replace("(1 - f) * f", "(1 - dot) * dot"))
    assert wrong.exit_code == 1
    assert "first wrong line: line 13: ddot = (1 - dot) * dot" in wrong.output
    assert "mistake sigmoid-derivative-of-input: σ(1−σ) is computed" in wrong.output


def test_output_names_the_scripts_output():
    text = "x = [1.0, 2.0]\ny = x[0] * x[1]\nf = y * 3\ndx = [x[1], x[0]]\n"
    assert check(text, shapes=None, output="y").ok
    assert not check(text, shapes=None).ok
    np.testing.assert_allclose(check(text, shapes=None).lines[0].true, 6.0)


def test_the_posts_other_names_for_gradients():
    """dfdx (d<out>d<name>), grad_x and x_grad claim the same derivative as dx."""
    text = ("x = -2\ny = 5\nz = -4\nq = x + y\nf = q * z\n"
            "dfdz = q\ndfdq = z\ndfdx = 1.0 * dfdq\ngrad_y = 1.0 * dfdq\nz_grad = q\n")
    report = check(text, shapes=None)
    assert [(r.name, r.claim, r.ok) for r in report.lines] == [
        ("dfdz", "df/dz", True), ("dfdq", "df/dq", True), ("dfdx", "df/dx", True), ("grad_y", "df/dy", True),
        ("z_grad", "df/dz", True)]
