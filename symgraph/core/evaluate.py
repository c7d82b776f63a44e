"""The forward pass: every node's value (primal) and every edge's local partial, as numbers at the point.

Domain errors (log of a negative number, division by zero, overflow) stop here with a message that names
the node, its op and the offending value. Non-differentiable points (abs or relu at 0, sqrt at 0) do not
stop anything: they are recorded as warnings that name the node and the convention used.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from symgraph.errors import DomainError
from symgraph.core.lower import Graph, GNode
from symgraph.core.primitives import PRIMITIVES
from symgraph.core.gc_pause import without_gc


@dataclass
class Evaluation:
    values: list                                   # primal value of each node
    partials: list                                 # per node: local partial per input edge
    warnings: list = field(default_factory=list)   # [{node, op, value, message}]
    kinks: set = field(default_factory=set)        # ids of nodes at a non-differentiable point
    rounding: list = field(default_factory=list)   # per node: first-order bound on its float64 rounding error
    sides: dict = field(default_factory=dict)      # node id -> which piece of a kinked op (abs, relu) applied


class KinkCrossed(DomainError):
    """A perturbed evaluation (a finite-difference step) landed on another piece of a kinked op than the
    point itself: the difference quotient then mixes two slopes and is not comparable."""
    kink = True


@without_gc
def evaluate(graph: Graph, point: dict, with_partials: bool = True, sides: dict | None = None,
             input_rounding: dict | None = None) -> Evaluation:
    """Forward pass over the topologically ordered nodes; ``point`` maps input names to floats.

    ``sides`` (an earlier evaluation's ``sides``) makes this a perturbed evaluation: landing on another
    piece of abs or relu than the earlier point raises ``KinkCrossed``."""
    values: list = [0.0] * len(graph.nodes)
    partials: list = [()] * len(graph.nodes)
    ev = Evaluation(values, partials, rounding=[0.0] * len(graph.nodes))
    for node in graph.nodes:
        if node.op == "input":
            values[node.id] = point[node.names[0]]
            ev.rounding[node.id] = (input_rounding or {}).get(node.names[0], 0.0)   # pi is not a float
            continue
        if node.op == "const":
            values[node.id] = node.param
            ev.rounding[node.id] = 0.0 if _exact_integer(node.param, node.exact) else EPS * abs(node.param)
            continue
        prim = PRIMITIVES[node.op]
        args = [values[i] for i in node.inputs]
        problem = prim.domain(args, node.param)
        if problem:
            raise _domain_error(graph, node, args, problem)
        try:
            out = prim.impl(args, node.param)
        except (OverflowError, ValueError, ZeroDivisionError) as exc:
            raise _domain_error(graph, node, args, _explain(exc)) from None
        if not math.isfinite(out):
            raise _domain_error(graph, node, args, f"overflow: the result is {out}")
        values[node.id] = out
        if prim.side is not None:
            side = ev.sides[node.id] = prim.side(args, node.param)
            if sides is not None and sides.get(node.id, side) != side:
                raise KinkCrossed(f"not comparable at a kink: a step crosses the kink of {node.name} = "
                                  f"{_call(graph, node)}", graph.source, node.col)
        if with_partials:
            partials[node.id] = _local_partials(graph, node, prim, args, out, ev)
            # Running error bound: this node's own rounding plus its inputs' errors through its slopes.
            own = 0.0 if _integer_arithmetic(node, args, out) else EPS * abs(out)
            ev.rounding[node.id] = own + math.fsum(
                abs(d) * ev.rounding[u] for u, d in zip(node.inputs, partials[node.id]) if ev.rounding[u])
    return ev


EPS = 2.0 ** -52          # float64's relative spacing: one rounding moves a value by at most EPS/2 of it
EXACT_INTEGERS = 2.0 ** 53   # below this every integer is a float64, so integer +, -, * do not round
_INTEGER_OPS = {"add", "sub", "mul", "neg", "add_c", "radd_c", "sub_c", "rsub_c", "mul_c"}


def _exact_integer(x: float, exact) -> bool:
    """x is an integer below 2^53 and is exactly the constant as written (3, not 3.0000000000000001)."""
    return x.is_integer() and abs(x) < EXACT_INTEGERS and (exact is None or exact == int(x))


def _integer_arithmetic(node, args: list, out: float) -> bool:
    """+, - or * of integers whose result is below 2^53: float64 computes it exactly, so this node adds no
    rounding (the seed's 2*1 + 3*2 - 4*(1*2) = 0 is exact, and its check can be judged)."""
    return (node.op in _INTEGER_OPS and abs(out) < EXACT_INTEGERS and out.is_integer()
            and all(float(a).is_integer() for a in args)
            and (node.param is None or _exact_integer(node.param, node.exact)))
NEAR_KINK_ROUNDINGS = 4   # an abs/relu argument within 4 rounding bounds of 0 is at the kink up to rounding


def _local_partials(graph: Graph, node: GNode, prim, args: list, out: float, ev: Evaluation) -> tuple:
    kink = prim.kink(args, node.param) or _near_kink(graph, node, prim, args, ev)
    if kink:
        ev.kinks.add(node.id)
        ev.warnings.append({"node": node.name, "op": node.label, "value": args[0] if len(args) == 1 else args,
                            "message": f"{node.name} = {_call(graph, node)}: {kink}"})
    try:
        local = tuple(float(d) for d in prim.partials(args, out, node.param))
    except (OverflowError, ZeroDivisionError):
        local = (math.nan,)
    if not kink and not all(math.isfinite(d) for d in local):
        # A finite value whose slope is beyond float64 (1/x at 1e-300: -1e600): no number can be printed
        # for the gradient, and inf would even hide its sign. Refuse, as for an overflowing value.
        raise _domain_error(graph, node, args, "overflow: its local derivative is beyond the float64 range "
                            "(about 1.8e308)", verb="differentiate")
    return local


def _near_kink(graph: Graph, node: GNode, prim, args: list, ev: Evaluation):
    """abs or relu of an argument that is 0 up to the rounding of how it was computed: sin(pi) is 1.2e-16
    in float64. Exact inputs have no rounding, so relu(x) at x = 1e-13 is not a kink; relu(sin(x)) at
    x = pi is. The slope of the side the float lies on is used, and the checks are told."""
    if prim.side is None or len(args) != 1 or args[0] == 0:
        return None
    bound = NEAR_KINK_ROUNDINGS * ev.rounding[node.inputs[0]]
    if abs(args[0]) > bound:
        return None
    return (f"{prim.name} at {args[0]:.3g} is 0 up to the float64 rounding of its argument (about {bound:.2g}); "
            f"the slope of the side the float lies on is used, and the one-sided slopes differ there")


def _short(a: float) -> str:
    """6 significant digits; 12 where 6 would make a non-integer read as an integer (1.0000001 as 1)."""
    text = f"{a:.6g}"
    return f"{a:.12g}" if text.lstrip("-").isdigit() and not float(a).is_integer() else text


def _explain(exc: Exception) -> str:
    if isinstance(exc, OverflowError):
        return "overflow: the result is too large for a float64"
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    return f"math domain error ({exc})"


def _call(graph: Graph, node: GNode) -> str:
    """``sin(x)``, ``g1 - v3``, ``*-1(v5)``: the node written in terms of its inputs' names."""
    return PRIMITIVES[node.op].written([graph.nodes[i].name for i in node.inputs], node.param_text)


def _domain_error(graph: Graph, node: GNode, args: list, problem: str, verb: str = "evaluate") -> DomainError:
    # each input once: x ^ x at 0 reads "at x=0", not "at x=0, x=0"
    shown = ", ".join(dict.fromkeys(f"{graph.nodes[i].name}={_short(a)}" for i, a in zip(node.inputs, args)))
    return DomainError(f"cannot {verb} {node.name} = {_call(graph, node)} at {shown}: {problem}",
                       graph.source, node.col)
