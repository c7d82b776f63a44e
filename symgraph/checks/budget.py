"""Time budgets for work that can explode (SymPy's diff and simplify on big inputs).

Uses SIGALRM, which interrupts pure-Python code such as SymPy's between bytecodes. Off the main thread,
or on a platform without setitimer, the work runs without a budget (and the report says so).

Two details keep the budget honest:

* once it has run out, the alarm keeps firing every ``REPEAT`` seconds until the block exits, so a
  library's broad ``except Exception`` that swallows the first ``BudgetExceeded`` cannot turn the budget
  into a hang;
* budgets nest: an inner block never outlives the outer one, and the outer deadline is restored on exit.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager

REPEAT = 0.05  # seconds between repeated alarms once the budget has run out


class BudgetExceeded(Exception):
    """The time budget ran out; the caller reports what it skipped."""


class MemoryBudgetExceeded(BudgetExceeded):
    """The memory budget ran out inside a budgeted block (SymPy's work on a big input): the block's result
    is "not comparable (memory)", and the rest of the report stands."""


MEMORY_BUDGET = 2 * 1024 ** 3    # bytes of address space for the command line (SYMGRAPH_MEMORY changes it)


def memory_text() -> str:
    """The memory budget in force, for messages: '2 GiB' (the process's address-space limit)."""
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ImportError, OSError, ValueError):
        return "the available memory"
    if limit == resource.RLIM_INFINITY:
        return "the available memory"
    return f"{limit / 1024 ** 3:g} GiB" if limit % (1024 ** 3) == 0 else f"{limit / 1024 ** 2:,.0f} MiB"


def memory_bytes() -> int:
    """The memory budget in bytes: the address-space limit in force, else the documented default."""
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
        return MEMORY_BUDGET if limit == resource.RLIM_INFINITY else int(limit)
    except (ImportError, OSError, ValueError):
        return MEMORY_BUDGET


def set_memory_limit(limit: int | None) -> None:
    """Cap the process's address space at ``limit`` bytes (RLIMIT_AS): an allocation beyond it raises
    MemoryError instead of swapping the machine. None or 0: no cap. Never raises the hard limit."""
    try:
        import resource
    except ImportError:           # pragma: no cover (not on Windows)
        return
    if not limit:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def budget_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None):
    """Raise ``BudgetExceeded`` inside the block once ``seconds`` have passed (None or <= 0: no budget), and
    ``MemoryBudgetExceeded`` when the block runs out of memory (the address-space limit)."""
    if not seconds or seconds <= 0 or not budget_available():
        try:
            yield
        except MemoryError:
            raise MemoryBudgetExceeded(f"memory budget ({memory_text()}) exceeded") from None
        return

    active = True

    def on_alarm(signum, frame):
        if active:                     # an alarm that lands while the block is being left is dropped
            raise BudgetExceeded(f"time budget of {seconds:g} s exceeded")

    start = time.monotonic()
    previous = signal.getsignal(signal.SIGALRM)
    outer_left, outer_interval = signal.getitimer(signal.ITIMER_REAL)
    try:            # the timer is armed inside the try: a budget of microseconds can fire at once
        # An enclosing budget that ends sooner wins: keep its deadline (and its handler) in charge.
        if not (outer_left and outer_left < seconds):
            signal.signal(signal.SIGALRM, on_alarm)
            signal.setitimer(signal.ITIMER_REAL, seconds, REPEAT)
        yield
    except MemoryError:
        raise MemoryBudgetExceeded(f"memory budget ({memory_text()}) exceeded") from None
    finally:
        while active:                  # an alarm between 'finally' and the store raises: store again
            try:
                active = False
            except BudgetExceeded:
                pass
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:
            # Restore what is left of the enclosing deadline (fire at once if it has already passed).
            remaining = max(outer_left - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, outer_interval)
