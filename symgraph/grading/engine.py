"""The batch engine: identical answers graded once, the rest in chunks on one process, ``jobs``
processes, or any ``concurrent.futures`` executor (a Dask cluster's ``Client.get_executor()``).

Chunks keep a problem's answers together, so that each worker prepares a problem once (answer.py). A
SymgraphError (the teacher's part is bad) is sent back as plain data and raised again here, the first in
file order, as it would be on one process. The rows come back in file order, whatever ran them, and are
the same rows: grading is deterministic (fixed random points), so where it ran changes nothing.
"""
from __future__ import annotations

from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import replace
from typing import Optional

from symgraph.errors import SymgraphError
from symgraph.grading.answer import Task, grade_task

CHUNKS_PER_WORKER = 4        # more, smaller chunks balance uneven problems across workers
DASK_WORKERS_GUESS = 8       # chunks for a Dask cluster whose size is not asked


def run(tasks: list, jobs: int = 1, executor: Optional[Executor] = None) -> list:
    """The graded rows for ``tasks`` (answer.Task), in order."""
    first: dict = {}
    unique: list = []
    for task in tasks:
        if first.setdefault(task.key(), len(unique)) == len(unique):
            unique.append(task)
    graded = _graded(unique, jobs, executor)
    rows = []
    for task in tasks:
        row = graded[first[task.key()]]
        rows.append(row if row.student == task.student else replace(row, student=task.student))
    return rows


def _graded(tasks: list, jobs: int, executor: Optional[Executor]) -> list:
    if executor is None and (jobs <= 1 or len(tasks) <= 1):
        return [grade_task(task) for task in tasks]
    workers = jobs if executor is None else DASK_WORKERS_GUESS
    size = max(1, -(-len(tasks) // (workers * CHUNKS_PER_WORKER)))
    chunks = [tasks[i:i + size] for i in range(0, len(tasks), size)]
    if executor is None:
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
            results = list(pool.map(grade_chunk, chunks))
    else:
        results = list(executor.map(grade_chunk, chunks))
    rows = []
    for chunk in results:
        for result in chunk:
            if result[0] == "error":
                _, kind, args = result
                raise kind(*args)
            rows.append(result[1])
    return rows


def grade_chunk(tasks: list) -> list:
    """("row", BatchRow) per task, or ("error", type, args) for the teacher's error, which ends the chunk."""
    out = []
    for task in tasks:
        try:
            out.append(("row", grade_task(task)))
        except SymgraphError as exc:       # sent back as plain data: the parent raises it again
            out.append(("error", type(exc), (exc.message, exc.source, exc.column, exc.hint)))
            break
    return out


def dask_executor(address: str):
    """(executor, client) for ``dask://HOST:PORT`` (or any scheduler address Dask accepts); close the
    client when done. Dask is an optional extra: pip install 'symgraph[dask]'."""
    try:
        from distributed import Client
    except ImportError:
        raise SymgraphError("--executor dask://... needs Dask's distributed scheduler: "
                            "pip install 'symgraph[dask]'") from None
    target = "tcp://" + address[len("dask://"):] if address.startswith("dask://") else address
    try:
        client = Client(target, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise SymgraphError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    return client.get_executor(), client
