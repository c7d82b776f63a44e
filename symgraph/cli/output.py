"""``-o FILE`` means the same in every command: write this command's output to FILE instead of stdout, in
the format ``--format`` names, or (without ``--format``) the one FILE's suffix names; a suffix that names
none of the command's formats is refused before any work (as ``plot`` refuses one). A terminal format
written to a file is what a pipe would get: the plain layout, no colour."""
from __future__ import annotations

import io
import os
from contextlib import contextmanager

from symgraph.cli.common import console_for, write_text
from symgraph.errors import SymgraphError

SUFFIXES = {".json": "json", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
            ".tex": "latex", ".txt": "plain", ".svg": "svg", ".png": "png", ".dot": "dot", ".gv": "dot",
            ".mmd": "mermaid", ".mermaid": "mermaid"}
TERMINAL = ("rich", "plain")


def output_help(formats: tuple) -> str:
    suffixes = ", ".join(s for s, f in SUFFIXES.items() if f in formats or f == "plain" and "rich" in formats)
    return (f"Write to FILE instead of stdout. Without --format the format is FILE's suffix ({suffixes}); "
            "a terminal format is written as a pipe gets it.")


def pick_format(fmt: str | None, output: str | None, formats: tuple, command: str, default: str = "rich") -> str:
    """--format when given; else the format -o's suffix names; else ``default``."""
    if fmt is not None:
        return fmt
    if output is None:
        return default
    suffix = os.path.splitext(output)[1].lower()
    inferred = SUFFIXES.get(suffix)
    if inferred == "plain" and inferred not in formats:
        inferred = "rich"
    if inferred not in formats:
        known = ", ".join(s for s, f in SUFFIXES.items() if f in formats or f == "plain" and "rich" in formats)
        said = f"the suffix {suffix!r}" if suffix else "no suffix"
        raise SymgraphError(f"-o {output}: {said} names no format of {command} (it writes {known}); "
                            "rename the file or give --format")
    return inferred


@contextmanager
def terminal(fmt: str, color: str, output: str | None):
    """(console, plain) for a rich/plain renderer: stdout, or a buffer written to ``output`` at the end."""
    if output is None:
        yield console_for(fmt, color)
        return
    buffer = io.StringIO()
    yield console_for(fmt, "never", stream=buffer)
    write_text(buffer.getvalue(), output, "text")
