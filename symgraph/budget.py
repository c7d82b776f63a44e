"""Time budgets for work that can explode (SymPy's diff and simplify on big inputs).

Uses SIGALRM, which interrupts pure-Python code such as SymPy's between bytecodes. Off the main thread,
or on a platform without setitimer, the work runs without a budget (and the report says so).
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class BudgetExceeded(Exception):
    """The time budget ran out; the caller reports what it skipped."""


def budget_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None):
    """Raise ``BudgetExceeded`` inside the block once ``seconds`` have passed (None or <= 0: no budget)."""
    if not seconds or seconds <= 0 or not budget_available():
        yield
        return

    def on_alarm(signum, frame):
        raise BudgetExceeded(f"time budget of {seconds:g} s exceeded")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
