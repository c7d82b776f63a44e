"""Time budgets for work that can explode (SymPy's diff and simplify on big inputs).

Uses SIGALRM, which interrupts pure-Python code such as SymPy's between bytecodes. Off the main thread,
or on a platform without setitimer, the work runs without a budget (and the report says so).

The same blocks have a memory budget. The command line caps its address space (RLIMIT_AS, set by
``symgraph/__main__.py``), so an allocation past it raises MemoryError. A library caller's process is not
ours to cap: there a watch (SIGPROF, every ``WATCH`` seconds of CPU time) reads the process's resident
memory and raises ``MemoryBudgetExceeded`` once it passes nine tenths of the budget (2 GiB, or
``SYMGRAPH_MEMORY``; in a process that already held more when the block began, once the block has grown it
by a quarter of the budget), so SymPy's work on a big input stops there instead of swapping the machine.

Two details keep the budget honest:

* once it has run out, the alarm keeps firing every ``REPEAT`` seconds until the block exits, so a
  library's broad ``except Exception`` that swallows the first ``BudgetExceeded`` cannot turn the budget
  into a hang;
* budgets nest: an inner block never outlives the outer one, and the outer deadline is restored on exit.
"""
from __future__ import annotations

import math
import signal
import sys
import threading
import time
from contextlib import contextmanager

REPEAT = 0.05  # seconds between repeated alarms once the budget has run out
WATCH = 0.02   # seconds of CPU time between two readings of the resident memory (the library's watch)


class BudgetExceeded(Exception):
    """The time budget ran out; the caller reports what it skipped."""


class MemoryBudgetExceeded(BudgetExceeded):
    """The memory budget ran out inside a budgeted block (SymPy's work on a big input): the block's result
    is "not comparable (memory)", and the rest of the report stands."""


MEMORY_BUDGET = 2 * 1024 ** 3    # bytes of address space for the command line (SYMGRAPH_MEMORY changes it)


def parse_memory(text: str | None) -> int | None:
    """SYMGRAPH_MEMORY: '2G' (the default), '512M', '4096' (MiB) or 'off'. Bytes, or None for no cap."""
    text = (text or "2G").strip().upper().removesuffix("IB").removesuffix("B")
    if text in ("0", "OFF", "NONE", ""):
        return None
    scale = {"K": 1024, "M": 1024 ** 2, "G": 1024 ** 3, "T": 1024 ** 4}.get(text[-1:], 1024 ** 2)
    try:
        value = float(text.rstrip("KMGT")) * scale
    except ValueError:
        return MEMORY_BUDGET
    if not math.isfinite(value):       # inf, nan, 1e999: not a size, the default
        return MEMORY_BUDGET
    return int(min(max(value, 256 * 1024 ** 2), 2 ** 62))    # below 256 MiB nothing starts


def memory_text() -> str:
    """The memory budget in force, for messages: '2 GiB' (the process's address-space limit)."""
    try:
        import resource

        limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    except (ImportError, OSError, ValueError):
        return "the available memory"
    if limit == resource.RLIM_INFINITY:
        return "the available memory"
    return size_text(limit)


def size_text(size: int) -> str:
    """Bytes as '2 GiB' or '256 MiB'."""
    return f"{size / 1024 ** 3:g} GiB" if size % (1024 ** 3) == 0 else f"{size / 1024 ** 2:,.0f} MiB"


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
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OverflowError, OSError):      # a size the system refuses: run without the cap
        pass


def budget_available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None):
    """Raise ``BudgetExceeded`` inside the block once ``seconds`` have passed (None or <= 0: no budget), and
    ``MemoryBudgetExceeded`` when the block runs out of memory (the address-space limit)."""
    if not seconds or seconds <= 0 or not budget_available():
        try:
            with memory_watch():
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
        with memory_watch():
            yield
    except MemoryError:
        raise MemoryBudgetExceeded(f"memory budget ({memory_text()}) exceeded") from None
    finally:
        def disarm():
            nonlocal active
            active = False             # first: from here on this block's alarm is dropped
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        completed(disarm)
        if outer_left:
            # Restore what is left of the enclosing deadline (fire at once if it has already passed).
            remaining = max(outer_left - (time.monotonic() - start), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, remaining, outer_interval)


_watching = [False]        # one watch at a time: nested budgeted blocks share the outermost one


def resident_bytes() -> int | None:
    """The process's resident memory now (Linux), else its peak so far, else None."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024          # bytes on macOS, kB elsewhere
    except (ImportError, OSError):
        return None


def _page_size() -> int:
    try:
        import os

        return os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 4096


_PAGE = _page_size()


def _capped() -> bool:
    """The address space is capped (the command line): MemoryError is the budget, no watch is needed."""
    try:
        import resource

        return resource.getrlimit(resource.RLIMIT_AS)[0] != resource.RLIM_INFINITY
    except (ImportError, OSError, ValueError):
        return False


@contextmanager
def memory_watch(budget: int | None = None):
    """Raise ``MemoryBudgetExceeded`` inside the block once the resident memory passes nine tenths of
    ``budget`` bytes (default: SYMGRAPH_MEMORY, else 2 GiB), or grows by a quarter of it in a process that
    began above that; a no-op under an address-space cap, off the main thread, inside another watch, or
    where SIGPROF or the memory reading is missing."""
    import os

    budget = budget if budget is not None else parse_memory(os.environ.get("SYMGRAPH_MEMORY"))
    start = resident_bytes()
    if (budget is None or start is None or _watching[0] or not budget_available()
            or not hasattr(signal, "SIGPROF") or _capped()):
        yield
        return
    # The process stays under the budget (a margin of a tenth for the growth between two readings); a
    # caller that already holds more than that (a big notebook) lets the block grow by a quarter of it.
    limit, tripped = max(budget - budget // 10, start + budget // 4), [False]

    def on_tick(signum, frame):
        if _watching[0] and (tripped[0] or (resident_bytes() or 0) > limit):
            tripped[0] = True          # keeps raising every tick: a swallowed first one cannot hide it
            raise MemoryBudgetExceeded(f"memory budget ({size_text(budget)}) exceeded")

    previous, timer = signal.getsignal(signal.SIGPROF), signal.getitimer(signal.ITIMER_PROF)
    if previous not in (signal.SIG_DFL, None) or timer[0]:
        yield                          # a profiler owns SIGPROF: leave it alone (no watch)
        return
    _watching[0] = True
    try:
        signal.signal(signal.SIGPROF, on_tick)
        signal.setitimer(signal.ITIMER_PROF, WATCH, WATCH)
        yield
    finally:
        def disarm():
            _watching[0] = False       # first: from here on a tick is dropped
            signal.setitimer(signal.ITIMER_PROF, *timer)
            signal.signal(signal.SIGPROF, previous)
        completed(disarm)


def completed(steps) -> None:
    """Run ``steps`` (a budget's restores, each safe to repeat) to their end. A budget's signal that lands
    inside them (a repeated alarm, a watch's tick) is dropped and the steps run again: such a signal
    repeats, so it is raised again after; a half-done restore would leave a timer armed."""
    while True:
        try:
            steps()
            return
        except BudgetExceeded:
            continue
