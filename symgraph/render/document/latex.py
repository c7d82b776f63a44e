"""A worked solution (``render.document.worked.Document``) as LaTeX: a fragment to ``\\input`` into a handout, or
with ``standalone`` a complete document. Only packages of a minimal TeX installation are used (amsmath,
from Debian's texlive-latex-base), so that it compiles with pdflatex anywhere."""
from __future__ import annotations

from symgraph.render.document.texmath import escape_text
from symgraph.render.document.worked import Document, Equations, Items, Para, Table

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
    return "".join(f"\\({s}\\)" if kind == "math" else text_tex(s) for kind, s in runs)


# Text-mode stand-ins for characters pdflatex's default fonts lack (its utf8 input covers Latin-1 letters
# only; anything else stops the run with "Unicode character not set up"). Claims and the locator's
# explanations are user-facing text that may hold any of these.
_WORDS = {"✓": "ok", "✗": "wrong", "−": "-", "…": r"\ldots{}", "’": "'", "‘": "`", "“": "``", "”": "''",
          "–": "--", "—": "---"}
_MATH = {"·": r"\cdot", "∂": r"\partial", "∇": r"\nabla", "≤": r"\leq", "≥": r"\geq", "≠": r"\neq",
         "≈": r"\approx", "×": r"\times", "÷": r"\div", "±": r"\pm", "∞": r"\infty", "→": r"\to",
         "←": r"\leftarrow", "↦": r"\mapsto", "√": r"\surd", "∑": r"\sum", "∏": r"\prod", "◆": r"\diamond",
         "∈": r"\in", "‖": r"\|", "°": r"^{\circ}"}
_SCRIPTS = {**{ch: f"^{{{d}}}" for ch, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")},
            **{ch: f"_{{{d}}}" for ch, d in zip("₀₁₂₃₄₅₆₇₈₉₊₋", "0123456789+-")}}
_UPPER_GREEK = {"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega"}


def text_tex(s: str) -> str:
    """Any text for LaTeX's text mode: special characters escaped, and every character beyond Latin-1
    as a command pdflatex has (Greek letters by name), else its code point, so the document compiles."""
    return "".join(_char(ch) for ch in s)


def _char(ch: str) -> str:
    import unicodedata

    if ch in _MATH or ch in _SCRIPTS:
        return f"\\ensuremath{{{_MATH.get(ch) or _SCRIPTS[ch]}}}"
    if ord(ch) < 0x100:
        return escape_text(ch)
    if ch in _WORDS:
        return _WORDS[ch]
    name = unicodedata.name(ch, "").replace("LAMDA", "LAMBDA")      # Unicode spells it without the b
    if name.startswith(("GREEK SMALL LETTER ", "GREEK CAPITAL LETTER ")) and len(name.split()) == 4:
        word = name.split()[-1].capitalize()
        if name.startswith("GREEK SMALL"):
            return "o" if word == "Omicron" else f"\\ensuremath{{\\{word.lower()}}}"
        return f"\\ensuremath{{\\{word}}}" if word in _UPPER_GREEK else _latin(word)
    return f"[U+{ord(ch):04X}]"


def _latin(word: str) -> str:
    """A capital Greek letter TeX has no command for looks like a Latin one (Alpha is A, Beta is B)."""
    return {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H", "Iota": "I", "Kappa": "K",
            "Mu": "M", "Nu": "N", "Omicron": "O", "Rho": "P", "Tau": "T", "Chi": "X"}.get(word, word)


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
    parts = [f"\\section*{{{text_tex(doc.title)}}}"]
    for section in doc.sections:
        parts.append(f"\\subsection*{{{text_tex(section.title)}}}")
        parts += [_block(b) for b in section.blocks]
    body = "\n\n".join(parts) + "\n"
    return PREAMBLE + body + "\\end{document}\n" if standalone else body
