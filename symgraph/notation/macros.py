"""The LaTeX vocabulary that both the reader (latex.py) and the tree builder (build.py) need: function
macros, renamed Greek letters, and the grammar's operator tokens."""
from __future__ import annotations

# LaTeX function macros -> the plain syntax's function names.
FUNCTION_MACROS = {"sin": "sin", "cos": "cos", "tan": "tan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
                   "sec": "sec", "csc": "csc", "cot": "cot", "arcsin": "asin", "arccos": "acos",
                   "arctan": "atan", "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh", "exp": "exp",
                   "ln": "ln", "log": "log", "max": "max", "min": "min", "sigma": "sigmoid", "erf": "erf",
                   "sgn": "sign"}
NAMES = {"lambda": "lamda", "Lambda": "Lamda"}      # \lambda: 'lambda' is a Python keyword; SymPy spells it lamda
# The grammar's operator tokens (latex.lark) -> the plain syntax's operators.
OPS = {"ADD": "+", "SUB": "-", "MUL": "*", "DIV": "/"}
