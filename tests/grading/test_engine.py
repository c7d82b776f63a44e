"""The batch engine: identical answers graded once, per-problem preparation shared, any executor, and
the same bytes as grading each answer on its own. The reference is one answer per file, each graded by
a fresh ``grade`` call (no sharing between answers possible)."""
import importlib.util
import json
import random
import threading

import pytest

from symgraph.grading.answer import Task, grade_task
from symgraph.judging.grading import grade
from tests.helpers import ROOT


def _bench_class(students: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_grading", ROOT / "benchmarks" / "grading.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.make_class(students, random.Random(7))[0]


def _alone(text: str) -> list:
    """Every answer of ``text`` graded in a file of its own: [(problem, student, row JSON)]."""
    try:
        import tomllib
    except ImportError:            # Python < 3.11
        import tomli as tomllib
    data = tomllib.loads(text)
    out = []
    for problem in data["problem"]:
        answers = problem.pop("answer", [])
        for answer in answers:
            one = dict(problem, answer=[answer])
            toml = "[[problem]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in one.items() if k != "answer")
            toml += "[[problem.answer]]\n" + "".join(f"{k} = {json.dumps(v)}\n" for k, v in answer.items())
            (row,) = grade(toml).to_dict()["results"]
            out.append(json.dumps(row, sort_keys=True))
    return out


def test_batch_rows_are_byte_identical_to_grading_each_answer_alone():
    text = _bench_class(3)
    batch = json.loads(grade(text).to_json())
    together = [json.dumps(r, sort_keys=True) for r in batch["results"]]
    assert together == _alone(text)


def test_identical_answers_are_graded_once_and_reported_for_each_student():
    answer = '  [[problem.answer]]\n  student = "s{k}"\n  claims = ["df/dx = cos(x**2)"]\n'
    text = '[[problem]]\nid = "chain"\nexpression = "sin(x**2)"\n' + "".join(answer.format(k=k) for k in range(50))
    batch = grade(text)
    assert len({id(r.report) for r in batch.rows}) == 1            # one grading, shared by the 50 rows
    rows = batch.to_dict()["results"]
    assert [r["student"] for r in rows] == [f"s{k}" for k in range(50)]
    assert all({**r, "student": None} == {**rows[0], "student": None} for r in rows)
    assert rows[7]["mistakes"] == ["chain-inner-missing"]


def test_jobs_give_the_same_report_as_one_process():
    text = _bench_class(2)
    assert grade(text, jobs=2).to_json() == grade(text).to_json()


def test_dask_cluster_grades_like_jobs_1():
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'symgraph[dask]'")
    text = _bench_class(2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        on_dask = grade(text, executor=client.get_executor()).to_json()
    assert on_dask == grade(text).to_json()


def test_dask_address_through_the_command_line(tmp_path):
    distributed = pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'symgraph[dask]'")
    from tests.helpers import run

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address.replace("tcp://", "dask://")
        on_dask = run("check", "--file", str(ROOT / "examples" / "answers.toml"), "--format", "json",
                      "--executor", address)
    alone = run("check", "--file", str(ROOT / "examples" / "answers.toml"), "--format", "json")
    assert on_dask.exit_code == alone.exit_code == 1
    assert on_dask.output == alone.output


def _slow_task(limit: float) -> Task:
    """A claim SymPy needs about 2 s to try to prove (the nested radical denests only for x >= 1)."""
    return Task("radical", "sqrt(x + 2*sqrt(x - 1))", "ada", ("df/dx = 1/(2*sqrt(x-1))",), None, False,
                "t.toml: problem 'radical'", None, 60.0, limit)


def test_the_hard_limit_stops_one_answer_and_flags_it_for_review():
    row = grade_task(_slow_task(0.3))
    assert row.stopped and row.needs_review and row.report is None
    assert "per-answer limit of 0.3 s" in row.error


def test_the_hard_limit_works_off_the_main_thread_as_on_a_dask_worker():
    rows = []
    worker = threading.Thread(target=lambda: rows.append(grade_task(_slow_task(0.3))))
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert rows[0].stopped and rows[0].needs_review


@pytest.mark.parametrize("ensure_ascii", [False, True])
def test_the_fast_json_text_is_json_dumps_text(ensure_ascii):
    """Batch.to_json writes copies once; its text must be exactly json.dumps's (the reference)."""
    answer = '  [[problem.answer]]\n  student = "{name}"\n  claims = [{claims}]\n'
    names = ["zoë", 'a "quoted" name', "s1", "s2", "\u0000-like", "ünï"]
    claims = ['"df/dx = cos(x**2)"', '"df/dx = 2*x*cos(x**2)"', "", '"df/dx = (("']
    text = '[[problem]]\nid = "chain"\nexpression = "sin(x**2)"\n' + "".join(
        answer.format(name=name.replace('"', '\\"').replace("\u0000", "\\u0000"), claims=claims[k % 4])
        for k, name in enumerate(names))
    batch = grade(text)
    assert batch.to_json(ensure_ascii=ensure_ascii) == json.dumps(batch.to_dict(), indent=2, allow_nan=False,
                                                                  ensure_ascii=ensure_ascii)
