"""``make bench``: symgraph against the SymPy route on generated inputs, the issue-6 targets, and the
scale table of issue 10 (scale.py: time and peak memory against size per input shape).

Every number comes from this run on this machine: each command runs as a child process, timed with
``time.perf_counter``; symgraph's peak memory is its own VmHWM (peak.py), the SymPy route's ru_maxrss.
The SymPy route (see sympy_route.py) runs in the same run, right after symgraph, on the same text and point.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases  # noqa: E402
from child import SYMGRAPH, run  # noqa: E402 (shared with html_bench.py)
import big_json  # noqa: E402
import html_bench  # noqa: E402
import scale  # noqa: E402

ROUTE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sympy_route.py")
PEAK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peak.py")
BASELINE_TIMEOUT = 180


def run_symgraph(program: str, point: str, *options: str) -> tuple[float, float, int, dict]:
    """symgraph grad through peak.py, which reports the child's own peak memory (VmHWM); JSON output
    unless ``options`` say otherwise (then the text output comes back as it is)."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak_file:
        os.environ["SYMGRAPH_PEAK_FILE"] = peak_file.name
        seconds, _, code, text = run([sys.executable, PEAK, "grad", f"@{program}", "--at", f"@{point}",
                                      *(options or ("--format", "json"))])
        peak = float(peak_file.read() or "nan")
    if options:
        return seconds, peak, code, text
    return seconds, peak, code, json.loads(text) if text.strip() else {}


def run_text(path: str, text: str, point: dict, *options: str) -> tuple[float, float, int, dict]:
    """Write ``path``.txt and ``path``.point.json, then run symgraph on them (the default checks)."""
    with open(f"{path}.txt", "w") as fh:
        fh.write(text)
    with open(f"{path}.point.json", "w") as fh:
        json.dump(point, fh)
    return run_symgraph(f"{path}.txt", f"{path}.point.json", *options)


def case(name: str, text: str, point: dict, folder: str, baseline: bool) -> dict:
    program, at = os.path.join(folder, f"{name}.txt"), os.path.join(folder, f"{name}.point.json")
    seconds, peak, code, doc = run_text(os.path.join(folder, name), text, point)
    row = {"case": name, "nodes": doc["cost"]["nodes"], "variables": len(doc["wrt"]), "symgraph_s": seconds,
           "exit": code, "peak_mb": peak, "strategy": doc["check_plan"]["strategy"],
           "reverse_over_evaluate": doc["timings"]["reverse"] / max(doc["timings"]["evaluate"], 1e-9),
           "checks": f"{len(doc['check_plan']['ran'])} ran, {len(doc['check_plan']['skipped'])} skipped",
           "sympy_s": None, "match": None}
    if baseline:
        b_seconds, b_peak, b_code, b_text = run([sys.executable, ROUTE, program, at], BASELINE_TIMEOUT)
        if b_code == 0:
            ref = json.loads(b_text)["gradient"]
            row["sympy_s"] = b_seconds
            row["match"] = max(abs(doc["gradient"][v] - ref[v]) / max(1.0, abs(ref[v])) for v in ref)
        else:
            row["sympy_s"] = f"failed (exit {b_code})" if b_seconds < BASELINE_TIMEOUT else \
                f"> {BASELINE_TIMEOUT} (stopped)"
    return row


def latency(runs: int = 15) -> tuple[float, float]:
    """Median wall time of ``python -c 'import sympy'`` and of the seed example, interleaved."""
    base, ours = [], []
    for _ in range(runs):
        base.append(run([sys.executable, "-c", "import sympy"])[0])
        ours.append(run([SYMGRAPH, "grad", "(2*x1+3*x2)-4*x1*x2", "--at", "x1=1,x2=2"])[0])
    return statistics.median(base), statistics.median(ours)


def fmt(x, spec: str = ".2f") -> str:
    return "-" if x is None else x if isinstance(x, str) else format(x, spec)


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(case("mlp 40x40", *cases.mlp(40, 40), folder, baseline=True))
        rows.append(case("chain 2,000", *cases.chain(2000), folder, baseline=False))
        rows.append(case("chain 20,000", *cases.chain(20000), folder, baseline=False))
        rows.append(case("random 20 vars, 300 ops", *cases.random_program(20, 300, seed=1), folder, baseline=True))
        rows.append(case("random 100 vars, 1,000 ops", *cases.random_program(100, 1000, seed=2), folder,
                         baseline=True))
        scale_rows = [] if os.environ.get("SYMGRAPH_BENCH_SKIP_SCALE") else scale.measure(run_text, folder)
    print("| case | nodes | variables | checks | symgraph s | SymPy route s | ratio | max grad diff "
          "| reverse/evaluate | peak MB |")
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = r["sympy_s"] / r["symgraph_s"] if isinstance(r["sympy_s"], float) else None
        print(f"| {r['case']} | {r['nodes']:,} | {r['variables']:,} | {r['strategy']}: {r['checks']} "
              f"| {fmt(r['symgraph_s'])} | {fmt(r['sympy_s'])} | {fmt(ratio, '.1f')} | {fmt(r['match'], '.1e')} "
              f"| {fmt(r['reverse_over_evaluate'])} | {fmt(r['peak_mb'], '.0f')} |")
    base, ours = latency()
    mlp, c2, c20 = rows[0], rows[1], rows[2]
    targets = [
        ("1. MLP: symgraph >= 20x faster than the SymPy route",
         isinstance(mlp["sympy_s"], float) and mlp["sympy_s"] / mlp["symgraph_s"] >= 20,
         f"{fmt(mlp['sympy_s'])} s / {fmt(mlp['symgraph_s'])} s"),
        ("1. MLP: gradient matches to 1e-9", mlp["match"] is not None and mlp["match"] <= 1e-9,
         f"max relative difference {fmt(mlp['match'], '.1e')}"),
        ("2. reverse <= 4x evaluate (MLP)", mlp["reverse_over_evaluate"] <= 4, f"{mlp['reverse_over_evaluate']:.2f}x"),
        ("3. chain 20,000 / 2,000 time ratio <= 13", c20["symgraph_s"] / c2["symgraph_s"] <= 13,
         f"{c20['symgraph_s'] / c2['symgraph_s']:.1f}"),
        ("3. chain 20,000 under 15 s with checks, exit 0", c20["symgraph_s"] < 15 and c20["exit"] == 0,
         f"{c20['symgraph_s']:.2f} s, exit {c20['exit']}"),
        ("4. seed example median <= 1.5x python -c 'import sympy'", ours <= 1.5 * base,
         f"{ours:.3f} s / {base:.3f} s = {ours / base:.2f}x"),
        ("5. MLP peak RSS <= 400 MB", mlp["peak_mb"] <= 400, f"{mlp['peak_mb']:.0f} MB"),
    ]
    with tempfile.TemporaryDirectory() as folder:
        targets += html_bench.targets(run, SYMGRAPH, folder)      # issue 14: the HTML step-through
        targets += big_json.targets(run_text, folder)             # issue 22: big inputs, --format json
    if scale_rows:
        lines, more = scale.table(scale_rows)
        print("\nScale: time and peak memory against size, per input shape (default checks)\n")
        print("\n".join(lines))
        targets += more
    import hessian_bench  # the Hessian benchmark (issue 13): its own table and targets

    targets += hessian_bench.main_rows(run, SYMGRAPH, BASELINE_TIMEOUT)
    print()
    for name, ok, detail in targets:
        print(f"- {'PASS' if ok else 'FAIL'} {name}: {detail}")
    print(f"\nmachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"{platform.platform()}")
    return 0 if all(ok for _, ok, _ in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
