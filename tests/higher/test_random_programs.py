"""Random programs built from every row of the primitive table, through ``symgraph hessian`` and the
Jacobian (``grad --outputs``): whatever SymPy can or cannot differentiate (abs of a function leaves an
unevaluated Derivative), the run ends with exit 0, 1 or 2, never exit 3 (tests.helpers.run checks it)."""
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symgraph.core.primitives import PRIMITIVES
from tests.helpers import run

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
OPS = sorted(PRIMITIVES)
PARAMS = {"leaky_relu": "0.2", "logb": "2", "pow_c": "3", "rpow_c": "2"}
LEAVES = st.sampled_from(["x", "y", "z", "x", "y", "0.5", "2"])
POINTS = st.sampled_from(["x=0.3,y=-0.7,z=0.1", "x=1,y=2,z=0.5", "x=-0.2,y=0.4,z=2", "x=0,y=1,z=0.25"])


def call(op: str, args: list) -> str:
    """The op written the way the parser reads it, each argument parenthesized."""
    text = PRIMITIVES[op].written([f"({a})" for a in args], PARAMS.get(op, "1.5"))
    return f"({text})"


def expressions(depth: int = 3):
    return st.recursive(LEAVES, lambda inner: st.sampled_from(OPS).flatmap(
        lambda op: st.lists(inner, min_size=PRIMITIVES[op].arity, max_size=PRIMITIVES[op].arity).map(
            lambda args: call(op, args))), max_leaves=depth + 3)


def test_every_primitive_is_written_as_the_parser_reads_it():
    for op in OPS:
        args = ["x", "y"][: PRIMITIVES[op].arity]
        result = run("graph", "--format", "json", "--", call(op, args))
        assert result.exit_code == 0, (op, result.output)
        assert op in {n["op"] for n in json.loads(result.output)["nodes"]}, op


@SETTINGS
@given(expr=expressions(), at=POINTS)
def test_hessian_of_random_programs_never_exits_3(expr, at):
    run("hessian", "--at", at, "--format", "json", "--timeout", "2", "--", f"f = {expr} + 0*x*y*z")


@SETTINGS
@given(f=expressions(), g=expressions(), at=POINTS)
def test_jacobian_of_random_programs_never_exits_3(f, g, at):
    run("grad", "--at", at, "--outputs", "f,g", "--format", "json", "--timeout", "2", "--",
        f"f = {f} + 0*x*y*z; g = {g} + 0*x*y*z")


def test_hessian_of_abs_of_a_function_is_not_comparable_with_sympy():
    for expr, at in [("abs(sqrt(z))", "z=0.1"), ("abs(acos(y))", "y=0.3"), ("x1/abs(sqrt(z))", "x1=2,z=0.1")]:
        result = run("hessian", expr, "--at", at, "--format", "json")
        assert result.exit_code == 0, result.output
        checks = {c["name"]: c for c in json.loads(result.output)["checks"]}
        sympy_check = next(c for name, c in checks.items() if "SymPy" in name)
        assert sympy_check["status"] in ("not comparable", "ok"), sympy_check
        fd = next(c for name, c in checks.items() if "finite differences" in name)
        assert fd["status"] == "ok", fd
