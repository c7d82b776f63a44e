"""One child process, timed: what run.py and html_bench.py share (the symgraph console script next to
this Python, and ``run``, which measures a command's wall time and peak memory)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time

BIN = os.path.dirname(sys.executable)
SYMGRAPH = os.path.join(BIN, "symgraph")


def run(cmd: list, timeout: float | None = None) -> tuple[float, float, int, str]:
    """(seconds, peak RSS in MB, exit code, stdout) of one child process; killed after ``timeout``."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        timer = threading.Timer(timeout, proc.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)      # reaps the child and returns its own rusage
        seconds = time.perf_counter() - start
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode()
    return seconds, usage.ru_maxrss / 1024, proc.returncode, text
