"""Two more ways to print a parse tree, for the property test: implicit multiplication with textbook
notation (``2x``, ``x²``, ``sin^2(x)``, ``√x``, ``·``, ``÷``) and LaTeX. The explicit way is the library's
``notation.printer.explicit``. Recursive: the test's trees are small."""
from symgraph.notation.printer import _needs_parens

_ONE_ARG_FUNCTIONS_LATEX = {"sin": r"\sin", "cos": r"\cos", "exp": r"\exp", "log": r"\log", "ln": r"\ln",
                            "tanh": r"\tanh", "atan": r"\arctan", "asinh": r"\arcsinh", "sec": r"\sec",
                            "cot": r"\cot", "sigmoid": r"\sigma", "max": r"\max", "min": r"\min", "erf": r"\erf",
                            "sign": r"\sgn"}
_SUPER = {"2": "²", "3": "³"}


def _is_atom(node) -> bool:
    return node.kind in ("num", "name", "call")


def implicit(node) -> str:
    if node.kind in ("num", "name"):
        return node.text
    if node.kind == "neg":
        return "-" + _wrap(node.args[0], node, False, implicit)
    if node.kind == "call":
        arg = node.args[0]
        if node.text == "sqrt":
            return "√" + (arg.text if arg.kind in ("num", "name") else f"({implicit(arg)})")
        return f"{node.text}({', '.join(implicit(a) for a in node.args)})"
    a, b = node.args
    left, right = _wrap(a, node, False, implicit), _wrap(b, node, True, implicit)
    if node.text == "**":
        if a.kind == "call" and len(a.args) == 1 and a.text != "sqrt" and b.kind == "num" and b.text.isdigit():
            return f"{a.text}^{b.text}({implicit(a.args[0])})"          # sin^2(x)
        if a.kind == "name" and b.kind == "num" and b.text in _SUPER:
            return left + _SUPER[b.text]                                # x²
        return f"{left}^{right}"
    if node.text == "*":
        starts = right[0]
        if (starts.isalpha() or starts == "√" or (starts == "(" and not left[-1].isalnum())) \
                and (left[-1].isalnum() or left[-1] in ")²³"):
            return f"{left} {right}"                                    # juxtaposition: 2 x, x sin(y)
        return f"{left}·{right}"
    if node.text == "/":
        return f"{left}÷{right}"
    return f"{left} {node.text} {right}"


def latex(node) -> str:
    if node.kind == "num":
        return node.text
    if node.kind == "name":
        return r"\pi" if node.text == "pi" else node.text
    if node.kind == "neg":
        return "-" + _wrap(node.args[0], node, False, latex)
    if node.kind == "call":
        args = ", ".join(latex(a) for a in node.args)
        if node.text == "sqrt":
            return rf"\sqrt{{{args}}}"
        if node.text == "abs":
            return rf"\lvert {args} \rvert"
        if node.text == "log" and len(node.args) == 2:
            return rf"\log_{{{latex(node.args[1])}}}\left({latex(node.args[0])}\right)"
        macro = _ONE_ARG_FUNCTIONS_LATEX.get(node.text, rf"\operatorname{{{node.text}}}")
        return rf"{macro}\left({args}\right)"
    a, b = node.args
    if node.text == "/":
        return rf"\frac{{{latex(a)}}}{{{latex(b)}}}"
    left = _wrap(a, node, False, latex)
    if node.text == "**":
        base = left if _is_atom(a) or left.startswith(r"\left(") else rf"\left({left}\right)"
        return f"{{{base}}}^{{{latex(b)}}}"
    right = _wrap(b, node, True, latex)
    if node.text == "*":
        return f"{left} {right}" if right[0].isalpha() or right.startswith(r"\operatorname") else rf"{left} \cdot {right}"
    return f"{left} {node.text} {right}"


def _wrap(child, parent, right: bool, fmt) -> str:
    text = fmt(child)
    if not _needs_parens(child, parent, right):
        return text
    return rf"\left({text}\right)" if fmt is latex else f"({text})"
