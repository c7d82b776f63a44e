"""The scalarized route: a small tensor program expanded into scalars (w_0*x_0 + w_1*x_1 + ...), then
differentiated by the scalar graph pipeline and by SymPy's diff. It uses none of the tensor VJP rules: each
row's ``expand`` (or, elementwise, the scalar row it names) writes the op in scalars, in one of two algebras:

* Text: the scalar language, one statement per tensor entry (so the text grows with the work, not faster);
  the scalar rows' own ``written`` forms give the text of each function;
* SymPy: the scalar rows' SymPy counterparts (``sym``), on symbols per input entry; never from strings.
"""
from __future__ import annotations

import re

import numpy as np
import sympy

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.core.primitives import PRIMITIVES
from symgraph.errors import SymgraphError
from symgraph.tensor import checks as tc
from symgraph.tensor.table import OPS

MAX_ENTRIES = 300       # input entries the route expands
MAX_TERMS = 20_000      # scalar operations in the expansion (an estimate made before expanding)
SYMPY_PRECISION = 30


class Term:
    """A scalar-language expression as text; arithmetic writes the text with explicit parentheses."""
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def _bin(self, op, other, reverse=False):
        a, b = (_text(other), self.text) if reverse else (self.text, _text(other))
        return Term(f"({a}) {op} ({b})")

    def __add__(self, o): return self._bin("+", o)
    def __radd__(self, o): return self._bin("+", o, True)
    def __sub__(self, o): return self._bin("-", o)
    def __rsub__(self, o): return self._bin("-", o, True)
    def __mul__(self, o): return self._bin("*", o)
    def __rmul__(self, o): return self._bin("*", o, True)
    def __truediv__(self, o): return self._bin("/", o)
    def __rtruediv__(self, o): return self._bin("/", o, True)
    def __neg__(self): return Term(f"-({self.text})")


def _text(x) -> str:
    return x.text if isinstance(x, Term) else repr(float(x))


class TextAlgebra:
    def fn(self, name: str, *args):
        return Term(PRIMITIVES[name].written([f"({_text(a)})" for a in args]))

    def total(self, items: list):
        return Term(" + ".join(f"({_text(i)})" for i in items)) if items else Term("0.0")

    def const(self, value: float):
        return Term(f"({float(value)!r})")


class SympyAlgebra:
    def fn(self, name: str, *args):
        return PRIMITIVES[name].sym(*args, None)

    def total(self, items: list):
        return sympy.Add(*items)

    def const(self, value: float):
        return sympy.Rational(*float(value).as_integer_ratio())


def _obj(x) -> np.ndarray:
    if isinstance(x, np.ndarray):
        return x
    out = np.empty((), dtype=object)
    out[()] = x
    return out


def entry_names(graph) -> dict:
    """input name -> object array of scalar names (W_1_2), unique among the program's names."""
    taken = set(graph.inputs)
    out = {}
    for name, i in graph.inputs.items():
        shape = graph.nodes[i].shape
        arr = np.empty(shape, dtype=object)
        for k in np.ndindex(shape):
            cand = "_".join([name] + [str(j) for j in k]) if k else name
            while cand in taken and k:
                cand += "_"
            taken.add(cand)
            arr[k] = cand
        out[name] = arr
    return out


def estimate(graph) -> int:
    """Scalar operations the expansion will write (matmul: n*k*m; reductions: their input size)."""
    total = 0
    for node in graph.nodes:
        sizes = [int(np.prod(graph.nodes[a].shape)) for a in node.args]
        out = int(np.prod(node.shape))
        if node.op in ("matmul", "dot"):
            total += out * graph.nodes[node.args[0]].shape[-1]
        else:
            total += max([out] + sizes)
    return total


def expand(graph, alg, leaves: dict, on_node=None, primals=None) -> list:
    """Every node as an object array of scalar expressions; ``on_node(i, arr)`` may replace a node's entries
    (the text route names them, one statement each). A row's label arguments (pick's y) are numbers that
    choose entries: given ``primals``, they are read from there, so an input used both as labels and as
    numbers (sum(pick(Z, y) * y)) still expands."""
    vals: list = [None] * len(graph.nodes)
    for i, node in enumerate(graph.nodes):
        if node.op == "input":
            vals[i] = leaves[node.name]
            continue
        if node.op == "const":
            c = np.asarray(graph.consts[i], dtype=float)
            vals[i] = np.vectorize(alg.const, otypes=[object])(c) if c.ndim else _obj(alg.const(float(c)))
            continue
        row, args = OPS[node.op], [vals[a] for a in node.args]
        for j in row.labels if primals is not None else ():
            args[j] = np.asarray(primals[node.args[j]]).astype(np.int64).astype(object)
        if row.scalar:
            f = np.frompyfunc(lambda *xs, s=row.scalar: alg.fn(s, *xs), row.arity, 1)
            out = _obj(f(*args))
        else:
            out = _obj(row.expand(alg, *args, **node.kw))
        vals[i] = on_node(i, out) if on_node else out
    return vals


def _label_leaves(point: dict, labels) -> dict:
    """Integer-label inputs enter the expansion as their numbers (they choose entries; no gradient)."""
    return {n: np.asarray(point[n]).astype(np.int64).astype(object) for n in labels}


def scalar_program(graph, point=None, labels=(), primals=None) -> tuple:
    """(the scalar-language program, input name -> entry names): one statement per non-input entry."""
    names = entry_names(graph)
    leaves = {n: np.vectorize(Term, otypes=[object])(a) if a.ndim else _obj(Term(a[()])) for n, a in names.items()}
    leaves.update(_label_leaves(point, labels))
    lines, taken = [], {v for a in names.values() for v in a.ravel()}

    def name_entries(i, arr):
        out = np.empty(arr.shape, dtype=object)
        for k in np.ndindex(arr.shape):
            stmt = "_".join(["t", str(i)] + [str(j) for j in k])
            while stmt in taken:
                stmt += "_"
            taken.add(stmt)
            lines.append(f"{stmt} = {_text(arr[k])}")
            out[k] = Term(stmt)
        return out

    vals = expand(graph, TextAlgebra(), leaves, name_entries, primals)
    if graph.nodes[graph.output].op in ("input", "const"):         # the output is a leaf: f = s
        name_entries(graph.output, vals[graph.output])
    return "\n".join(lines), names


def scalarized_checks(report, check: str, timeout) -> tuple:
    """The scalar graph's and SymPy's value and gradient, compared with the tensor graph's."""
    graph, point = report.graph, report.point
    free = [n for n in graph.inputs if n not in graph.labels()]
    n = tc.entries(point, free)
    work = estimate(graph)
    if n > MAX_ENTRIES or work > MAX_TERMS:
        reason = (f"{n:,} input entries (the scalarized route expands up to {MAX_ENTRIES})" if n > MAX_ENTRIES else
                  f"about {work:,} scalar operations (the scalarized route writes up to {MAX_TERMS:,})")
        return [], [{"name": "the scalarized route (scalar graph, SymPy)", "status": "skipped", "reason": reason}]
    names = entry_names(graph)
    value = float(report.primals[graph.output])
    out = _scalar_graph(graph, point, names, value, report)
    out += _sympy(graph, point, names, value, report, timeout)
    return out, []


def _flat_point(point: dict, names: dict, wrt: list) -> dict:
    return {str(names[n][k]): float(np.asarray(point[n])[k]) for n in wrt for k in np.ndindex(np.shape(point[n]))}


def _free(graph) -> list:
    """The inputs that are numbers (not integer labels)."""
    labels = graph.labels()
    return [n for n in graph.inputs if n not in labels]


def _gather(names: dict, scalar: dict, wrt: list) -> dict:
    out = {}
    for n in wrt:
        arr = np.zeros(names[n].shape)
        for k in np.ndindex(arr.shape):
            arr[k] = scalar.get(str(names[n][k]), 0.0)
        out[n] = arr
    return out


def _scalar_graph(graph, point, names, value, report) -> list:
    from symgraph.pipeline import grad as scalar_grad

    program, _ = scalar_program(graph, point, graph.labels(), report.primals)
    used = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", program))    # entries the program never reads get 0
    flat = {k: v for k, v in _flat_point(point, names, _free(graph)).items() if k in used}
    try:
        r = scalar_grad(program, flat, check="none", mode="reverse", trace=False)
    except SymgraphError as exc:
        from symgraph.checks.compare import Check

        return [Check("gradient: graph vs scalarized graph", "tensor graph", "scalar graph", "skipped",
                      note=f"the scalar program was refused: {exc.message}")]
    lhs_v, rhs_v = {report.output: np.asarray(value)}, {report.output: np.asarray(r.value)}
    return [tc.compare_entries("value: graph vs scalarized graph", "tensor graph", "scalar graph of the "
                               "expanded program", lhs_v, rhs_v),
            tc.compare_entries("gradient: graph vs scalarized graph", "tensor reverse mode (VJP rows)",
                               "scalar reverse mode on the expanded program (no tensor rule)",
                               report.gradient, _gather(names, r.gradient, report.wrt), at_kink=bool(report.kinks()))]


def _sympy(graph, point, names, value, report, timeout) -> list:
    from symgraph.checks.compare import Check

    free = _free(graph)
    symbols = {str(s): sympy.Symbol(str(s), real=True) for n in free for s in names[n].ravel()}
    leaves = {n: np.vectorize(lambda s: symbols[s], otypes=[object])(names[n]) if names[n].ndim else
              _obj(symbols[names[n][()]]) for n in free}
    leaves.update(_label_leaves(point, graph.labels()))
    subs = {symbols[k]: sympy.Float(v, SYMPY_PRECISION) for k, v in _flat_point(point, names, free).items()}
    try:
        with time_budget(timeout):
            expr = expand(graph, SympyAlgebra(), leaves, primals=report.primals)[graph.output][()]
            got = float(sympy.N(expr.xreplace(subs), SYMPY_PRECISION))
            grads = {}
            for n in report.wrt:
                arr = np.zeros(names[n].shape)
                for k in np.ndindex(arr.shape):
                    arr[k] = float(sympy.N(sympy.diff(expr, symbols[str(names[n][k])]).xreplace(subs),
                                           SYMPY_PRECISION))
                grads[n] = arr
    except BudgetExceeded:
        return [Check("gradient: graph vs SymPy (scalarized)", "tensor graph", "SymPy diff", "skipped",
                      note=f"SymPy did not finish within the time budget ({timeout:g} s)")]
    except (TypeError, ValueError) as exc:
        return [Check("gradient: graph vs SymPy (scalarized)", "tensor graph", "SymPy diff", "not comparable",
                      note=f"SymPy's value is not a real number here ({exc})")]
    return [tc.compare_entries("value: graph vs SymPy (scalarized)", "tensor graph", "SymPy at the point (30 digits)",
                               {report.output: np.asarray(value)}, {report.output: np.asarray(got)}),
            tc.compare_entries("gradient: graph vs SymPy (scalarized)", "tensor reverse mode (VJP rows)",
                               "SymPy diff of the expanded program at the point (30 digits)", report.gradient, grads,
                               at_kink=bool(report.kinks()))]
