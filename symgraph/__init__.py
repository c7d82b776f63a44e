"""symgraph: see and trust derivatives.

The public API, for scripts and notebooks::

    import symgraph
    report = symgraph.grad("sin(x)*cos(x)", "x=2")      # forward pass, both modes, checks
    report.gradient, report.ok, report.to_json()
    symgraph.check("g = 3*x; f = g**2", ["df/dx = 18*x"]).ok
    symgraph.graph("sin(x)*cos(x)", {"x": 2}).svg()
    symgraph.hessian("x**2*y + y**3", {"x": 1, "y": 2}).to_dict()["hessian"]
    symgraph.jacobian("f = x*y; g = x + y", "x=1,y=2", outputs=["f", "g"])
    symgraph.plot("x**2", "x=1")                          # the tangent picture; a notebook displays it

Errors: every bad input raises a ``SymgraphError`` (the CLI's exit 2): ``ParseError`` (not in the
language), ``PointError`` (the point or ``wrt``), ``DomainError`` (outside a function's domain, overflow),
``LimitError`` (a size limit) and ``GradingError`` (a malformed answers file).

The names load on first use, so ``import symgraph`` (and the command line's start-up) stays light.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["grad", "check", "graph", "plot", "hessian", "jacobian", "__version__", "SymgraphError", "ParseError", "PointError",
           "DomainError", "LimitError", "GradingError"]

_LAZY = {
    "grad": "symgraph.api", "check": "symgraph.api", "graph": "symgraph.api", "plot": "symgraph.plotting.api",
    "hessian": "symgraph.api", "jacobian": "symgraph.api",
    "SymgraphError": "symgraph.errors", "ParseError": "symgraph.errors", "PointError": "symgraph.errors",
    "DomainError": "symgraph.errors", "LimitError": "symgraph.errors",
    "GradingError": "symgraph.judging.grading",
}


_FUNCTIONS = {"grad", "check", "graph", "plot", "hessian", "jacobian"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        if name in _FUNCTIONS:
            value = _api(value)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'symgraph' has no attribute {name!r}")


def _api(function):
    """The function as the API offers it: its errors name its arguments (``the at argument``), not the
    command line's options (``--at``), and show the caller's values escaped (safe to print)."""
    import functools

    from symgraph.core.arguments import safe_error
    from symgraph.errors import SymgraphError, for_api

    @functools.wraps(function)
    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except SymgraphError as exc:
            raise safe_error(for_api(exc)) from None

    return call


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
