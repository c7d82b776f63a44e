"""Array values at the point and their refusals (exit 2 from the CLI, PointError/LimitError in Python)."""
import json

import numpy as np
import pytest

from symgraph.errors import LimitError, PointError
from symgraph.tensor import values
from symgraph.tensor.values import parse_arrays, parse_shapes


def test_arrays_nested_lists_and_scalars():
    got = parse_arrays("w=[2,-3,-3], x=[-1,-2,1], b=0.5, W=[[1,2],[3,4]], c=pi/4, z=[]")
    assert got["w"].tolist() == [2, -3, -3] and got["x"].tolist() == [-1, -2, 1]
    assert got["b"].shape == () and float(got["b"]) == 0.5
    assert got["W"].shape == (2, 2) and got["W"][1, 0] == 3
    assert float(got["c"]) == np.pi / 4 and got["z"].shape == (0,)
    assert all(v.dtype == np.float64 for v in got.values())


def test_shapes():
    assert parse_shapes("W=3x4,x=4,b=()") == {"W": (3, 4), "x": (4,), "b": ()}
    with pytest.raises(PointError):
        parse_shapes("W=3y4")


@pytest.mark.parametrize("text, fragment, column", [
    ("W=[[1,2],[3]]", "ragged", 2), ("w=[1,nan]", "'nan' is not a number", 5), ("w=[1,a]", "'a' is not a number", 5),
    ("w=[1,2", "expected ',' or ']'", 6), ("w=[1e400]", "finite", None), ("x=1,x=2", "given twice", 4),
    ("w=[1,2]]", "unexpected", 7), ("w=[[[[" + "[" * 40, "nests deeper", None),
])
def test_refusals(text, fragment, column):
    with pytest.raises((PointError, LimitError)) as err:
        parse_arrays(text)
    assert fragment in err.value.message
    if column is not None:
        assert err.value.column == column


def test_json_npy_and_npz(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps({"w": [[1, 2], [3, 4]], "b": 0.5, "c": "pi"}))
    got = parse_arrays(f"@{tmp_path / 'p.json'}")
    assert got["w"].shape == (2, 2) and float(got["c"]) == np.pi
    np.save(tmp_path / "w.npy", np.arange(3))
    assert parse_arrays(f"v=@{tmp_path / 'w.npy'}, b=1")["v"].tolist() == [0, 1, 2]
    np.savez(tmp_path / "d.npz", X=np.ones((2, 3)), y=np.array([1, -1]))
    got = parse_arrays(f"@{tmp_path / 'd.npz'}")
    assert got["X"].shape == (2, 3) and got["y"].dtype == np.float64


def test_pickles_are_refused(tmp_path):
    np.save(tmp_path / "o.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(PointError, match="pickle"):
        parse_arrays(f"w=@{tmp_path / 'o.npy'}")
    np.savez(tmp_path / "o.npz", w=np.array([{"a": 1}], dtype=object))
    with pytest.raises(PointError, match="pickle"):
        parse_arrays(f"@{tmp_path / 'o.npz'}")
    import pickle
    (tmp_path / "raw.npy").write_bytes(pickle.dumps([1, 2]))
    with pytest.raises(PointError, match="pickle"):
        parse_arrays(f"w=@{tmp_path / 'raw.npy'}")


def test_json_refusals(tmp_path):
    for data, fragment in (({"w": [1, [2]]}, "ragged"), ({"w": [1, True]}, "not a number"), ([1], "JSON object"),
                           ({"w": None}, "number or an array")):
        (tmp_path / "p.json").write_text(json.dumps(data))
        with pytest.raises(PointError, match=fragment):
            parse_arrays(f"@{tmp_path / 'p.json'}")
    (tmp_path / "p.json").write_text('{"w": [1, NaN]}')
    with pytest.raises(PointError):
        parse_arrays(f"@{tmp_path / 'p.json'}")


def test_size_limits(monkeypatch, tmp_path):
    monkeypatch.setattr(values, "MAX_ENTRIES", 10)
    np.save(tmp_path / "big.npy", np.zeros(11))
    with pytest.raises(LimitError, match="limit"):
        parse_arrays(f"w=@{tmp_path / 'big.npy'}")
    np.savez(tmp_path / "big.npz", w=np.zeros(11))
    with pytest.raises(LimitError, match="limit"):
        parse_arrays(f"@{tmp_path / 'big.npz'}")
    with pytest.raises(LimitError):
        parse_shapes("W=4x3")
    monkeypatch.setattr(values, "MAX_TEXT_ENTRIES", 3)
    with pytest.raises(LimitError, match="npz"):
        parse_arrays("w=[1,2,3,4]")


def test_files_that_are_not_npy_say_so_and_pickles_say_pickle(tmp_path):
    (tmp_path / "text.npy").write_text("root:x:0:0\n")
    (tmp_path / "empty.npy").write_bytes(b"")
    (tmp_path / "zeros.npy").write_bytes(bytes(64))
    for name, found in (("text", "starts with b'root:x'"), ("empty", "it is empty"), ("zeros", "starts with")):
        with pytest.raises(PointError, match="not a NumPy .npy file") as exc:
            parse_arrays(f"W=@{tmp_path / name}.npy")
        assert found in exc.value.message and "pickle" not in exc.value.message
    np.save(tmp_path / "o.npy", np.array([1, {"a": 1}], dtype=object), allow_pickle=True)
    np.savez(tmp_path / "o.npz", w=np.array([1, "x", None], dtype=object))
    for text in (f"w=@{tmp_path / 'o.npy'}", f"@{tmp_path / 'o.npz'}"):
        with pytest.raises(PointError, match=r"holds a pickle \(Python objects\): refused"):
            parse_arrays(text)
    (tmp_path / "bad.npz").write_text("hello")
    with pytest.raises(PointError, match="not a NumPy .npz archive"):
        parse_arrays(f"@{tmp_path / 'bad.npz'}")


def test_constants_cannot_be_given_arrays_as_on_the_scalar_route(tmp_path):
    for text in ("x=[1,2], e=[1,1]", "x=[1,2], pi=[3,3]"):
        with pytest.raises(PointError, match="is a constant, not a variable"):
            parse_arrays(text)
    with pytest.raises(PointError, match="'e' is a constant"):
        parse_arrays({"x": [1.0, 2.0], "e": [1.0, 2.0]})
    np.savez(tmp_path / "d.npz", pi=np.ones(2))
    with pytest.raises(PointError, match="'pi' is a constant"):
        parse_arrays(f"@{tmp_path / 'd.npz'}")


def test_a_hash_inside_a_file_name_is_part_of_the_name_not_a_comment(tmp_path):
    """'#' starts a comment only at the start of the text or after a blank: '@d#1.npz' and 'w=@w#1.npy' are
    file names (the gradient of sum(x*x) is 2x, of the arrays written); a comment after a blank still is one."""
    import json

    import numpy as np

    from tests.helpers import run

    np.savez(tmp_path / "d#1.npz", x=np.array([1.0, 2.0]))
    np.save(tmp_path / "w#1.npy", np.array([3.0, -1.0]))
    for at, name, grad in ((f"@{tmp_path / 'd#1.npz'}", "x", [2.0, 4.0]),
                           (f"w=@{tmp_path / 'w#1.npy'} # a note, [1]", "w", [6.0, -2.0])):
        result = run("grad", f"sum({name}*{name})", "--at", at, "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["gradient"] == {name: grad}
