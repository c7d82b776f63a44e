"""The scale table of ``make bench`` (issue 10): time and peak memory against size, per input shape.

Each shape runs at a size and at 10x that size, as a child process with the default checks; the table
gives the nodes, the seconds, the peak RSS and the growth ratio of the time for 10x the nodes (linear
stages give about 10). The targets: the largest run (about 500,000 nodes) under 30 s and under 1 GB, and a
10x time ratio of at most 12 for every shape.
"""
from __future__ import annotations

import os
import re

import cases

# (shape, generator, small size, large size); sizes stay under the 2,000,000-character input cap.
SHAPES = [
    ("sum x+x+...+x", cases.long_sum, 50_000, 500_000),
    ("chain of statements", cases.chain, 5_000, 50_000),
    ("distinct-variable sum", cases.distinct_sum, 20_000, 200_000),
    ("nested constant", cases.nested_constant, 1_000, 9_999),
    ("product of fractions", cases.fraction_product, 25_000, 250_000),
]
TIME_LIMIT, MEMORY_LIMIT_MB, RATIO_LIMIT, BIG = 30.0, 1024.0, 12.0, 400_000


def measure(run_text, folder: str) -> list:
    """One row per (shape, size): the child's seconds, peak MB, exit code and its verdict line. The
    command is the default one (``symgraph grad @FILE --at @POINT``, no --format: the plain trace a pipe
    gets, summarized for big inputs), with the default checks."""
    rows = []
    for shape, make, small, large in SHAPES:
        for size in (small, large):
            text, point = make(size)
            name = os.path.join(folder, f"scale_{len(rows)}")
            seconds, peak, code, out = run_text(name, text, point, "--format", "plain")
            nodes = re.search(r"graph: ([\d,]+) nodes", out)
            verdict = re.search(r"Verdict: ([^\n(]*)(\([^\n]*\))?", out)
            rows.append({"shape": shape, "size": size, "nodes": int(nodes.group(1).replace(",", "")) if nodes
                         else None, "seconds": seconds, "peak_mb": peak, "exit": code,
                         "checks": verdict.group(1).strip() if verdict else "-"})
    return rows


def table(rows: list) -> tuple[list, list]:
    """The markdown table and the targets as (name, ok, detail)."""
    lines = ["| shape | size | nodes | seconds | peak MB | exit | verdict | time ratio (10x) |",
             "|---|---:|---:|---:|---:|---:|---|---:|"]
    targets = []
    for k, r in enumerate(rows):
        ratio = r["seconds"] / rows[k - 1]["seconds"] if k % 2 else None
        nodes = f"{r['nodes']:,}" if r["nodes"] is not None else "-"
        lines.append(f"| {r['shape']} | {r['size']:,} | {nodes} | {r['seconds']:.2f} | {r['peak_mb']:.0f} "
                     f"| {r['exit']} | {r['checks']} | {'-' if ratio is None else f'{ratio:.1f}'} |")
        if ratio is not None:
            targets.append((f"scale: {r['shape']}: time ratio for 10x size <= {RATIO_LIMIT:g}",
                            ratio <= RATIO_LIMIT, f"{ratio:.1f}"))
        if (r["nodes"] or 0) >= BIG:
            targets.append((f"scale: {r['shape']} ({r['nodes']:,} nodes) under {TIME_LIMIT:g} s and "
                            f"{MEMORY_LIMIT_MB:g} MB, exit 0",
                            r["seconds"] < TIME_LIMIT and r["peak_mb"] < MEMORY_LIMIT_MB and r["exit"] == 0,
                            f"{r['seconds']:.1f} s, {r['peak_mb']:.0f} MB, exit {r['exit']}"))
    return lines, targets
