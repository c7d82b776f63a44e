"""Run the symgraph CLI and append its own peak memory (VmHWM, MB) to the file $SYMGRAPH_PEAK_FILE.

os.wait4's ru_maxrss cannot be used for a child: Linux carries the high-water mark of the forked copy of
the parent (before exec) into it, so a benchmark parent holding big inputs made every child look as big.
VmHWM belongs to the process's own address space, which exec replaces. The CLI starts as the console
script does (symgraph.__main__.run), so the figures are a user's.
"""
import atexit
import os
import sys


def _report() -> None:
    with open("/proc/self/status") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM"))
    with open(os.environ["SYMGRAPH_PEAK_FILE"], "w") as fh:
        fh.write(str(kb / 1024))


if __name__ == "__main__":
    atexit.register(_report)
    from symgraph.__main__ import run      # the console script's own start (collector, memory cap, streams)

    sys.argv[0] = "symgraph"
    run()
