"""More primitive rows: radd_c (c + u, the constant first), and (issue 11) max, min, atan2, hypot, erf,
sign, sec, csc, cot, asinh, acosh, atanh, leaky_relu and a logarithm to a constant base. Built with the helpers of primitives.py, registered there.

Every row fills ``rule`` (the rule a hand derivation names) and ``second`` (second local partials; a kink
gives 0 by convention). Conventions at kinks follow PyTorch:

* max/min at a tie: the gradient is split evenly, 1/2 to each input (torch.maximum/minimum's backward;
  it is also SymPy's Heaviside(0) = 1/2). Away from a tie the gradient flows to the chosen input only
  (the seed's max gate "routes" it).
* sign'(x) = 0 everywhere (torch.sign); at 0 sign jumps, which is reported as a kink.
* leaky_relu(x, a)'(0) = a (torch's leaky_relu backward takes the slope of the negative side for x <= 0).
* hypot at (0, 0): PyTorch gives nan (0/0); symgraph uses 0, the minimum-norm subgradient, like abs'(0).
"""
from __future__ import annotations

import math
from typing import Optional

import sympy

from symgraph.core.prim import Prim, const, fn_label, infinite_slope
from symgraph.core.prim import linear, sign, unary

_TIE = ("{fn} has a kink where its inputs tie ({a:g} = {a:g}); symgraph splits the gradient evenly, "
        "1/2 to each input (PyTorch's convention for torch.{torch})")
_ZERO2 = ((0.0, 0.0), (0.0, 0.0))


def _pole(fn: str, zero_of: str, at_zero: str):
    """sec, csc, cot: a pole where sin or cos is 0, up to rounding (cos(pi/2) is 6e-17 in float64)."""
    f = math.cos if zero_of == "cos" else math.sin

    def domain(a: float) -> Optional[str]:
        v = f(a)
        if abs(v) <= 4 * 2.0 ** -52 * max(1.0, abs(a)):
            return f"{fn} has a pole where {at_zero} (here {zero_of}({a:.17g}) = {v:.3g}, zero up to rounding)"
        return None
    return domain


def _extreme(name: str, pick, torch: str) -> Prim:
    """max or min of two inputs: the gradient goes to the chosen input; a tie splits it 1/2, 1/2."""
    def partials(a, out, p):
        if a[0] == a[1]:
            return (0.5, 0.5)
        first = pick(a[0], a[1]) == a[0]
        return (1.0, 0.0) if first else (0.0, 1.0)

    sym_fn = sympy.Max if name == "max" else sympy.Min
    direction = 1 if name == "max" else -1
    return Prim(
        name, 2, fn_label(name), lambda a, p: pick(a[0], a[1]), partials, lambda x, y, P: sym_fn(x, y),
        kink=lambda a, p: _TIE.format(fn=name, a=a[0], torch=torch) if a[0] == a[1] else None,
        dsym=lambda x, y, P: (sympy.Heaviside(direction * (x - y), sympy.S.Half),
                              sympy.Heaviside(direction * (y - x), sympy.S.Half)),
        show=name + "({0}, {1})", side=lambda a, p: sign(a[0] - a[1]), rule=f"{name} rule (routes the gradient)",
        second=lambda a, out, p: _ZERO2)


def _atan2_partials(a, out, p):
    y, x = a
    r2 = x * x + y * y
    return (x / r2, -y / r2)


def _atan2_second(a, out, p):
    y, x = a
    r4 = (x * x + y * y) ** 2
    return ((-2 * x * y / r4, (y * y - x * x) / r4), ((y * y - x * x) / r4, 2 * x * y / r4))


def _hypot_partials(a, out, p):
    return (0.0, 0.0) if out == 0 else (a[0] / out, a[1] / out)


def _hypot_second(a, out, p):
    if out == 0:
        return _ZERO2
    x, y, h3 = a[0], a[1], out ** 3
    return ((y * y / h3, -x * y / h3), (-x * y / h3, x * x / h3))


def _logb_domain(a: float, b: float) -> Optional[str]:
    if not (b > 0 and b != 1):
        return f"a logarithm's base must be positive and not 1 (here {b:g})"
    return f"log of a non-positive number ({a:g})" if a <= 0 else None


def _leaky(a: float, slope: float) -> float:
    return a if a > 0 else slope * a


_ERF_SCALE = 2.0 / math.sqrt(math.pi)

ROWS = [
    # 1 + u as written (the seed's sigmoid): add_c with the constant first, so that steps and traces read
    # "1 + exp(-x)"; the gate's label stays "+1", as in the seed's circuit
    const("radd_c", "{p} + {0}", lambda t: f"+{t}", lambda a, p: p + a, lambda a, o, p: 1.0,
           lambda x, P: P + x, rule="sum rule", second=linear),
    _extreme("max", max, "maximum"),
    _extreme("min", min, "minimum"),
    Prim("atan2", 2, fn_label("atan2"), lambda a, p: math.atan2(a[0], a[1]), _atan2_partials,
         lambda y, x, P: sympy.atan2(y, x), show="atan2({0}, {1})",
         domain=lambda a, p: "atan2(0, 0) is undefined" if a[0] == 0 and a[1] == 0 else None,
         rule="inverse trig rule", second=_atan2_second),
    Prim("hypot", 2, fn_label("hypot"), lambda a, p: math.hypot(a[0], a[1]), _hypot_partials,
         lambda x, y, P: sympy.sqrt(x ** 2 + y ** 2), show="hypot({0}, {1})",
         kink=lambda a, p: ("hypot is not differentiable at (0, 0); symgraph uses 0 (the minimum-norm "
                            "subgradient, as abs'(0) = 0; PyTorch gives nan)") if a[0] == 0 and a[1] == 0 else None,
         rule="chain rule (hypot)", second=_hypot_second),
    unary("erf", math.erf, lambda a, o: _ERF_SCALE * math.exp(-a * a), sympy.erf, rule="erf rule",
           second=lambda a, o: -2 * a * _ERF_SCALE * math.exp(-a * a),
           confusable=(("exp(-u^2) (the 2/sqrt(pi) dropped)", lambda u, p: sympy.exp(-u ** 2)),)),
    unary("sign", lambda a: float(sign(a)), lambda a, o: 0.0, sympy.sign, dsym=lambda x: sympy.S.Zero,
           kink=lambda a: ("sign jumps at 0 (not differentiable there); symgraph uses sign'(0) = 0 "
                           "(PyTorch's convention)") if a == 0 else None,
           side=sign, rule="sign rule (slope 0)", second=lambda a, o: 0.0),
    unary("sec", lambda a: 1.0 / math.cos(a), lambda a, o: o * math.tan(a), sympy.sec,
           domain=_pole("sec", "cos", "cos(x) = 0"), rule="trig rule",
           second=lambda a, o: o * (math.tan(a) ** 2 + o * o),
           confusable=(("tan(u)", lambda u, p: sympy.tan(u)), ("sec(u)^2 (tan's)", lambda u, p: sympy.sec(u) ** 2))),
    unary("csc", lambda a: 1.0 / math.sin(a), lambda a, o: -o / math.tan(a), sympy.csc,
           domain=_pole("csc", "sin", "sin(x) = 0"), rule="trig rule",
           second=lambda a, o: o * (1.0 / math.tan(a) ** 2 + o * o),
           confusable=(("-csc(u)^2 (cot's)", lambda u, p: -sympy.csc(u) ** 2),)),
    unary("cot", lambda a: 1.0 / math.tan(a), lambda a, o: -(1.0 + o * o), sympy.cot,
           domain=_pole("cot", "sin", "sin(x) = 0"), rule="trig rule",
           second=lambda a, o: 2.0 * (1.0 + o * o) * o,
           confusable=(("csc(u)^2", lambda u, p: sympy.csc(u) ** 2),
                       ("-csc(u)·cot(u) (csc's)", lambda u, p: -sympy.csc(u) * sympy.cot(u)))),
    unary("asinh", math.asinh, lambda a, o: 1.0 / math.sqrt(1.0 + a * a), sympy.asinh,
           rule="inverse hyperbolic rule", second=lambda a, o: -a / (1.0 + a * a) ** 1.5,
           confusable=(("1/sqrt(u^2 - 1) (acosh's)", lambda u, p: 1 / sympy.sqrt(u ** 2 - 1)),)),
    unary("acosh", math.acosh, lambda a, o: 1.0 / math.sqrt(a * a - 1.0) if a > 1 else math.inf, sympy.acosh,
           domain=lambda a: f"acosh is defined for x >= 1, not at {a:g}" if a < 1 else None,
           kink=lambda a: infinite_slope("acosh", "1") if a == 1 else None,
           rule="inverse hyperbolic rule", second=lambda a, o: -a / (a * a - 1.0) ** 1.5 if a > 1 else -math.inf,
           confusable=(("1/sqrt(u^2 + 1) (asinh's)", lambda u, p: 1 / sympy.sqrt(u ** 2 + 1)),)),
    unary("atanh", math.atanh, lambda a, o: 1.0 / (1.0 - a * a), sympy.atanh,
           domain=lambda a: f"atanh is defined on (-1, 1), not at {a:g}" if abs(a) >= 1 else None,
           rule="inverse hyperbolic rule", second=lambda a, o: 2.0 * a / (1.0 - a * a) ** 2,
           confusable=(("1/(1 + u^2) (atan's)", lambda u, p: 1 / (1 + u ** 2)),)),
    # Gates with a constant written inline: leaky_relu's slope, a logarithm's base.
    const("leaky_relu", "leaky_relu({0}, {p})", lambda t: f"leaky_relu({t})", _leaky,
           lambda a, o, p: 1.0 if a > 0 else p,
           lambda x, P: sympy.Piecewise((x, x > 0), (P * x, True)),
           kink=lambda a, p: (f"leaky_relu is not differentiable at 0; symgraph uses the negative side's slope "
                              f"{p:g} there (PyTorch's convention)") if a == 0 else None,
           rule="leaky relu rule", second=lambda a, o, p: 0.0),
    const("logb", "log({0}, {p})", lambda t: f"log_{t}", lambda a, b: math.log(a) / math.log(b),
           lambda a, o, b: 1.0 / (a * math.log(b)), lambda x, P: sympy.log(x) / sympy.log(P),
           domain=_logb_domain, rule="logarithm rule", second=lambda a, o, b: -1.0 / (a * a * math.log(b)),
           confusable=(("1/u (the 1/log(b) dropped)", lambda u, p: 1 / u), ("log(b)/u", lambda u, p: sympy.log(p) / u))),
]

# Functions the user may call by name -> op; calls.py lowers the ones whose op differs from the name.
FUNCTIONS = {row.name: row.name for row in ROWS if row.name not in ("logb", "radd_c")}   # radd_c: a gate, not a call
FUNCTIONS.update({"pow": "pow", "ln": "log", "log10": "logb", "log2": "logb"})

# How many arguments each multi-argument function takes (every other function takes 1).
ARITY = {"max": (2,), "min": (2,), "atan2": (2,), "hypot": (2,), "pow": (2,), "log": (1, 2),
         "leaky_relu": (1, 2)}

# leaky_relu(x)'s slope when none is written: PyTorch's default negative_slope.
LEAKY_DEFAULT = "0.01"


def _cbrt(a: float) -> float:
    return math.copysign(abs(a) ** (1.0 / 3.0), a)


def _cbrt_sym(x):
    return sympy.sign(x) * sympy.Abs(x) ** sympy.Rational(1, 3)


# Functions textbooks write (issue 23): the reciprocal hyperbolic functions and the real cube root.
ROWS += [
    unary("sech", lambda a: 1.0 / math.cosh(a), lambda a, o: -o * math.tanh(a), sympy.sech, rule="hyperbolic rule",
           second=lambda a, o: o * (math.tanh(a) ** 2 - o * o)),
    unary("csch", lambda a: 1.0 / math.sinh(a), lambda a, o: -o / math.tanh(a), sympy.csch,
           domain=lambda a: "csch has a pole at 0 (sinh(0) = 0)" if a == 0 else None, rule="hyperbolic rule",
           second=lambda a, o: o * (1.0 / math.tanh(a) ** 2 + o * o)),
    unary("coth", lambda a: 1.0 / math.tanh(a), lambda a, o: 1.0 - o * o, sympy.coth,
           domain=lambda a: "coth has a pole at 0 (tanh(0) = 0)" if a == 0 else None, rule="hyperbolic rule",
           second=lambda a, o: -2.0 * o * (1.0 - o * o)),
    unary("cbrt", _cbrt, lambda a, o: 1.0 / (3.0 * o * o) if o != 0 else math.inf, _cbrt_sym,
           kink=lambda a: infinite_slope("cbrt", "0") if a == 0 else None,
           dsym=lambda x: 1 / (3 * sympy.Abs(x) ** sympy.Rational(2, 3)), rule="power rule",
           second=lambda a, o: -2.0 / (9.0 * o ** 5) if o != 0 else -math.inf),
]
FUNCTIONS.update({row.name: row.name for row in ROWS[-4:]})
# Names textbooks and LaTeX give the inverse functions: arctan(x) is atan(x).
FUNCTIONS.update({"arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsinh": "asinh", "arccosh": "acosh",
                  "arctanh": "atanh"})
