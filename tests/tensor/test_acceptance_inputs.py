"""Acceptance defects at the edges of a tensor request: no inputs at all, an input used both as labels and as
numbers, an empty file, a negative seed. Each is a normal answer or a refusal (exit 2), never exit 3."""
import numpy as np
import pytest

import symgraph
from symgraph.errors import SymgraphError
from tests.helpers import refused, run


@pytest.mark.parametrize("argv", [["sum(1)"], ["mean(2*3)", "--seed", "1"], ["axis=-1"],
                                  ["sum(1)", "--shapes", "x=2"]])
def test_a_program_without_inputs_is_a_normal_answer(argv):
    assert run("grad", *argv).exit_code == 0


def test_api_program_without_inputs():
    r = symgraph.grad("mean(2*3)", {})
    assert r.value == 6.0 and r.gradient == {} and r.ok


def test_labels_also_used_as_numbers_are_checked_by_the_scalarized_route():
    r = symgraph.grad("sum(pick(Z, y) * y)", {"Z": [[1, 2, 3], [0, -1, 2]], "y": [1, 0]})
    # f = Z[0, y0] * y0 + Z[1, y1] * y1; by hand: df/dZ has y0 = 1 at (0, 1) and y1 = 0 at (1, 0); df/dy = Z[i, y_i]
    assert r.gradient["Z"].tolist() == [[0, 1, 0], [0, 0, 0]] and r.gradient["y"].tolist() == [2, 0]
    statuses = {c.name: c.status for c in r.checks}
    assert statuses["gradient: graph vs SymPy (scalarized)"] == "ok"
    assert run("grad", "sum(pick(Z, y) * y)", "--at", "Z=[[1,2,3],[0,-1,2]], y=[1,0]").exit_code == 0


def test_an_empty_file_is_refused(tmp_path):
    lines = refused("grad", "sum(W)", "--at", "W=@/dev/null")    # a device, not a file: refused by what it is
    assert "character device, not a regular file" in lines[0]
    (tmp_path / "e.npy").write_bytes(b"")
    assert "it is empty" in refused("grad", "sum(W)", "--at", f"W=@{tmp_path / 'e.npy'}")[0]


def test_a_negative_seed_is_bad_input():
    assert "--seed" in refused("grad", "sum(W)", "--at", "W=[1,2]", "--seed", "-1")[0]
    with pytest.raises(SymgraphError, match="seed"):
        symgraph.grad("sum(W)", {"W": np.ones(2)}, seed=-1)


def test_an_infinite_slope_blames_the_vjp_not_the_input():
    lines = refused("grad", "sum(sqrt(x))", "--at", "x=[0,1]")
    # d sqrt(x)/dx = 1/(2 sqrt(x)) is infinite at x = 0 (by hand); x itself holds 0
    assert lines[0].startswith("error: df/dx is not finite: the VJP of sqrt(x) gives adj(x) = inf at entry (0,)")
    assert "holds inf" not in lines[0] and lines[1:] == ["  sum(sqrt(x))", "      ^"]


def test_an_overflowing_number_is_refused_with_a_caret():
    lines = refused("grad", "sum(x)", "--at", "x=[1,1e400]")
    assert "holds inf at entry (1,)" in lines[0] and "too large for float64" in lines[0]
    assert lines[1:] == ["  x=[1,1e400]", "    ^"]


def test_deep_nesting_names_the_point_with_a_clear_limit(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text('{"x": ' + "[" * 5000 + "1" + "]" * 5000 + "}")
    line = refused("grad", "sum(x)", "--at", f"@{deep}")[0]
    assert "nested too deeply to read" in line and "recursion" not in line and line.startswith("error: --at @")
    lines = refused("grad", "sum(x)", "--at", "x=" + "[" * 40 + "1" + "]" * 40)
    assert lines[0] == "error: --at: the value of 'x': the array nests deeper than 32 levels"


def test_api_values_that_are_not_numbers_are_refused_by_what_they_are():
    for value, found in (([1, None], "found None"), ([True, False], "found True"),
                         (np.array([True, False]), "dtype bool")):
        with pytest.raises(SymgraphError, match="holds numbers only") as exc:
            symgraph.grad("sum(x)", {"x": value})
        assert found in exc.value.message and "nan" not in exc.value.message
    with pytest.raises(SymgraphError, match="masked array"):
        symgraph.grad("sum(x)", {"x": np.ma.array([1.0, 2.0], mask=[0, 1])})


def test_an_archive_combines_with_inline_values(tmp_path):
    np.savez(tmp_path / "d.npz", W=np.ones((2, 2)))
    r = symgraph.grad("sum(W) + sum(w)", f"@{tmp_path / 'd.npz'}, w=[1,2,3]")
    assert r.value == 4 + 6 and r.gradient["w"].tolist() == [1, 1, 1]
    assert "W is given twice" in refused("grad", "sum(W)", "--at", f"@{tmp_path / 'd.npz'}, W=[1,2]")[0]


def test_a_non_scalar_output_is_echoed_with_a_caret():
    lines = refused("grad", "h = W * 2; h", "--at", "W=[1,2]")
    assert lines == ["error: the output has shape (2,); grad needs a scalar output (wrap it in sum(...) or "
                     "mean(...))", "  h = W * 2; h", "        ^"]
