"""Option parsing that never guesses, for every ``symgraph`` command.

click reads ``-tanh(x)`` as a bundle of short options (``-t -a -n -h ...``) and finds ``-h``: the help,
exit 0, for an expression. :class:`Command` sorts the arguments before click sees them, by exact name:

* a known option (``--at``, ``-o``, ``--at=x=1``) stays an option, and its value is never looked at;
* anything else that looks like a long option (``--digit``) is refused by name, with the nearest names;
* every other argument, ``-tanh(x)`` included, is positional: it is moved behind a ``--``, where click
  takes it as it is. A ``--`` the user typed ends option parsing, as usual.

A single-valued option given twice (``--at x=1 --at x=2``) is refused too: silently keeping the last one
would judge a point the user may not have meant.
"""
from __future__ import annotations

import difflib
import re

import click

_LONG_OPTION = re.compile(r"--[A-Za-z][A-Za-z0-9_-]*\Z")


class Command(click.Command):
    """A click command whose arguments are sorted by :func:`sort_args` before click parses them."""

    def parse_args(self, ctx: click.Context, args: list) -> list:
        if not ctx.resilient_parsing:            # shell completion parses half-typed lines: let click do it
            args = sort_args(self, ctx, list(args))
        return super().parse_args(ctx, args)


def sort_args(command: click.Command, ctx: click.Context, args: list) -> list:
    """The arguments with every positional one behind a single ``--``; refuses unknown long options."""
    known = {name: p for p in command.get_params(ctx) if isinstance(p, click.Option)
             for name in p.opts + p.secondary_opts}
    options, positional, given = [], [], {}
    k = 0
    while k < len(args):
        arg = args[k]
        k += 1
        if arg == "--":
            positional += args[k:]
            break
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        opt = known.get(name)
        if opt is None:
            if _LONG_OPTION.match(name):
                raise click.UsageError(_no_such_option(name, known), ctx)
            positional.append(arg)               # text, '-', or an expression such as -tanh(x)
            continue
        options.append(arg)
        if opt.is_flag or opt.count:
            continue
        if not eq and k < len(args):             # the value is the next argument, whatever it looks like
            value = args[k]
            options.append(value)
            k += 1
        if not opt.multiple:
            if opt.name in given:
                raise click.UsageError(f"{name} is given twice ({_short(given[opt.name])}, then "
                                       f"{_short(value)}): give it once", ctx)
            given[opt.name] = value
    return options + (["--"] + positional if positional else [])


def _no_such_option(name: str, known: dict) -> str:
    longs = sorted(n for n in known if n.startswith("--"))
    close = difflib.get_close_matches(name, longs, n=2, cutoff=0.6)
    if close:
        return f"no such option {name} (did you mean {' or '.join(close)}?)"
    return (f"no such option {name} (an expression that starts with '-' may follow '--', "
            f"as in: -- '{name}')")


def _short(value: str, limit: int = 40) -> str:
    return repr(value if len(value) <= limit else value[:limit] + "...")
