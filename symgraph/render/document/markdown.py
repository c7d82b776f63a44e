"""A worked solution (``render.document.worked.Document``) as Markdown with TeX math: ``$...$`` inline and
``$$\\begin{aligned}...\\end{aligned}$$`` displays, which Jupyter, GitHub and pandoc render."""
from __future__ import annotations

import re

from symgraph.render.document.worked import Document, Equations, Items, Para, Table
from symgraph.safe_text import terminal


def escape_text(s: str, in_table: bool = False) -> str:
    """Plain text in Markdown: the characters that would start emphasis, math or (in a table) a new cell
    are escaped, and HTML's < > & are written as entities so that no tag is ever formed."""
    s = s.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("$", "\\$")
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("`", "\\`")
    s = s.replace("[", "\\[").replace("]", "\\]")
    return s.replace("|", "\\|").replace("\n", " ") if in_table else s


def _runs(runs: list, in_table: bool = False) -> str:
    out = []
    for kind, s in runs:
        if kind == "math":
            out.append(f"${_no_bars(s) if in_table else s}$")
        else:
            out.append(md_text(s, in_table))
    return "".join(out)


def md_text(text: str, in_table: bool = False) -> str:
    """Plain text as Markdown that shows it as written: it cannot open an HTML tag or an entity (< > & as
    entities), a link or an image ([ ] escaped), code, emphasis or math (` * _ $ escaped), nor a new line
    or a table row (a newline shows as ⏎, | in a cell is escaped); control and invisible characters are
    shown as escapes (safe_text.terminal)."""
    text = _MD_SPECIAL.sub(lambda m: _MD_ENTITY.get(m.group(), "\\" + m.group()), text)
    if in_table:
        text = text.replace("|", "\\|")
    return terminal(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ⏎ "))


_MD_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MD_SPECIAL = re.compile(r"[\\`*_\[\]$<>&]")


def _no_bars(tex: str) -> str:
    """A | inside a table cell ends the cell on GitHub (|x| is \\left|x\\right|), and a \\| escape would be a
    norm where math is set before the table is split (Jupyter): \\vert is the same bar with no | in it."""
    return tex.replace("\\|", "\\Vert{}").replace("|", "\\vert{}")


def _block(block) -> str:
    if isinstance(block, Para):
        return _runs(block.runs)
    if isinstance(block, Items):
        return "\n".join(f"- {_runs(item)}" for item in block.items)
    if isinstance(block, Table):
        lines = ["| " + " | ".join(_runs(c, True) for c in block.header) + " |",
                 "|" + "---|" * len(block.header)]
        lines += ["| " + " | ".join(_runs(c, True) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    if isinstance(block, Equations):
        body = " \\\\\n".join(f"{line[0]} &= " + " = ".join(line[1:]) for line in block.lines)
        return "$$\n\\begin{aligned}\n" + body + "\n\\end{aligned}\n$$"
    raise TypeError(f"unknown block {type(block).__name__}")


def render_markdown(doc: Document) -> str:
    parts = [f"# {doc.title}"]
    for section in doc.sections:
        parts.append(f"## {section.title}")
        parts += [_block(b) for b in section.blocks]
    return "\n\n".join(parts) + "\n"
