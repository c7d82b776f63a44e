"""``check --code``: read the file (whitelist), pick its convention, run each unit, judge it line by line,
name the mistakes, into one CodeReport. Nothing here prints."""
from __future__ import annotations

import ast
from types import SimpleNamespace
from typing import Optional

import numpy as np

from symgraph.code.inputs import parse_shapes
from symgraph.code.report import CodeReport, merge
from symgraph.code.safety import offset, parse_code
from symgraph.code.source_lines import SourceLines
from symgraph.code.units import find_units, run_layer, run_loss, run_script
from symgraph.code.values import Budget
from symgraph.code.verdicts import first_wrong, judge_unit
from symgraph.errors import DomainError, SymgraphError

DEFAULT_SEED = 0


def _has_script_gradients(tree) -> bool:
    return any(isinstance(s, (ast.Assign, ast.AugAssign)) for s in tree.body)


def _arrays(text: str, read_file) -> dict:
    """--at values, parsed by the tensor engine's reader (symgraph.tensor.values)."""
    from symgraph.tensor.values import parse_arrays

    return parse_arrays(text, read_file=read_file)


def check_code(source: str, *, shapes: Optional[str | dict] = None, at: Optional[str | dict] = None,
               output: Optional[str] = None, seed: int = DEFAULT_SEED, source_name: str = "<code>",
               read_file=None) -> CodeReport:
    """Judge the backward pass written in ``source`` (never executed: interpreted on a whitelist)."""
    tree = parse_code(source)
    shape_map = shapes if isinstance(shapes, dict) else parse_shapes(shapes)
    point = at if isinstance(at, dict) else (_arrays(at, read_file) if at else {})
    rng = np.random.default_rng(seed)
    budget = Budget()
    units = []
    found = find_units(tree)
    notes = []
    if found:
        if output:
            notes.append("--output is for scripts; layer pairs and losses have their own outputs")
        for kind, name in found:
            run = run_layer if kind == "layer" else run_loss
            units.append(run(source, tree, name, shape_map, point, rng, budget))
    elif _has_script_gradients(tree):
        if shapes or at:
            notes.append("a script's literal assignments are its point; --shapes and --at are not used")
        units.append(run_script(source, tree, output, budget))
    else:
        raise SymgraphError("nothing to check: no NAME_forward/NAME_backward pair, no NAME_loss function and "
                            "no script with dNAME = ... gradient assignments")
    lines = SourceLines(source).lines()        # numbered as ast numbers them
    verdicts = []
    for unit in units:
        try:
            verdicts += judge_unit(unit, lines)
        except DomainError as exc:    # the forward pass overflows: point at the statement that made the node
            span = unit.graph.nodes[exc.node].span if getattr(exc, "node", None) is not None else None
            if exc.column is None and span:
                exc.source, exc.column = source, offset(source, SimpleNamespace(lineno=span[0], col_offset=span[1]))
            raise
    first = first_wrong(merge(verdicts))          # in the order the code ran
    order: dict = {}
    for v in verdicts:
        order.setdefault(v.unit, len(order))
    rows = sorted(merge(verdicts), key=lambda v: (order.get(v.unit, len(order)), v.line))
    info = [{"name": u.name, "kind": u.kind, "output": u.output,
             "inputs": {n: list(u.graph.nodes[i].shape) for n, i in u.graph.inputs.items()}} for u in units]
    outputs = ", ".join(dict.fromkeys(u.output for u in units))
    for unit in units:
        if not unit.events:
            notes.append(f"{unit.name}: no gradient was found to judge")
    return CodeReport(source_name, outputs, rows, first, info, notes)
