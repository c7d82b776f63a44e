"""The per-answer hard limit: one answer can never hang a batch.

On a process's main thread the limit is a SIGALRM timer that nests with the per-claim time budgets
(checks/budget.py: an inner budget never outlives this one, and this one's deadline is restored after
it). Off the main thread (a Dask worker runs tasks in threads, where SIGALRM is not delivered) a timer
thread raises the limit inside the grading thread between two bytecodes, as a signal would. Either way it
is raised as ``HardLimit``, a BaseException, so that no ``except Exception`` in a library swallows it, and
again every ``REPEAT`` seconds until the block exits.
"""
from __future__ import annotations

import ctypes
import signal
import threading
from contextlib import contextmanager

from symgraph.checks.budget import REPEAT, budget_available


class HardLimit(BaseException):
    """The answer's hard limit ran out."""


@contextmanager
def hard_limit(seconds: float | None):
    if not seconds or seconds <= 0:
        yield
    elif budget_available():
        with _alarm(seconds):
            yield
    else:
        with _thread_timer(seconds):
            yield


@contextmanager
def _alarm(seconds: float):
    def on_alarm(signum, frame):
        raise HardLimit(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_timer(seconds: float):
    target = threading.get_ident()
    done = threading.Event()

    def fire() -> None:
        if done.wait(seconds):
            return
        while not done.is_set():        # until the block exits, as the repeating alarm does
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(HardLimit))
            done.wait(REPEAT)

    timer = threading.Thread(target=fire, daemon=True, name="symgraph-hard-limit")
    timer.start()
    try:
        yield
    finally:
        done.set()
        timer.join()
        # an exception set just before ``done`` may still be pending: clear it
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
