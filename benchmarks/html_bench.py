"""Issue 14's performance targets for the HTML step-through, run by ``make bench`` (benchmarks/run.py).

1. The seed's neuron: ``grad --format html -o FILE`` against the same ``grad`` without it (``--format plain``),
   as medians of interleaved command-line runs, and in-process (``pipeline.grad`` with and without
   ``grad_page``) where the interpreter's start-up does not hide the difference.
2. The 1,720-variable MLP: the page (table stepper, no circuit) is written; its size, time and peak memory.
"""
from __future__ import annotations

import os
import statistics
import sys
import time

import cases

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "examples")
NEURON = [f"@{EXAMPLES}/sigmoid_neuron.txt", "--at", f"@{EXAMPLES}/sigmoid_neuron.point.json"]


def _median_pair(first, second, runs: int) -> tuple[float, float]:
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return statistics.median(a), statistics.median(b)


def neuron_cli(run, symgraph: str, folder: str, runs: int = 9) -> tuple[float, float]:
    page = os.path.join(folder, "neuron.html")
    return _median_pair(lambda: run([symgraph, "grad", *NEURON, "--format", "plain"])[0],
                        lambda: run([symgraph, "grad", *NEURON, "--format", "html", "-o", page])[0], runs)


def neuron_in_process(runs: int = 15) -> tuple[float, float]:
    from symgraph.pipeline import grad
    from symgraph.render.web.html import grad_page

    with open(os.path.join(EXAMPLES, "sigmoid_neuron.txt")) as fh:
        source = fh.read()
    point = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
    grad(source, point)                     # warm: imports and SymPy's caches are not what is measured

    def plain():
        start = time.perf_counter()
        grad(source, point)
        return time.perf_counter() - start

    def with_page():
        start = time.perf_counter()
        report = grad(source, point)
        grad_page(report.to_dict(), report.trace)
        return time.perf_counter() - start

    return _median_pair(plain, with_page, runs)


def mlp_page(run, symgraph: str, folder: str) -> dict:
    text, point = cases.mlp(40, 40)
    program, at, page = (os.path.join(folder, name) for name in ("mlp.txt", "mlp.point.json", "mlp.html"))
    with open(program, "w") as fh:
        fh.write(text)
    with open(at, "w") as fh:
        import json

        json.dump(point, fh)
    seconds, peak, code, _ = run([symgraph, "grad", f"@{program}", "--at", f"@{at}", "--format", "html", "-o", page])
    base, _, _, _ = run([symgraph, "grad", f"@{program}", "--at", f"@{at}", "--format", "json"])
    size = os.path.getsize(page) if os.path.exists(page) else 0
    with open(page, encoding="utf-8") as fh:
        circuit = "<svg" in fh.read()
    return {"seconds": seconds, "json_seconds": base, "peak_mb": peak, "exit": code, "bytes": size,
            "circuit": circuit, "variables": len(point)}


def targets(run, symgraph: str, folder: str) -> list:
    """(name, ok, detail) rows in run.py's format."""
    plain, html = neuron_cli(run, symgraph, folder)
    inner_plain, inner_html = neuron_in_process()
    mlp = mlp_page(run, symgraph, folder)
    return [
        ("6. neuron: grad --format html <= 1.5x grad without it (command line, medians)", html <= 1.5 * plain,
         f"{html:.3f} s / {plain:.3f} s = {html / plain:.2f}x; in-process {inner_html * 1000:.1f} ms / "
         f"{inner_plain * 1000:.1f} ms = {inner_html / inner_plain:.2f}x"),
        (f"6. MLP ({mlp['variables']:,} variables): page written, table stepper, no blow-up",
         mlp["exit"] == 0 and mlp["bytes"] > 0 and not mlp["circuit"],
         f"{mlp['bytes'] / 1e6:.2f} MB in {mlp['seconds']:.2f} s (--format json: {mlp['json_seconds']:.2f} s), "
         f"peak {mlp['peak_mb']:.0f} MB"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    import tempfile

    from child import SYMGRAPH, run as run_child

    with tempfile.TemporaryDirectory() as tmp:
        for row in targets(run_child, SYMGRAPH, tmp):
            print(f"- {'PASS' if row[1] else 'FAIL'} {row[0]}: {row[2]}")
