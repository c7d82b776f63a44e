"""The ``symgraph`` command line: thin. Each command converts options, calls the library, picks a renderer
and sets the exit code: 0 = every check agrees, 1 = a check or claim disagrees, 2 = bad input.
"""
from __future__ import annotations

import functools
import math
import sys

import click

from symgraph.errors import LimitError, SymgraphError

EXIT_OK, EXIT_DISAGREE, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3


def read_expression(arg: str) -> str:
    """The EXPR argument: the text itself, ``@PATH`` for a file, or ``-`` for stdin."""
    if arg == "-":
        return _decode(sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read(), "stdin")
    if arg.startswith("@"):
        return read_file(arg[1:])
    return arg


def read_file(path: str) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read(5_000_001)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        raise SymgraphError(f"cannot read {path!r}: {getattr(exc, 'strerror', None) or exc}") from None
    if len(data) > 5_000_000:
        raise LimitError(f"{path!r} is larger than 5 MB")
    return _decode(data, repr(path))


def write_text(text: str, output, fmt: str) -> None:
    """``text`` to stdout, or to the file ``output`` with a one-line note on stderr."""
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    except OSError as exc:
        raise SymgraphError(f"cannot write {output!r}: {exc.strerror or exc}") from None
    click.echo(f"wrote {fmt} to {output}", err=True)


def _decode(data, where: str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SymgraphError(f"{where} is not UTF-8 text (byte {exc.start})") from None


def finite(ctx, param, value):
    """click callback: FloatRange lets nan through (every comparison with nan is false): refuse it."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a finite number")
    return value


def console_for(fmt: str, stream=None):
    """A rich console: colour for ``rich`` on a terminal, plain text for ``plain`` or a pipe."""
    from rich.console import Console

    stream = stream or sys.stdout
    tty = hasattr(stream, "isatty") and stream.isatty()
    plain = fmt == "plain" or not tty
    console = Console(file=stream, markup=False, highlight=False, emoji=False, soft_wrap=False,
                      no_color=plain, color_system=None if plain else "auto",
                      width=None if tty else 200)   # a pipe: wide enough that lines rarely wrap
    return console, plain


def handle_errors(fn):
    """Bad input -> one message on stderr and exit 2; never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SymgraphError as exc:
            click.echo(exc.render(), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except RecursionError:
            click.echo("error: the input is nested too deeply to process", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except MemoryError:
            click.echo("error: the input is too large to process in memory", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug in symgraph: say so in one line, with the exit code 3
            click.echo(f"internal error (please report this bug): {type(exc).__name__}: {exc}", err=True)
            sys.exit(EXIT_BUG)
    return wrapper
