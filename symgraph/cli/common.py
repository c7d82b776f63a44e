"""The ``symgraph`` command line: thin. Each command converts options, calls the library, picks a renderer
and sets the exit code: 0 = every check agrees, 1 = a check or claim disagrees, 2 = bad input.
"""
from __future__ import annotations

import contextlib
import functools
import math
import os
import select
import sys

import click

from symgraph.core.files import MAX_INPUT_BYTES, capped, decode, read_capped, read_text_file
from symgraph.errors import LimitError, SymgraphError
from symgraph.safe_text import json_text, terminal, utf8

EXIT_OK, EXIT_DISAGREE, EXIT_BAD_INPUT, EXIT_BUG = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141     # the shell's codes for SIGINT and SIGPIPE (128 + signal)
MIN_WIDTH = 60                                     # narrower terminals get the plain layout, unwrapped


def read_expression(arg: str) -> str:
    """The EXPR argument: the text itself, ``@PATH`` for a file, or ``-`` for stdin (without the line
    ends that close the text: they are not part of the expression the reports echo)."""
    if arg == "-":
        return read_stdin().rstrip("\r\n")
    if arg.startswith("@"):
        return read_file(arg[1:]).rstrip("\r\n")
    return arg


def read_stdin() -> str:
    """Standard input, capped like a file: at most 5 MB is ever read (``< /dev/zero`` is refused)."""
    stream = sys.stdin
    if stream is None or getattr(stream, "closed", False):
        raise SymgraphError("standard input is closed: there is nothing to read for '-' "
                            "(give the expression itself, or @PATH)")
    try:
        data = _read_fd_capped(stream)
        if data is None:                                  # not a real descriptor (a test's in-memory stream)
            data = _read_capped(getattr(stream, "buffer", stream))
    except (OSError, ValueError) as exc:
        raise SymgraphError(f"cannot read standard input: {getattr(exc, 'strerror', None) or exc}") from None
    return decode(capped(data, "standard input"), "standard input")


def _read_fd_capped(stream) -> bytes | None:
    """The descriptor read in chunks, each after select() says it is ready, waiting in 0.2 s slices.

    Why: a Ctrl-C that lands just before a blocking read() does not interrupt it (the signal came before
    the call), and Python runs its handler only between bytecodes, so the process would wait for input
    forever instead of printing "interrupted". Between slices the handler runs. None: no descriptor."""
    try:
        fd = stream.fileno()
        select.select([fd], [], [], 0)
    except (OSError, ValueError, AttributeError):
        return None

    def ready() -> None:
        while not select.select([fd], [], [], 0.2)[0]:
            pass

    return read_capped(fd, ready)


def read_file(path: str) -> str:
    """``@PATH``: a regular file only (a FIFO, a device or a directory is refused by name), capped."""
    return read_text_file(path)


def _read_capped(fh):
    """At most one byte more than the cap, so that an endless stream stops at the cap."""
    return fh.read(MAX_INPUT_BYTES + 1)


@contextlib.contextmanager
def reading(what: str):
    """Name the input that is nested too deeply: the expression, ``--at @file`` or ``--file``, whether
    the parser's depth limit refused it or a reader (JSON, TOML) recursed too deeply."""
    try:
        yield
    except RecursionError:
        raise LimitError(f"{what} is nested too deeply to read") from None
    except LimitError as exc:
        if "nest" in exc.message and not exc.message.startswith((what, what.split(" ", 1)[-1] + ":")):
            exc.message = f"{what}: {exc.message.removeprefix('--at: ')}"
        raise


def expression_label(expr: str) -> str:
    """How EXPR is named in a message: where it was read from."""
    if expr == "-":
        return "the expression on standard input"
    return f"the expression in {expr[1:201]}" if expr.startswith("@") else "the expression"


def write_text(text: str, output, fmt: str) -> None:
    """``text`` to stdout, or to the file ``output`` with a one-line note on stderr."""
    if output is None:
        say(text, nl=False)
        return
    write_file(text, output, fmt)


def write_file(data, path: str, fmt: str) -> None:
    """Text (UTF-8) or bytes to the file ``path``, then a one-line note on stderr; a path that cannot be
    written is bad input (exit 2), never a traceback."""
    try:
        with open(path, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else utf8(data))
    except OSError as exc:
        raise SymgraphError(f"cannot write {path!r}: {exc.strerror or exc}") from None
    say(f"wrote {fmt} to {path}", err=True)


def finite(ctx, param, value):
    """click callback: FloatRange lets nan through (every comparison with nan is false): refuse it."""
    if value is not None and not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a finite number")
    return value


COLORS = ("auto", "always", "never")


def color_option(fn):
    return click.option("--color", "color", type=click.Choice(COLORS), default="auto", show_default=True,
                        help="Colour: auto = on a terminal unless NO_COLOR is set (FORCE_COLOR forces it, "
                             "e.g. for | less -R); always; never.")(fn)


def wants_color(color: str, tty: bool, environ=os.environ) -> bool:
    """--color always/never decide; auto: NO_COLOR (no-color.org) off, FORCE_COLOR on, else a terminal."""
    if color != "auto":
        return color == "always"
    if environ.get("NO_COLOR", ""):
        return False
    if environ.get("FORCE_COLOR", ""):
        return True
    return tty


UNWRAPPED = 100_000         # the console width of the plain layout: wide enough that nothing is wrapped


def console_for(fmt: str, color: str = "auto", stream=None):
    """A rich console and whether to lay out plainly (ASCII tables, never wrapped).

    ``rich`` on a terminal of at least MIN_WIDTH columns gets the rich layout; a pipe, a narrow terminal
    or ``plain`` gets the plain layout, which never wraps a number one character per line.
    """
    from rich.console import Console

    stream = stream or sys.stdout
    tty = _isatty(stream)
    colour = fmt != "plain" and wants_color(color, tty)
    console = Console(file=stream, markup=False, highlight=False, emoji=False, soft_wrap=False,
                      force_terminal=colour, no_color=not colour, color_system="auto" if colour else None)
    plain = fmt == "plain" or not tty or console.width < MIN_WIDTH
    if plain or not tty:
        # never hard-wrapped: a long line stays one line (a pipe, a file, a pager or the terminal wraps it,
        # and never inside "x10 = 1"); tables are as wide as their content
        console.width = UNWRAPPED
    console.on_broken_pipe = _broken_pipe
    console.push_render_hook(_SafeText())
    return console, plain


class _SafeText:
    """rich's render hook: every piece of text a renderer prints passes safe_text.terminal (colour and
    cursor codes are rich's own control segments, which stay)."""

    def process_renderables(self, renderables: list) -> list:
        return [_Cleaned(r) for r in renderables]


class _Cleaned:
    def __init__(self, renderable):
        self.renderable = renderable

    def __rich_console__(self, console, options):
        from rich.segment import Segment

        for segment in console.render(self.renderable, options):
            yield segment if segment.control else Segment(terminal(segment.text), segment.style)


def say(text: str, err: bool = False, nl: bool = True) -> None:
    """click.echo for every line the commands print themselves (errors, notes, documents on stdout):
    through safe_text.terminal, so that no user text drives the terminal."""
    click.echo(terminal(text), err=err, nl=nl)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):      # no isatty, or a closed stream
        return False


def _broken_pipe() -> None:
    """The reader went away (``| head``): stop quietly with SIGPIPE's code, not rich's exit 1."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


def echo_json(data, to_json=None) -> None:
    """JSON on stdout: UTF-8 text as is, \\u escapes for a stdout that cannot encode it (exact either way);
    a big graph's rows streamed (symgraph/cli/json_out.py). ``to_json(ensure_ascii)``, when given, writes the
    same text as json.dumps would, faster; either way C1/bidi/surrogates are escaped (safe_text.json_text)."""
    from symgraph.cli.json_out import write_json

    if to_json is None:
        write_json(data, sys.stdout)
        return
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    sys.stdout.write(json_text(to_json(not encoding.startswith("utf"))) + "\n")


def emit_json(data: dict, output, fmt: str = "json") -> None:
    """A report's JSON to the file ``output`` (``-o``), or on stdout."""
    if output:
        import io

        from symgraph.cli.json_out import write_json

        text = io.StringIO()             # the same text as on stdout: a big graph's rows one line each
        write_json(data, text, ascii_only=False)
        write_text(text.getvalue(), output, fmt)
    else:
        echo_json(data)


def handle_errors(fn):
    """Bad input -> one message on stderr and exit 2; never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except SymgraphError as exc:
            say(exc.render(), err=True)
            sys.exit(EXIT_BAD_INPUT)
        except RecursionError:
            click.echo("error: the expression is nested too deeply to process", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except MemoryError:
            from symgraph.checks.budget import memory_text

            say(f"error: the input is too large to process within the memory budget ({memory_text()}; "
                "SYMGRAPH_MEMORY=4G raises it)", err=True)
            sys.exit(EXIT_BAD_INPUT)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as exc:  # a bug in symgraph: say so in one line, with the exit code 3
            say(f"internal error (please report this bug): {type(exc).__name__}: {exc}", err=True)
            sys.exit(EXIT_BUG)
    return wrapper


def examples(*commands: str) -> str:
    """The Examples section that ends a command's --help (tests run every one of them)."""
    return "\b\nExamples:\n" + "\n".join(f"  {c}" for c in commands)


def point_label(at: str | None) -> str:
    """How a --at value is named in a message: ``--at @p.json`` for a file, else ``--at``."""
    return f"--at {at[:200]}" if at and at.startswith("@") else "--at"
