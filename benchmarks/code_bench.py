"""Speed of check --code (issue 21 item 8): a CS231n layer pair must check in under 1 s and a two-layer-net
file in under 2 s, each measured end to end as the command runs it (a fresh process: start-up, reading, the
traced forward pass, the true VJP, the verdicts), best of several runs, and in process (the library alone).
Long lines within the 5 MB cap (issue 22): a 4.8 MB comment line and 400,000 trailing spaces on a code line
(ast.get_source_segment took minutes on the first; code/source_lines.py reads each line once).

    python benchmarks/code_bench.py
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from symgraph.code.check import check_code  # noqa: E402

def example(path: str):
    return lambda: (ROOT / path).read_text()


def planted() -> str:
    text = (ROOT / "examples/code/two_layer_net.py").read_text()
    return text.replace("    dscores /= N\n", "")


SCRIPT = "import numpy as np\nx = [1.0, 2.0]\n{}\nf = x[0]\ndx = [1, 0]{}\n"
CASES = [
    ("layer pair (affine + relu)", example("examples/code/layers.py"), "x=NxD,w=DxM,b=M", 1.0),
    ("two-layer net", example("examples/code/two_layer_net.py"), "W1=DxH,b1=H,W2=HxC,b2=C,X=NxD,y=N", 2.0),
    ("two-layer net, a planted mistake", planted, "W1=DxH,b1=H,W2=HxC,b2=C,X=NxD,y=N", 2.0),
    ("a 4.8 MB comment line", lambda: SCRIPT.format("# " + "y" * 4_800_000, ""), None, 2.0),
    ("400,000 spaces after a code line", lambda: SCRIPT.format("", " " * 400_000), None, 1.0),
]


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    failed = 0
    print(f"{'case':36s} {'in process':>11s} {'command':>9s} {'target':>7s}")
    for name, source, shapes, target in CASES:
        text = source()
        lib = best(lambda: check_code(text, shapes=shapes), 5)
        cmd = [sys.executable, "-m", "symgraph", "check", "--code", "-", "--format", "json"]
        cmd += ["--shapes", shapes] if shapes else []
        run = best(lambda: subprocess.run(cmd, input=text, capture_output=True, text=True, cwd=ROOT), 3)
        ok = run < target
        failed += not ok
        print(f"{name:36s} {lib * 1000:9.1f}ms {run:8.2f}s {target:6.1f}s  {'ok' if ok else 'SLOW'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
