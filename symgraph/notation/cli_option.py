"""``--syntax auto|plain|latex`` for the grad, check, graph and steps commands: one decorator line each."""
from __future__ import annotations

import functools

import click

from symgraph.notation.syntax import SYNTAXES, use


def syntax_option(fn):
    """Adds ``--syntax`` and reads every text of the command (EXPR, claims, --at) in that syntax."""
    @click.option("--syntax", type=click.Choice(SYNTAXES), default="auto", show_default=True,
                  help="How EXPR and claims are read: auto = LaTeX when the text has a backslash, a brace or "
                       "starts with $; plain; latex (e.g. '\\sin x' without other hints).")
    @functools.wraps(fn)
    def wrapper(*args, syntax="auto", **kwargs):
        with use(syntax):
            return fn(*args, **kwargs)
    return wrapper
