"""Every JSON document the graders write (Gradescope's and PrairieLearn's results.json, the batch's JSON,
check --code DIR's JSON) survives a student name, a problem id or a file name holding every C0 control,
DEL, every C1 control, the bidirectional controls, a lone surrogate and the non-characters (issue 22):
Python's json.loads reads it, the strings read back exactly as written, and no such character is in the
output raw (it would drive the terminal the document is printed on). The validator is Python's json
module, not ours."""
import json
import os
import re

import pytest

from symgraph.grading import feedback
from symgraph.cli.prairielearn import main as prairielearn
from tests.helpers import run

CONTROLS = "".join(map(chr, range(0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0)))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
PAYLOAD = "eve" + CONTROLS + BIDI + "\ufffe\uffff"            # what TOML's \u escapes can carry
KEY = "eve\x1b\x07" + CONTROLS[0x20:] + BIDI + "\ufffe"   # a problem id within the TOML guard's
                                                                 # 200 characters of key: C1 raw, ESC escaped
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                 r"\ud800-\udfff\ufffe\uffff]")        # newline and tab are JSON's own whitespace


def _toml(text: str) -> str:
    """``text`` as a TOML basic string: the characters TOML wants escaped (C0 but tab, DEL, quote,
    backslash) as \\u escapes, the rest raw."""
    escape = set(map(chr, range(0x20))) - {"\t"} | {"\x7f", '"', "\\"}
    return '"' + "".join(f"\\u{ord(c):04x}" if c in escape else c for c in text) + '"'


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _read(text: str):
    """The document as JSON, after checking that no control, bidi or lone surrogate is in it raw."""
    found = RAW.search(text)
    assert found is None, f"raw U+{ord(found.group()):04X} at {found.start()}: {text[max(0, found.start() - 40):found.end() + 40]!r}"
    return json.loads(text)


def _file(path) -> str:
    return path.read_bytes().decode("utf-8")         # strict: a lone surrogate written raw would fail here


def _carries(data, payload: str) -> None:
    assert any(payload in s for s in _strings(data)), "the payload does not read back as written"


PROBLEMS = f'[[problem]]\nid = {_toml(KEY)}\nexpression = "x**2"\nat = "x=1"\n'


@pytest.fixture()
def answers(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text(PROBLEMS + f'[[problem.answer]]\nstudent = {_toml(PAYLOAD)}\n'
                    f'claims = ["df/dx = 3", {_toml("df/dx = " + PAYLOAD)}]\n', encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["gradescope", "json"])
def test_an_answer_files_json_on_stdout_and_in_a_file(tmp_path, answers, fmt):
    result = run("check", "--file", str(answers), "--format", fmt)
    _carries(_read(result.output), PAYLOAD)
    out = tmp_path / "out.json"
    run("check", "--file", str(answers), "--format", fmt, "-o", str(out))
    _carries(_read(_file(out)), PAYLOAD)


def test_the_batch_json_out_file(tmp_path, answers):
    out = tmp_path / "batch.json"
    run("check", "--file", str(answers), "--format", "plain", "--json-out", str(out))
    _carries(_read(_file(out)), PAYLOAD)


def test_a_gradescope_submission_with_an_unknown_problem_id(tmp_path):
    problems = tmp_path / "problems.toml"
    problems.write_text(PROBLEMS, encoding="utf-8")
    submission = tmp_path / "submission.toml"
    submission.write_text(f"student = {_toml(PAYLOAD)}\n{_toml(KEY + 'x')} = [\"df/dx = 2*x\"]\n",
                          encoding="utf-8")
    result = run("check", "--file", str(problems), "--submission", str(submission), "--format", "gradescope")
    data = _read(result.output)
    assert KEY + "x" in data["output"]      # "'...' is not a problem of this assignment"


def test_prairielearns_results_json(tmp_path, capsys):
    grade = tmp_path / "grade"
    (grade / "tests").mkdir(parents=True)
    (grade / "student").mkdir()
    (grade / "tests" / "problems.toml").write_text(PROBLEMS, encoding="utf-8")
    (grade / "student" / "answers.toml").write_text(f'{_toml(KEY)} = ["df/dx = 2*x", "df/dx = 3"]\n',
                                                    encoding="utf-8")
    assert prairielearn(["--grade-dir", str(grade)]) == 0
    data = _read(_file(grade / "results" / "results.json"))
    assert data["gradable"] is True and data["score"] == 0.5          # 2x at x = 1 is 2, not 3
    _carries(data, KEY)
    (grade / "student" / "answers.toml").write_text(f'student = {_toml(PAYLOAD)}\n{_toml(KEY)} = ["df/dx = 2*x"]\n'
                                                    f'{_toml(KEY + "y")} = ["df/dx = 2*x"]\n', encoding="utf-8")
    assert prairielearn(["--grade-dir", str(grade)]) == 0
    data = _read(_file(grade / "results" / "results.json"))
    assert data["gradable"] is False
    _carries(data, KEY + "y")
    printed = capsys.readouterr().out
    assert RAW.search(printed) is None, printed          # the message on stdout is terminal-safe too


def test_a_results_document_with_a_lone_surrogate():
    """A name that came from an undecodable byte (os.listdir's surrogateescape) reads back as written."""
    name = PAYLOAD + "\udcff\ud800"
    data = _read(feedback.json_document({"tests": [{"name": name}], "output": name}))
    assert data["tests"][0]["name"] == name and data["output"] == name


@pytest.mark.parametrize("fmt", ["gradescope", "json"])
def test_check_code_folder_with_a_hostile_file_name(tmp_path, fmt):
    folder = tmp_path / "class"
    folder.mkdir()
    stem = PAYLOAD.replace("\x00", "").replace("/", "")          # what a file name can hold ...
    code = "import numpy as np\nx = [1.0, 2.0]\nf = x[0]\ndx = [1, 0]\n"
    with open(os.fsencode(folder) + b"/" + os.fsencode(stem) + b"\xff.py", "w") as fh:   # ... and a byte
        fh.write(code)                                                                # that is not UTF-8
    result = run("check", "--code", str(folder), "--format", fmt)
    data = _read(result.output)
    _carries(data, stem + "\udcff")
    if fmt == "json":                 # with --code, -o names the script's output variable
        out = tmp_path / "out.json"
        run("check", "--code", str(folder), "--format", "plain", "--json-out", str(out))
        _carries(_read(_file(out)), stem + "\udcff")
