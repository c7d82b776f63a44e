"""Issue 22 item 7: big inputs inside the documented caps with ``--format json`` (time and peak memory).

Four shapes: the sum x+x+... and a sum of distinct variables at 150,000 nodes, a statement chain of 75,000
statements (a{i} = a{i-1}*y + x: 150,000 nodes), and 1,000,000 characters of x+x+... Targets: <= 9 s and <= 400 MB for the
first three, under 2 GiB and 30 s for the last. Time is wall-clock on a shared machine (a ratio of the
whole run, not an assertion of the test suite)."""
from __future__ import annotations

import os

NODES = 150_000


def shapes() -> list:
    distinct = NODES // 2
    return [
        ("sum x+x+... (150,000 nodes)", "+".join(["x"] * NODES), {"x": 1}, 9.0, 400.0),
        ("sum of 75,000 distinct variables", "+".join(f"x{i}" for i in range(distinct)),
         {f"x{i}": 1 for i in range(distinct)}, 9.0, 400.0),
        ("statement chain, 75,000 statements (150,000 nodes)",
         "; ".join(["a0 = x + 1"] + [f"a{i} = a{i - 1}*y + x" for i in range(1, distinct)]), {"x": 1, "y": 1},
         9.0, 400.0),
        ("1,000,000 characters of x+x+...", "+".join(["x"] * 500_000), {"x": 1}, 30.0, 2048.0),
    ]


def targets(run_text, folder: str) -> list:
    print("\nBig inputs with --format json (issue 22 item 7)\n")
    print("| shape | s | peak MB | exit |")
    print("|---|---:|---:|---:|")
    rows = []
    for k, (name, text, point, max_s, max_mb) in enumerate(shapes()):
        seconds, peak, code, _ = run_text(os.path.join(folder, f"big{k}"), text, point, "--format", "json")
        print(f"| {name} | {seconds:.2f} | {peak:.0f} | {code} |")
        rows.append((f"22.7 {name}: <= {max_s:g} s and <= {max_mb:g} MB", seconds <= max_s and peak <= max_mb
                     and code == 0, f"{seconds:.2f} s, {peak:.0f} MB, exit {code}"))
    return rows
