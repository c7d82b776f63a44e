"""The console script's garbage-collector settings (symgraph/__main__.py says why): paused while click and
SymPy are imported, those imports frozen out of later collections, on while the command works (SymPy's
diff leaves reference cycles behind, which only the collector frees). Each case runs
the real entry point in a child process that records the collector's state when the command starts."""
import subprocess
import sys

import pytest

CHILD = """
import atexit, gc, os, sys
import symgraph.cli.main as cli
seen = {}
command = cli.main
def recording(*args, **kwargs):
    seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count(), sympy="sympy" in sys.modules)
    return command(*args, **kwargs)
cli.main = recording
atexit.register(lambda: os.write(2, f"\\nGC {seen}\\n".encode()))
sys.argv = ["symgraph", *sys.argv[1:]]
from symgraph.__main__ import run
run()
"""


def state(*args) -> str:
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, timeout=120)
    return proc.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize("args", [("grad", "sin(x)*y", "--at", "x=1,y=2"), ("hessian", "x^2*y", "--at", "x=1,y=2"),
                                  ("check", "x^2", "--claim", "df/dx = 2*x", "--at", "x=3")])
def test_a_command_runs_with_the_collector_on_and_sympy_frozen_out_of_it(args):
    line = state(*args)
    assert "'enabled': True" in line and "'sympy': True" in line, line
    frozen = int(line.split("'frozen': ")[1].split(",")[0])
    assert frozen > 50_000, line              # SymPy's objects: about 97,000 tracked ones


@pytest.mark.parametrize("args", [("grad", "--help"), ("--version",)])
def test_help_and_version_do_not_import_sympy(args):
    line = state(*args)
    assert "'sympy': False" in line and "'enabled': True" in line, line
