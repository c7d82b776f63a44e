"""check --code DIR: a file per student, batch grading's CSV and mistake histogram."""
import csv
import json

from tests.code.planted import SHAPES, plant, source
from tests.helpers import refused, run


def _class(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "alice.py").write_text(source("two_layer_net.py"))
    (folder / "bob.py").write_text(plant("two_layer_net.py", "    dscores /= N\n", ""))
    (folder / "carol.py").write_text(plant("two_layer_net.py", "+ 2 * reg * W2", "+ reg * W2"))
    (folder / "dave.py").write_text("import numpy as np\nimport os\n")
    (folder / "notes.txt").write_text("not a submission")
    return folder


def test_a_folder_gives_the_csv_and_the_histogram(tmp_path):
    folder = _class(tmp_path)
    out = tmp_path / "grades.csv"
    result = run("check", "--code", str(folder), "--shapes", SHAPES, "--csv", str(out), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["schema"] == "symgraph.code-batch/1"
    assert [f["file"] for f in data["files"]] == ["alice", "bob", "carol", "dave"]
    assert data["problems"]["code"]["mistakes"] == {"l2-factor-2": 1, "mean-vs-sum": 1}
    rows = {r["student"]: r for r in csv.DictReader(out.open())}
    assert rows["alice"]["ok"] == "True" and rows["alice"]["right"] == "6"
    assert rows["bob"]["mistakes"] == "mean-vs-sum"
    assert rows["carol"]["right"] == "5" and rows["carol"]["mistakes"] == "l2-factor-2"
    assert "line 2, column 1" in rows["dave"]["error"]


def test_the_folder_table(tmp_path):
    result = run("check", "--code", str(_class(tmp_path)), "--shapes", SHAPES, "--format", "plain")
    assert "carol | ✗ wrong | 5/6" in result.output
    assert "1 of 4 answers l2-factor-2" in result.output


def test_an_empty_folder_is_bad_input(tmp_path):
    assert "no .py files" in refused("check", "--code", str(tmp_path))[0]
