"""``check --code``'s report in the terminal (rich and plain): the line-by-line table, then the first wrong
line and why. It only lays out the finished report (its to_dict()).
"""
from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from symgraph.safe_text import cell

MARK = {True: ("✓ right", "green"), False: ("✗ wrong", "bold red"), None: ("· not judged", "yellow")}
CODE_WIDTH = 48


def _shape(shape) -> str:
    if shape is None:
        return "-"
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def _error(row: dict) -> str:
    if row["max_abs_err"] is None:
        return "-"
    return f"{row['max_abs_err']:.2g}"


def _code(text: str) -> str:
    text = cell(text)
    return text if len(text) <= CODE_WIDTH else text[:CODE_WIDTH - 3] + "..."


def render_code(data: dict, console: Console, plain: bool = False) -> None:
    """``data`` is the report's to_dict()."""
    console.print(Text(f"Checking the backward pass in {cell(data['source'])}", style="bold"))
    for unit in data["units"]:
        inputs = ", ".join(f"{cell(k)} {_shape(v)}" for k, v in unit["inputs"].items())
        what = {"script": "script", "layer": "layer pair", "loss": "loss"}[unit["kind"]]
        name = "" if unit["kind"] == "script" else " " + cell(unit["name"])
        console.print(Text(f"{what}{name}: output {unit['output']}; inputs {inputs}"))
    t = Table(box=box.ASCII2 if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for col in ("line", "code", "claim", "verdict", "shape", "error"):
        t.add_column(col, overflow="fold")
    for row in data["lines"]:
        word, style = MARK[row["ok"]]
        shape = _shape(row["shape"])
        if row["expected_shape"] is not None and row["shape"] != row["expected_shape"]:
            shape += f" ≠ {_shape(row['expected_shape'])}"
        t.add_row(str(row["line"]), _code(row["code"]), cell(row["claim"]), Text(word, style=style),
                  shape, _error(row))
    console.print(t)
    for row in data["lines"]:
        if row["ok"] is False and row is not None and row["line"] != (data["first_wrong"] or {}).get("line"):
            console.print(Text(f"also line {row['line']} ({cell(row['name'])}): {cell(row['why'])}"
                               + (f" (mistake {row['diagnosis']['mistake']})" if row["diagnosis"] else "")),
                          soft_wrap=True)
        elif row["ok"] is None:
            console.print(Text(f"line {row['line']} ({cell(row['name'])}): {cell(row['why'])}",
                               style="" if plain else "dim"), soft_wrap=True)
    for note in data["notes"]:
        console.print(Text(f"note: {cell(note)}"))
    first = data["first_wrong"]
    console.print()
    if first is None:
        n = sum(r["ok"] is True for r in data["lines"])
        console.print(Text(f"{n} of {n} gradient{'s' if n != 1 else ''} right" if n else "nothing was judged",
                           style="bold green" if n else "bold yellow"))
        return
    console.print(Text("first wrong line: ", style="bold") + Text(
        f"line {first['line']}" + ("" if first["unit"] == "script" else f" in {cell(first['unit'])}")
        + f": {cell(first['code'])}"))
    mistake = next((r["diagnosis"]["mistake"] for r in data["lines"]
                    if r["line"] == first["line"] and r["name"] == first["name"] and r["diagnosis"]), None)
    row = next((r for r in data["lines"] if r["line"] == first["line"] and r["name"] == first["name"]), None)
    console.print(Text(f"  {cell(row['why'] if row else first['why'])}"), soft_wrap=True)
    if mistake:
        console.print(Text(f"  mistake {mistake}: ", style="bold") + Text(row["diagnosis"]["text"]), soft_wrap=True)
    right = sum(r["ok"] is True for r in data["lines"])
    wrong = sum(r["ok"] is False for r in data["lines"])
    console.print()
    console.print(Text(f"{right} of {right + wrong} gradients right, {wrong} wrong", style="bold red"))


def render_folder(data: dict, console: Console, plain: bool = False) -> None:
    """``check --code DIR``: a row per file, then batch grading's mistake histogram and totals."""
    from symgraph.render.terminal.classroom import render_summary

    console.print(Text(f"Checking the backward passes in {cell(data['folder'])}", style="bold"))
    t = Table(box=box.ASCII2 if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for col in ("file", "verdict", "right", "first wrong line", "mistakes"):
        t.add_column(col, overflow="fold")
    for item in data["files"]:
        report = item["report"]
        if report is None:
            t.add_row(cell(item["file"]), Text("error", style="bold red"), "-",
                      cell(item["error"] or ""), "")
            continue
        rows = [r for r in report["lines"] if r["ok"] is not None]
        first = report["first_wrong"]
        mistakes = dict.fromkeys(r["diagnosis"]["mistake"] for r in rows if r["diagnosis"])
        word, style = MARK[bool(report["ok"])]
        t.add_row(cell(item["file"]), Text(word, style=style),
                  f"{sum(r['ok'] for r in rows)}/{len(rows)}",
                  f"line {first['line']}: {_code(first['code'])}" if first else "", " ".join(mistakes))
    console.print(t)
    render_summary(data, console, plain=plain)


def render_tensor_claims(data: dict, console: Console, plain: bool = False) -> None:
    """Claims about a tensor program's gradients: a row per claim, then why each wrong one is wrong."""
    tried = "; ".join(", ".join(f"{k} {_shape(v)}" for k, v in t["shapes"].items()) + f" ({t['points']} "
                      f"point{'s' if t['points'] != 1 else ''})" for t in data["tried"])
    console.print(Text(f"Checking claims about {cell(data['output'])} at {tried}", style="bold"),
                  soft_wrap=True)
    t = Table(box=box.ASCII2 if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for col in ("claim", "verdict", "shape", "error"):
        t.add_column(col, overflow="fold")
    for row in data["claims"]:
        word, style = MARK[row["ok"]]
        shape = _shape(row["shape"]) + ("" if row["shape"] == row["expected_shape"]
                                        else f" ≠ {_shape(row['expected_shape'])}")
        t.add_row(cell(row["claim"]), Text(word, style=style), shape, _error(row) if row["shape"] ==
                  row["expected_shape"] else "-")
    console.print(t)
    for row in data["claims"]:
        if not row["ok"]:
            console.print(Text(f"{cell(row['claim'])}: {cell(row['why'])}"), soft_wrap=True)
            if row["diagnosis"]:
                console.print(Text(f"  mistake {row['diagnosis']['mistake']}: ", style="bold")
                              + Text(row["diagnosis"]["text"]), soft_wrap=True)
    right = sum(r["ok"] for r in data["claims"])
    console.print()
    console.print(Text(f"{right} of {len(data['claims'])} claims right", style="bold green" if data["ok"]
                       else "bold red"))
