"""A worked solution (``render.worked.Document``) as LaTeX: a fragment to ``\\input`` into a handout, or
with ``standalone`` a complete document. Only packages of a minimal TeX installation are used (amsmath,
from Debian's texlive-latex-base), so that it compiles with pdflatex anywhere."""
from __future__ import annotations

from symgraph.render.texmath import escape_text
from symgraph.render.worked import Document, Equations, Items, Para, Table

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage{amsmath}
\allowdisplaybreaks
\usepackage[margin=2.2cm]{geometry}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\begin{document}
"""


def _runs(runs: list) -> str:
    return "".join(f"\\({s}\\)" if kind == "math" else escape_text(_ascii(s)) for kind, s in runs)


def _ascii(s: str) -> str:
    """pdflatex's default fonts have no ✓, ✗ or ·: words and symbols it has."""
    return s.replace("✓", "ok").replace("✗", "wrong").replace("·", "*").replace("−", "-").replace("…", "...")


def _block(block) -> str:
    if isinstance(block, Para):
        return _runs(block.runs)
    if isinstance(block, Items):
        return "\\begin{itemize}\n" + "\n".join(f"  \\item {_runs(i)}" for i in block.items) + "\n\\end{itemize}"
    if isinstance(block, Table):
        cols = "l" * len(block.header)
        head = " & ".join(f"\\textbf{{{_runs(c)}}}" for c in block.header)
        rows = "\n".join("  " + " & ".join(_runs(c) for c in row) + " \\\\" for row in block.rows)
        return (f"\\begin{{tabular}}{{{cols}}}\n\\hline\n  {head} \\\\\n\\hline\n{rows}\n\\hline\n"
                "\\end{tabular}")
    if isinstance(block, Equations):
        body = " \\\\\n".join(f"  {line[0]} &= " + " = ".join(line[1:]) for line in block.lines)
        return "\\begin{align*}\n" + body + "\n\\end{align*}"
    raise TypeError(f"unknown block {type(block).__name__}")


def render_latex(doc: Document, standalone: bool = False) -> str:
    parts = [f"\\section*{{{escape_text(_ascii(doc.title))}}}"]
    for section in doc.sections:
        parts.append(f"\\subsection*{{{escape_text(_ascii(section.title))}}}")
        parts += [_block(b) for b in section.blocks]
    body = "\n\n".join(parts) + "\n"
    return PREAMBLE + body + "\\end{document}\n" if standalone else body
