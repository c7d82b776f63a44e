"""Memory is bounded, not only time (issue 22 item 7)."""
import os
import subprocess
import sys
import textwrap

import pytest

import symgraph
from symgraph.checks.budget import MEMORY_BUDGET, MemoryBudgetExceeded, time_budget
from symgraph.errors import LimitError
from tests.helpers import ROOT

needs_rlimit = pytest.mark.skipif(not os.path.exists("/proc/self/status") or sys.platform != "linux",
                                  reason="address-space limits are read from /proc and set with RLIMIT_AS (Linux)")


def test_a_memory_error_inside_a_budget_is_a_memory_budget_exceeded():
    with pytest.raises(MemoryBudgetExceeded, match="memory budget"):
        with time_budget(5):
            raise MemoryError
    with pytest.raises(MemoryBudgetExceeded):
        with time_budget(None):
            raise MemoryError


@needs_rlimit
def test_past_the_budget_the_sympy_check_is_not_comparable_and_the_rest_stands():
    """A child process gets 30 MiB above what it uses after a warm-up; x*x*...*x (3,000 factors) then
    exhausts SymPy's share. The gradient (d/dx x^3000 = 3000 at x = 1) and the other checks stand."""
    script = textwrap.dedent("""
        import resource, json
        import symgraph
        symgraph.grad("x*y", "x=1,y=2")
        vsz = int(open("/proc/self/status").read().split("VmSize:")[1].split()[0]) * 1024
        resource.setrlimit(resource.RLIMIT_AS, (vsz + 30 * 1024 ** 2, resource.RLIM_INFINITY))
        r = symgraph.grad("*".join(["x"] * 3000), "x=1", timeout=120)
        print(json.dumps({"gradient": r.gradient, "ok": r.ok,
                          "checks": {c.name: [c.status, c.note] for c in r.checks}}))
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    import json

    data = json.loads(done.stdout.splitlines()[-1])
    assert data["gradient"] == {"x": 3000.0} and data["ok"] is True
    status, note = data["checks"]["gradient: graph vs SymPy"]
    assert status == "not comparable" and "not comparable (memory)" in note
    assert data["checks"]["forward vs reverse"][0] == "ok"


def test_a_hessian_beyond_the_memory_budget_is_refused_before_it_starts_with_the_numbers():
    n = 2000
    source = "+".join(f"x{i}*x{i + 1}" for i in range(n - 1))
    at = {f"x{i}": 1 for i in range(n)}
    with pytest.raises(LimitError) as info:
        symgraph.hessian(source, at, check="none")
    message = info.value.message
    assert f"{n:,} variables" in message and f"{n * n:,} entries" in message
    assert f"({MEMORY_BUDGET / 1024 ** 3:g} GiB)" in message or "memory budget (" in message


def _address_space_limit(pid: int):
    for line in open(f"/proc/{pid}/limits", encoding="ascii"):
        if line.startswith("Max address space"):
            return line.split()[3]
    return None


@needs_rlimit
@pytest.mark.parametrize("setting, expected", [(None, str(2 * 1024 ** 3)), ("3G", str(3 * 1024 ** 3))])
def test_the_command_line_runs_under_the_documented_default_of_2_gib(setting, expected):
    """A real symgraph process, waiting for its expression on stdin: its limit read from /proc."""
    import time

    env = {k: v for k, v in os.environ.items() if k != "SYMGRAPH_MEMORY"}
    if setting:
        env["SYMGRAPH_MEMORY"] = setting
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.Popen([sys.executable, "-m", "symgraph", "grad", "-", "--at", "x=1", "--check", "none"],
                            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    try:
        seen = None
        for _ in range(300):               # the limit is set first thing; wait for start-up, at most 30 s
            seen = _address_space_limit(proc.pid)
            if seen != "unlimited":
                break
            time.sleep(0.1)
        out, _ = proc.communicate(b"x**2", timeout=120)
    finally:
        proc.kill()
    assert seen == expected == str(MEMORY_BUDGET if setting is None else 3 * 1024 ** 3)
    assert b"2" in out


needs_watch = pytest.mark.skipif(sys.platform != "linux" or not hasattr(__import__("signal"), "SIGPROF"),
                                 reason="the library's memory watch reads /proc/self/statm and ticks on SIGPROF")


@needs_watch
def test_without_an_address_space_cap_the_watch_stops_a_block_that_grows_past_its_budget():
    """A library caller's process is not capped: the watch reads the resident memory. In a process that
    already holds more than the budget (this test runner, budget 64 MiB), a block may grow it by a quarter
    of the budget (16 MiB) and is stopped soon after; a block that stays under that runs to its end."""
    from symgraph.checks.budget import memory_watch, resident_bytes

    assert resident_bytes() > 64 * 1024 ** 2
    held = []
    with pytest.raises(MemoryBudgetExceeded, match="memory budget"):
        with memory_watch(64 * 1024 ** 2):
            for _ in range(4000):                   # up to 4 GB, 1 MB at a time, touched so it is resident
                held.append(bytearray(1024 ** 2))
    assert 14 <= len(held) < 200                    # stopped soon after 16 MiB, long before the loop's end
    held.clear()
    with memory_watch(512 * 1024 ** 2):
        small = [bytearray(1024 ** 2) for _ in range(16)]
    assert len(small) == 16


@needs_watch
def test_the_library_reports_the_sympy_check_not_comparable_past_the_watch_and_the_rest_stands():
    """No RLIMIT_AS in the child (as in a notebook): SYMGRAPH_MEMORY=256M is the budget of SymPy's check on
    x x ... x (20,000 factors), which needs about 1 GB; the check is "not comparable (memory)", the whole
    child stays near the budget (nine tenths of it, plus one reading's growth), and the graph's numbers
    stand (d/dx x^20000 at 1 = 20,000)."""
    script = textwrap.dedent("""
        import json, resource
        import symgraph
        assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY
        r = symgraph.grad(" ".join(["x"] * 20000), "x=1", timeout=120)
        peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024
        print(json.dumps({"gradient": r.gradient, "peak_mb": peak,
                          "checks": {c.name: [c.status, c.note] for c in r.checks}}))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SYMGRAPH_MEMORY": "256M"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    import json

    data = json.loads(done.stdout.splitlines()[-1])
    assert data["gradient"] == {"x": 20000.0}
    status, note = data["checks"]["gradient: graph vs SymPy"]
    assert status == "not comparable" and "not comparable (memory)" in note
    assert data["checks"]["forward vs reverse"][0] == "ok"
    assert data["peak_mb"] < 300


@pytest.mark.parametrize("text", ["inf", "nan", "1e999G", "-inf", "1e30G"])
def test_a_memory_budget_that_is_no_size_falls_back_or_is_capped_never_an_exception(text):
    from symgraph.checks.budget import parse_memory, set_memory_limit

    value = parse_memory(text)
    assert value == MEMORY_BUDGET or 256 * 1024 ** 2 <= value <= 2 ** 62
    done = subprocess.run([sys.executable, "-m", "symgraph", "grad", "x*y", "--at", "x=1,y=2", "--no-trace"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SYMGRAPH_MEMORY": text})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    set_memory_limit(None)                                     # a no-op: nothing to cap


@needs_watch
def test_the_watch_leaves_a_profilers_sigprof_alone_and_restores_every_handler():
    """A caller's SIGPROF handler (a sampling profiler) is left in charge (no watch), and after a watched
    block the handler and the timer are as they were, also when a time budget's alarm lands in the block."""
    import signal

    from symgraph.checks.budget import BudgetExceeded, memory_watch, time_budget

    ticks = []
    signal.signal(signal.SIGPROF, lambda *a: ticks.append(1))
    try:
        with memory_watch(1):                      # a 1-byte budget would trip at once if it were watched
            sum(i * i for i in range(300_000))
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
    before = (signal.getsignal(signal.SIGPROF), signal.getsignal(signal.SIGALRM), signal.getitimer(signal.ITIMER_PROF))
    with pytest.raises(BudgetExceeded):
        with time_budget(0.05):
            while True:
                pass
    assert (signal.getsignal(signal.SIGPROF), signal.getsignal(signal.SIGALRM),
            signal.getitimer(signal.ITIMER_PROF)) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
