"""TeX for names, expressions and numbers, shared by the Markdown and LaTeX worked solutions.

Names: ``w_0`` and ``w0`` -> ``w_{0}``, ``alpha`` -> ``\\alpha``, ``loss`` -> ``\\mathrm{loss}``. Expressions
are read by symgraph's own safe parser (never ``sympify``) and printed by ``sympy.latex``. SymPy's
``Heaviside(u, 0)`` (relu's derivative) is typeset as the step function H_0(u), and ``Heaviside(u)`` (max's
and min's, 1/2 at a tie) as H_{1/2}(u): the subscript is H(0). The argument is read by the same parser and
the call stands in the expression as a placeholder symbol. Other text the parser does not
accept is shown verbatim in a typewriter font.
"""
from __future__ import annotations

import math
import re

import sympy
from sympy.printing.latex import LatexPrinter

from symgraph.errors import SymgraphError
from symgraph.safe_text import terminal

GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
         "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta",
         "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}
MAX_EXPR_CHARS = 400     # longer expressions are shown verbatim (SymPy's printer is not linear on them)
_NAME = re.compile(r"^([A-Za-z]+?)_?(\d+)$|^([A-Za-z]+)_([A-Za-z0-9]+)$")
_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{",
            "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _base(word: str) -> str:
    word = {"lamda": "lambda", "Lamda": "Lambda"}.get(word, word)     # \lambda is read as lamda
    if word in GREEK:
        return "\\" + word
    return word if len(word) == 1 else r"\mathrm{" + word + "}"


def tex_name(name: str) -> str:
    """A node or input name as TeX: a trailing number or ``_part`` becomes a subscript."""
    m = _NAME.match(name)
    if m and m.group(1):
        return f"{_base(m.group(1))}_{{{m.group(2)}}}"
    if m:
        sub = m.group(4)
        return f"{_base(m.group(3))}_{{{sub if sub.isdigit() or len(sub) == 1 else _base(sub)}}}"
    if name.isalpha():
        return _base(name)
    return r"\mathrm{" + escape_text(name) + "}"


def escape_text(text: str) -> str:
    """Text for LaTeX's text mode (and \\mathrm/\\mathtt): its special characters escaped; control
    characters, lone surrogates and non-characters first made visible (safe_text.terminal), so that
    pdflatex never stops on them."""
    return "".join(_SPECIAL.get(ch, ch) for ch in terminal(text))


# The trace prints some nodes the SymPy way (Abs(v1), Max(0, h)); symgraph's own parser knows them in
# lower case, so they are typeset as |v_1| and max(0, h) instead of shown verbatim.
_SYMPY_CALLS = re.compile(r"\b(Abs|Max|Min)\(")


def tex_expr(text: str) -> str:
    """An expression written in symgraph's syntax (or printed by SymPy) as TeX."""
    if len(text) <= MAX_EXPR_CHARS:
        try:
            steps: dict = {}
            return _latex(_steps_as_placeholders(text, steps), steps)
        except (SymgraphError, RecursionError, ValueError, TypeError):
            pass
    return r"\mathtt{" + escape_text(text) + "}"


def _latex(text: str, steps: dict) -> str:
    from symgraph.checks.symbolic import fold_tree, to_sympy
    from symgraph.core.parser import parse

    program = parse(_SYMPY_CALLS.sub(lambda m: m.group(1).lower() + "(", text))
    with sympy.evaluate(False):          # as written: (3x)^2 is not 9x^2, and 1/u is not 1·(1/u)
        expr = fold_tree(to_sympy(program, written=True)[program.output], _no_unit_numerator)
    names = {s: steps.get(s.name) or tex_name(s.name) for s in expr.free_symbols}
    return _WrittenLatex({"symbol_names": names, "mul_symbol": "dot", "order": "none"}).doprint(expr)


class _WrittenLatex(LatexPrinter):
    """SymPy's LaTeX printer, except that a product inside a product keeps its parentheses:
    ``(2·(3·x))·3`` is the chain rule's f'(u)·u', not 2·3·x·3."""

    def _print_Add(self, expr, order=None):
        args = list(expr.args)            # a + b + c is read (a + b) + c: no parentheses for that
        while args and args[0].is_Add:
            args = list(args[0].args) + args[1:]
        if len(args) != len(expr.args):
            with sympy.evaluate(False):
                expr = sympy.Add(*args)
        return super()._print_Add(expr, order)

    def _needs_mul_brackets(self, expr, first=False, last=False) -> bool:
        return bool(expr.is_Mul and not first) or super()._needs_mul_brackets(expr, first=first, last=last)


def _no_unit_numerator(node, args: list):
    """``1/u`` is built as 1·u⁻¹: typeset it as the fraction alone (called under evaluate(False))."""
    if node.is_Mul and len(args) == 2 and args[0] == 1 and args[1].is_Pow and args[1].exp == -1:
        return args[1]
    return node.func(*args) if args else node


_CALLS = re.compile(r"\b(Heaviside|sigmoid)\(")


def _steps_as_placeholders(text: str, steps: dict) -> str:
    """Each ``Heaviside(u)``, ``Heaviside(u, 0)`` or ``sigmoid(u)`` replaced by a placeholder name, and
    ``steps`` mapping that name to its TeX: H_0(u) or H_{1/2}(u), σ(u) (the seed's σ, not SymPy's
    1/(1 + e^{-u})); ``u`` is typeset by tex_expr itself."""
    out, start = [], 0
    while (m := _CALLS.search(text, start)) is not None:
        k, fn = m.start(), m.group(1)
        depth, end = 0, k + len(fn)
        for end in range(k + len(fn), len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        if depth != 0:
            raise ValueError("unbalanced parentheses")
        inner = text[k + len(fn) + 1:end]
        name = f"heavisidestep{len(steps)}"
        if name in text:
            raise ValueError("placeholder name in use")
        if fn == "sigmoid":
            inside: dict = {}
            steps[name] = r"\sigma\left(" + _latex(_steps_as_placeholders(inner, inside), inside) + r"\right)"
        else:
            arg, at0 = (inner[:-3], "0") if inner.endswith(", 0") else (inner, "1/2")   # SymPy's H(0) = 1/2
            steps[name] = r"H_{" + at0 + r"}\left(" + _latex(arg, {}) + r"\right)"
        out += [text[start:k], f" {name} "]
        start = end + 1
    return "".join(out) + text[start:]


def tex_num(x, digits: int = 6) -> str:
    """A number with ``digits`` significant digits; 1e-05 as 1 \\times 10^{-5}; "-0" as 0."""
    if isinstance(x, str):
        return r"\mathrm{" + escape_text(x) + "}"
    if x is None:
        return r"\mathrm{undefined}"
    if not math.isfinite(x):
        return r"\mathrm{nan}" if x != x else ("-" if x < 0 else "") + r"\infty"
    text = f"{x:.{digits}g}"
    if text == "-0":
        return "0"
    mantissa, _, exponent = text.partition("e")
    return mantissa if not exponent else f"{mantissa} \\times 10^{{{int(exponent)}}}"


def tex_factor(x, digits: int = 6) -> str:
    """A number inside a product: negatives in parentheses."""
    text = tex_num(x, digits)
    return f"\\left({text}\\right)" if text.startswith("-") else text


def partial(out: str, wrt: str) -> str:
    return f"\\frac{{\\partial {tex_name(out)}}}{{\\partial {tex_name(wrt)}}}"


def total(out: str, wrt: str) -> str:
    """d, not ∂: an adjoint or a derivative along every path (the seed's df/dx), as opposed to a local partial."""
    return f"\\frac{{d {tex_name(out)}}}{{d {tex_name(wrt)}}}"
