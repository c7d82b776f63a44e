"""``symgraph check --file answers.toml``: a class's answer file, or one student's ``--submission``
against a problem file; the report on the terminal, as JSON, CSV, or Gradescope's results.json."""
from __future__ import annotations

import time

from symgraph.cli.common import read_file, reading, say, write_text
from symgraph.cli.output import terminal
from symgraph.errors import SymgraphError

def grade_file(file: str, fmt: str, output, color, tol, timeout, jobs: int, executor, submission,
               answer_limit, csv_out=None, budget: float = 600.0) -> tuple:
    """(the batch's JSON data, ok, to_json(ensure_ascii): its JSON text); prints or writes what ``fmt`` asks
    for, except JSON (the caller's)."""
    if fmt == "latex":
        raise SymgraphError("--format latex: give EXPR, --at and --claim (a --file batch has --format rich, "
                            "plain, json, markdown, html or gradescope)")
    if executor and jobs != 1:
        raise SymgraphError("give --jobs N (processes on this machine) or --executor (a Dask cluster), not both")
    from symgraph.judging.grading import grade

    start = time.perf_counter()
    answer = _submission(submission) if submission else None
    if isinstance(answer, str):          # the student's file cannot be read: Gradescope still gets results
        if fmt != "gradescope":
            raise SymgraphError(answer)
        from symgraph.grading.gradescope import unreadable

        _write_results(unreadable(answer, time.perf_counter() - start), output)
        return {"ok": False}, False, None
    text = read_file(file)
    pool, client = _executor(executor)
    try:
        with reading(f"--file {file}"):
            batch = grade(text, file, tol=tol, timeout=timeout, jobs=jobs, executor=pool, submission=answer,
                          limit=answer_limit, budget=budget)
    finally:
        if client is not None:
            client.close()
    for warning in batch.warnings:
        say(f"warning: {warning}", err=True)
    data = batch.to_dict()
    if csv_out:
        from symgraph.judging.classroom import write_csv

        write_csv(csv_out, batch.rows)
    if fmt in ("gradescope", "markdown", "html"):
        from symgraph.grading.submission import unknown_problems

        unknown = unknown_problems(answer, batch.rows) if answer else []
        export_batch(data, fmt, output, time.perf_counter() - start, unknown, per_student=answer is None)
    elif fmt != "json":
        from symgraph.render.terminal.check import render_batch
        from symgraph.render.terminal.classroom import render_summary

        with terminal(fmt, color, output) as (console, plain):
            render_batch(batch, console, plain=plain)
            render_summary(data, console, plain=plain)
    return data, batch.ok, lambda ensure_ascii: batch.to_json(ensure_ascii=ensure_ascii, data=data)


def export_batch(data: dict, fmt: str, output, seconds: float, unknown: list = (), per_student: bool = True):
    """A graded batch's JSON (an answer file's, or check --code DIR's in the same shape) as Gradescope's
    results.json or the teacher's class report (markdown, html)."""
    if fmt == "gradescope":
        from symgraph.grading.gradescope import results

        _write_results(results(data, seconds, unknown, per_student=per_student), output)
        return
    from symgraph.grading.class_report import class_report

    if fmt == "html":
        from symgraph.render.web.class_report import class_report_html as draw
    else:
        from symgraph.render.document.class_report import class_report_markdown as draw
    write_text(draw(class_report(data)), output, fmt)


def _submission(path: str):
    """The student's submission, or the message saying why it cannot be read."""
    from symgraph.grading.submission import SubmissionError, read_submission

    try:
        return read_submission(read_file(path), path)
    except SubmissionError as exc:
        return exc.message


def _executor(address):
    if not address:
        return None, None
    if not address.startswith(("dask://", "tcp://", "tls://", "inproc://")):
        raise SymgraphError(f"--executor {address!r}: give a Dask scheduler as dask://HOST:PORT")
    from symgraph.grading.engine import dask_executor

    return dask_executor(address)


def _write_results(results: dict, output) -> None:
    from symgraph.grading.feedback import json_document

    write_text(json_document(results), output, "gradescope")
