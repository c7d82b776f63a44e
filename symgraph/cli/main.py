"""The ``symgraph`` command group: it only registers the commands, which import their shared helpers from
:mod:`symgraph.cli.common` (never from here), so no import circle is possible."""
from __future__ import annotations

import sys
import warnings

import click

from symgraph.cli.check import check
from symgraph.cli.common import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, examples, say
from symgraph.cli.grad import grad
from symgraph.errors import one_line
from symgraph.cli.graph import graph
from symgraph.cli.hessian import hessian
from symgraph.cli.plot import plot
from symgraph.cli.steps import steps


class _Group(click.Group):
    """click's usage errors as one ``error:`` line and a hint, exit 2, like every other bad input;
    bare ``symgraph`` is the help (exit 0); Ctrl-C is "interrupted", exit 130."""

    def main(self, *args, **kwargs):
        if kwargs.get("standalone_mode", True) is False:
            return super().main(*args, **kwargs)
        with warnings.catch_warnings():
            # NumPy's floating-point RuntimeWarnings ("overflow encountered in multiply", with an internal
            # path): every stage finds and names a non-finite value itself. Any other warning is one line.
            warnings.simplefilter("ignore", RuntimeWarning)
            warnings.showwarning = _one_line
            return self._main(*args, **kwargs)

    def _main(self, *args, **kwargs):
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.ctx.get_help())
            sys.exit(EXIT_OK)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "symgraph"
            say(f"error: {one_line(_message(exc))}\nhint: see '{command} --help'", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except click.Abort as exc:       # click turns KeyboardInterrupt (and EOF at a prompt) into Abort
            interrupted = isinstance(exc.__context__, KeyboardInterrupt)
            click.echo("interrupted" if interrupted else "error: aborted", err=True)
            sys.exit(EXIT_INTERRUPTED if interrupted else EXIT_BAD_INPUT)


def _one_line(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's warning as one ``warning:`` line on stderr, without its file and line."""
    say(f"warning: {message}", err=True)


def _message(exc: click.UsageError) -> str:
    if isinstance(exc, click.NoSuchOption):            # the same words as a command's unknown option
        close = f" (did you mean {' or '.join(sorted(exc.possibilities))}?)" if exc.possibilities else ""
        return f"no such option {exc.option_name}{close}"
    return exc.format_message()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog=examples('symgraph grad "(3*x)**2" --at x=4', 'symgraph grad --help'))
@click.version_option(package_name="symgraph", help="Show the version and exit.")
def main() -> None:
    """symgraph: see and trust derivatives.

    Lowers an expression to a computational graph, runs forward and reverse mode (backpropagation)
    step by step, and cross-checks the numbers against SymPy and finite differences.
    Exit codes: 0 all agree, 1 a check or claim disagrees, 2 bad input, 130 interrupted.
    """


for _command in (grad, check, graph, plot, steps, hessian):
    main.add_command(_command)
