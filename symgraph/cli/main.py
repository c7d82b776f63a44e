"""The ``symgraph`` command group: it only registers the commands, which import their shared helpers from
:mod:`symgraph.cli.common` (never from here), so no import circle is possible."""
from __future__ import annotations

import sys

import click

from symgraph.cli.common import EXIT_BAD_INPUT
from symgraph.cli.check import check
from symgraph.cli.grad import grad
from symgraph.cli.graph import graph
from symgraph.cli.hessian import hessian
from symgraph.cli.plot import plot


class _Group(click.Group):
    """click's usage errors as one ``error:`` line and a hint, exit 2, like every other bad input."""

    def main(self, *args, **kwargs):
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "symgraph"
            click.echo(f"error: {exc.format_message()}\nhint: see '{command} --help'", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except click.Abort:
            click.echo("aborted", err=True)
            sys.exit(EXIT_BAD_INPUT)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="symgraph")
def main() -> None:
    """symgraph: see and trust derivatives.

    Lowers an expression to a computational graph, runs forward and reverse mode (backpropagation)
    step by step, and cross-checks the numbers against SymPy and finite differences.
    """


for _command in (grad, check, graph, plot, hessian):
    main.add_command(_command)
