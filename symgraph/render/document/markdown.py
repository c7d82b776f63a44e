"""A worked solution (``render.document.worked.Document``) as Markdown with TeX math: ``$...$`` inline and
``$$\\begin{aligned}...\\end{aligned}$$`` displays, which Jupyter, GitHub and pandoc render."""
from __future__ import annotations

import re

from symgraph.render.document.worked import Document, Equations, Items, Para, Table
from symgraph.safe_text import terminal


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
    entities), a link or an image ([ ] escaped), code, emphasis or math (` * _ $ escaped), an autolink
    (the : and first / of ``://``, the . of a leading ``www.`` and the @ of an address as entities: the
    same characters on the page, but GFM's and linkify's patterns no longer match), nor a new line or a
    table row (every line break, CR included, shows as ⏎; | in a cell is escaped); control and invisible
    characters are shown as escapes (safe_text.terminal). The one escaper for user text in Markdown."""
    text = _MD_SPECIAL.sub(lambda m: _MD_ENTITY.get(m.group(), "\\" + m.group()), str(text))
    text = _AUTOLINK.sub(_break_autolink, text)
    if in_table:
        text = text.replace("|", "\\|")
    return terminal(text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ⏎ "))


_MD_ENTITY = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MD_SPECIAL = re.compile(r"[\\`*_\[\]$<>&]")
# "://" (any scheme), "www." not inside a word, "@" between an address's two halves.
_AUTOLINK = re.compile(r"://|(?<![\w.-])www\.|(?<=[\w.+-])@(?=[\w-])", re.IGNORECASE)


def _break_autolink(m) -> str:
    found = m.group()
    if found == "://":
        return "&#58;&#47;/"
    return "&#64;" if found == "@" else found[:3] + "&#46;"


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
    parts = [f"# {md_text(doc.title)}"]
    for section in doc.sections:
        parts.append(f"## {md_text(section.title)}")
        parts += [_block(b) for b in section.blocks]
    return "\n\n".join(parts) + "\n"
