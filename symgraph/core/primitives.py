"""The primitive table: the one place that knows what each operation is.

Each row says, for one op, how to evaluate it (``impl``), its local partial derivative with respect to
each input (``partials``), its SymPy counterpart (``sym``), its label in diagrams, and when the point is
outside its domain (``domain``) or on a kink (``kink``). Forward mode, reverse mode, the trace, the
diagrams and the symbolic check all read this table; none of them knows any op by name.

Ops with a ``c`` suffix take a constant parameter ``p`` that was written inline (``x + 1``, ``-4*g2``,
``1/x``); the seed's circuit draws these as one-input gates (``+1``, ``*-1``, ``1/x``) rather than as a
wire carrying a constant.

Conventions at non-differentiable points follow PyTorch: relu'(0) = 0 and abs'(0) = 0 (the
minimum-norm subgradient); infinite slopes (sqrt at 0) are reported as inf with a warning.
"""
from __future__ import annotations

import math
import sys
from typing import Callable, Optional

import sympy

from symgraph.core.prim import Floats, Prim  # noqa: F401 (Prim: the row type, also imported from here)
from symgraph.core.prim import const, fn_label, infinite_slope
from symgraph.core.prim import linear, shown_call, sign, unary


def _sigmoid(a: float) -> float:
    # Two branches so that exp never overflows: sigmoid(-1000) is 0, not an OverflowError.
    if a >= 0:
        return 1.0 / (1.0 + math.exp(-a))
    z = math.exp(a)
    return z / (1.0 + z)


def _sig(u: sympy.Expr) -> sympy.Expr:
    return 1 / (1 + sympy.exp(-u))


def _softplus(a: float) -> float:
    return max(a, 0.0) + math.log1p(math.exp(-abs(a)))


def _is_int(v: float) -> bool:
    return float(v).is_integer()


def _pow_partial(a: float, p: float) -> float:
    """d(a**p)/da, with the infinite slope at a == 0 for 0 < p < 1 reported as inf."""
    if a == 0.0:
        if p == 0.0:
            return 0.0                     # x**0 is the constant 1
        if p == 1.0:
            return 1.0
        return 0.0 if p > 1.0 else math.inf
    return p * a ** (p - 1.0)


def _pow_second(a: float, p: float) -> float:
    """d2(a**p)/da2 = p(p-1)a**(p-2); at a == 0 the limit (0, 2 for p == 2, or an infinite curvature)."""
    if a == 0.0:
        if p == 2.0:
            return 2.0
        if p in (0.0, 1.0) or p > 2.0:
            return 0.0
        return math.copysign(math.inf, p * (p - 1.0))
    return p * (p - 1.0) * a ** (p - 2.0)


def _var_pow_second(a: Floats, out: float, p) -> tuple:
    """Second partials of base ** expo: (d2/db2, d2/db de; d2/de2). At base 0 the log(base) terms are 0, as in
    the first partials."""
    base, expo = a
    bb = _pow_second(base, expo)
    if base <= 0:
        return ((bb, 0.0), (0.0, 0.0))
    log_b = math.log(base)
    be = base ** (expo - 1.0) * (1.0 + expo * log_b)
    return ((bb, be), (be, out * log_b * log_b))


def _arc_second(a: float) -> float:
    """d2 asin(a)/da2 = a / (1 - a²)^(3/2), infinite at ±1 (acos has the opposite sign)."""
    if abs(a) >= 1:
        return math.copysign(math.inf, a)
    return a / (1.0 - a * a) ** 1.5


_KINK_ABS = "abs is not differentiable at 0; symgraph uses abs'(0) = 0 (PyTorch's minimum-norm subgradient)"
_KINK_RELU = "relu is not differentiable at 0; symgraph uses relu'(0) = 0 (PyTorch's convention)"

def _kink(fn: str, at_zero: str) -> Callable[[float], Optional[str]]:
    """The warning for an argument exactly at the kink. An argument that is 0 only up to rounding
    (sin(pi) is 1.2e-16 in float64) is judged by evaluate, which knows how the argument was computed."""
    return lambda a: at_zero if a == 0 else None


def _pow_domain(a: float, p: float) -> Optional[str]:
    if a < 0 and not _is_int(p):
        return f"a negative base ({a:g}) raised to a non-integer power ({p:g}) is not a real number"
    if a == 0 and p < 0:
        return f"0 raised to a negative power ({p:g}) divides by zero"
    return None


def _tan_domain(a: float) -> Optional[str]:
    # cos(pi/2) is 6.1e-17 in float64: a pole hit up to rounding is still a pole, not tan = 1.6e16.
    c = math.cos(a)
    if abs(c) <= 4 * sys.float_info.epsilon * max(1.0, abs(a)):
        return f"tan has a pole where cos(x) = 0 (here cos({a:.17g}) = {c:.3g}, zero up to rounding)"
    return None


def _var_pow_domain(a: Floats, p) -> Optional[str]:
    base, expo = a
    if base < 0:
        return f"a negative base ({base:g}) raised to a variable power: d/d(exponent) needs log(base)"
    if base == 0 and expo <= 0:
        return f"0 raised to a non-positive power ({expo:g}) is undefined"
    return None


_ROWS = [
    # --- binary operations -------------------------------------------------------------------
    Prim("add", 2, fn_label("+"), lambda a, p: a[0] + a[1], lambda a, o, p: (1.0, 1.0),
         lambda x, y, P: x + y, show="{0} + {1}", rule='sum rule',
         second=lambda a, o, p: ((0.0, 0.0), (0.0, 0.0))),
    Prim("sub", 2, fn_label("-"), lambda a, p: a[0] - a[1], lambda a, o, p: (1.0, -1.0),
         lambda x, y, P: x - y, show="{0} - {1}", rule='difference rule',
         second=lambda a, o, p: ((0.0, 0.0), (0.0, 0.0))),
    Prim("mul", 2, fn_label("*"), lambda a, p: a[0] * a[1], lambda a, o, p: (a[1], a[0]),
         lambda x, y, P: x * y, show="{0} * {1}", rule='product rule',
         second=lambda a, o, p: ((0.0, 1.0), (1.0, 0.0))),
    Prim("div", 2, fn_label("/"), lambda a, p: a[0] / a[1], lambda a, o, p: (1.0 / a[1], -a[0] / a[1] ** 2),
         lambda x, y, P: x / y, show="{0} / {1}",
         domain=lambda a, p: "division by zero" if a[1] == 0 else None, rule='quotient rule',
         second=lambda a, o, p: ((0.0, -1.0 / a[1] ** 2), (-1.0 / a[1] ** 2, 2.0 * a[0] / a[1] ** 3))),
    Prim("pow", 2, fn_label("^"), lambda a, p: a[0] ** a[1],
         lambda a, o, p: (_pow_partial(a[0], a[1]), o * math.log(a[0]) if a[0] > 0 else 0.0),
         lambda x, y, P: x ** y, domain=_var_pow_domain, show="{0} ^ {1}", rule='general power rule',
         second=_var_pow_second),
    # --- functions ----------------------------------------------------------------------------
    unary("neg", lambda a: -a, lambda a, o: -1.0, lambda x: -x, label="*-1", show="-{0}", rule='constant multiple rule',
           second=lambda a, o: 0.0),
    unary("sin", math.sin, lambda a, o: math.cos(a), sympy.sin, rule='trig rule', second=lambda a, o: -o),
    unary("cos", math.cos, lambda a, o: -math.sin(a), sympy.cos, rule='trig rule', second=lambda a, o: -o),
    unary("tan", math.tan, lambda a, o: 1.0 + o * o, sympy.tan, domain=_tan_domain, rule='trig rule',
           second=lambda a, o: 2.0 * o * (1.0 + o * o),
           confusable=(("sec(u)", lambda u, p: sympy.sec(u)),
                       ("sec(u)·tan(u) (sec's)", lambda u, p: sympy.sec(u) * sympy.tan(u)))),
    unary("exp", math.exp, lambda a, o: o, sympy.exp, rule='exponential rule', second=lambda a, o: o,
           confusable=(("u·e^(u - 1) (the power rule)", lambda u, p: u * sympy.exp(u - 1)),)),
    unary("log", math.log, lambda a, o: 1.0 / a, sympy.log,
           domain=lambda a: f"log of a non-positive number ({a:g})" if a <= 0 else None, rule='logarithm rule',
           second=lambda a, o: -1.0 / (a * a)),
    unary("sqrt", math.sqrt, lambda a, o: 0.5 / o if o > 0 else math.inf, sympy.sqrt,
           domain=lambda a: f"sqrt of a negative number ({a:g})" if a < 0 else None,
           kink=lambda a: infinite_slope("sqrt", "0") if a == 0 else None, rule='power rule',
           second=lambda a, o: -0.25 / o ** 3 if o > 0 else -math.inf,
           confusable=(("1/sqrt(u) (the 1/2 dropped)", lambda u, p: 1 / sympy.sqrt(u)),)),
    unary("abs", abs, lambda a, o: float(sign(a)), sympy.Abs,
           kink=_kink("abs", _KINK_ABS), dsym=sympy.sign, side=sign, rule='absolute value rule',
           second=lambda a, o: 0.0),   # 0 on either side; at the kink 0 by convention (PyTorch)
    unary("tanh", math.tanh, lambda a, o: 1.0 - o * o, sympy.tanh, rule='hyperbolic rule',
           second=lambda a, o: -2.0 * o * (1.0 - o * o),
           confusable=(("1 - tanh(u)", lambda u, p: 1 - sympy.tanh(u)),
                       ("1 + tanh(u)^2", lambda u, p: 1 + sympy.tanh(u) ** 2))),
    unary("sinh", math.sinh, lambda a, o: math.cosh(a), sympy.sinh, rule='hyperbolic rule',
           second=lambda a, o: o, confusable=(("-cosh(u) (as if cos)", lambda u, p: -sympy.cosh(u)),)),
    unary("cosh", math.cosh, lambda a, o: math.sinh(a), sympy.cosh, rule='hyperbolic rule',
           second=lambda a, o: o, confusable=(("-sinh(u) (as if cos)", lambda u, p: -sympy.sinh(u)),)),
    unary("asin", math.asin, lambda a, o: 1.0 / math.sqrt(1 - a * a) if abs(a) < 1 else math.inf,
           sympy.asin,
           domain=lambda a: f"asin is defined on [-1, 1], not at {a:g}" if abs(a) > 1 else None,
           kink=lambda a: infinite_slope("asin", "±1") if abs(a) == 1 else None, rule='inverse trig rule',
           second=lambda a, o: _arc_second(a),
           confusable=(("-1/sqrt(1 - u^2) (acos's)", lambda u, p: -1 / sympy.sqrt(1 - u ** 2)),
                       ("1/(1 + u^2) (atan's)", lambda u, p: 1 / (1 + u ** 2)))),
    unary("acos", math.acos, lambda a, o: -1.0 / math.sqrt(1 - a * a) if abs(a) < 1 else -math.inf,
           sympy.acos,
           domain=lambda a: f"acos is defined on [-1, 1], not at {a:g}" if abs(a) > 1 else None,
           kink=lambda a: infinite_slope("acos", "±1") if abs(a) == 1 else None, rule='inverse trig rule',
           second=lambda a, o: -_arc_second(a),
           confusable=(("1/sqrt(1 - u^2) (asin's)", lambda u, p: 1 / sympy.sqrt(1 - u ** 2)),)),
    unary("atan", math.atan, lambda a, o: 1.0 / (1.0 + a * a), sympy.atan, rule='inverse trig rule',
           second=lambda a, o: -2.0 * a / (1.0 + a * a) ** 2,
           confusable=(("1/sqrt(1 - u^2) (asin's)", lambda u, p: 1 / sympy.sqrt(1 - u ** 2)),
                       ("1/(1 - u^2) (atanh's)", lambda u, p: 1 / (1 - u ** 2)))),
    unary("sigmoid", _sigmoid, lambda a, o: o * (1.0 - o), lambda x: 1 / (1 + sympy.exp(-x)),
           label="σ", dsym=lambda x: sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, rule='sigmoid rule',
           dshow=lambda x: shown_call("sigmoid", x) * (1 - shown_call("sigmoid", x)),
           second=lambda a, o: o * (1.0 - o) * (1.0 - 2.0 * o),
           confusable=(("σ(u)", lambda u, p: _sig(u)), ("1 - σ(u)", lambda u, p: 1 - _sig(u)),
                       ("σ(u)·(1 + σ(u))", lambda u, p: _sig(u) * (1 + _sig(u))))),
    unary("relu", lambda a: a if a > 0 else 0.0, lambda a, o: 1.0 if a > 0 else 0.0,
           lambda x: sympy.Max(0, x), kink=_kink("relu", _KINK_RELU),
           dsym=lambda x: sympy.Heaviside(x, 0), side=sign, rule='relu rule',
           second=lambda a, o: 0.0),   # 0 on either side; at the kink 0 by convention (PyTorch)
    unary("softplus", _softplus, lambda a, o: _sigmoid(a), lambda x: sympy.log(1 + sympy.exp(x)), rule='softplus rule',
           dshow=lambda x: shown_call("sigmoid", x),
           second=lambda a, o: _sigmoid(a) * (1.0 - _sigmoid(a))),
    # --- one-input gates with an inline constant p ----------------------------------------------
    const("add_c", "{0} + {p}", lambda t: f"+{t}", lambda a, p: a + p, lambda a, o, p: 1.0, lambda x, P: x + P, rule='sum rule', second=linear),
    const("sub_c", "{0} - {p}", lambda t: f"-{t}", lambda a, p: a - p, lambda a, o, p: 1.0, lambda x, P: x - P, rule='difference rule', second=linear),
    const("rsub_c", "{p} - {0}", lambda t: f"{t}-x", lambda a, p: p - a, lambda a, o, p: -1.0, lambda x, P: P - x, rule='difference rule', second=linear),
    const("mul_c", "{p} * {0}", lambda t: f"*{t}", lambda a, p: p * a, lambda a, o, p: p, lambda x, P: P * x, rule='constant multiple rule', second=linear),
    const("div_c", "{0} / {p}", lambda t: f"/{t}", lambda a, p: a / p, lambda a, o, p: 1.0 / p, lambda x, P: x / P,
           domain=lambda a, p: "division by zero" if p == 0 else None, rule='constant multiple rule',
           second=linear),
    const("rdiv_c", "{p} / {0}", lambda t: f"{t}/x", lambda a, p: p / a, lambda a, o, p: -p / (a * a),
           lambda x, P: P / x, domain=lambda a, p: "division by zero" if a == 0 else None, rule='reciprocal rule',
           second=lambda a, o, p: 2.0 * p / a ** 3),
    const("pow_c", "{0} ^ {p}", lambda t: f"^{t}", lambda a, p: a ** p, lambda a, o, p: _pow_partial(a, p),
           lambda x, P: x ** P, domain=_pow_domain,
           kink=lambda a, p: infinite_slope(f"x^{p:g}", "0") if a == 0 and 0 < p < 1 else None, rule='power rule',
           second=lambda a, o, p: _pow_second(a, p)),
    const("rpow_c", "{p} ^ {0}", lambda t: f"{t}^x", lambda a, p: p ** a, lambda a, o, p: o * math.log(p) if p > 0 else 0.0,
           lambda x, P: P ** x,
           domain=lambda a, p: None if p > 0 or (p == 0 and a > 0) else
           f"a non-positive base ({p:g}) raised to a variable power is not differentiable", rule='exponential rule',
           second=lambda a, o, p: o * math.log(p) ** 2 if p > 0 else 0.0,
           confusable=(("a^u (the log(a) dropped)", lambda u, p: p ** u),
                       ("a^u/log(a)", lambda u, p: p ** u / sympy.log(p)))),
]

PRIMITIVES: dict[str, Prim] = {row.name: row for row in _ROWS}

# Functions the user may call by name, and the op each lowers to.
FUNCTIONS: dict[str, str] = {name: name for name in (
    "sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "sinh", "cosh",
    "asin", "acos", "atan", "sigmoid", "relu", "softplus")}

from symgraph.core import primitives_extra  # noqa: E402 (its rows are built with the helpers above)
PRIMITIVES.update((row.name, row) for row in primitives_extra.ROWS), FUNCTIONS.update(primitives_extra.FUNCTIONS)

# Named constants and their exact SymPy values.
CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}

# Binary operators as written, the op they lower to, and the one-input gate used when one side is a
# constant: (op, gate when the right side is constant, gate when the left side is constant).
BINARY: dict[str, tuple[str, str, str]] = {
    "+": ("add", "add_c", "radd_c"),
    "-": ("sub", "sub_c", "rsub_c"),
    "*": ("mul", "mul_c", "mul_c"),
    "/": ("div", "div_c", "rdiv_c"),
    "**": ("pow", "pow_c", "rpow_c"),
}
