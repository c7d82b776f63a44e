"""The ``symgraph`` console script and ``python -m symgraph``: set up the process, then run the CLI.

This module imports nothing heavy: it first makes the process behave like a well-mannered Unix tool,
then imports click, rich and SymPy (most of a second), so that even then:

* Ctrl-C, at any moment, prints "interrupted" and exits 130 (128 + SIGINT), never a traceback;
* a reader that goes away (``| head -c 10``) stops the process quietly by SIGPIPE's default action (the
  shell sees 141), as ``cat`` or ``grep`` do; never exit 1 ("a check disagrees") or a traceback;
* a stdout or stderr whose encoding cannot write ``✓`` or ``·`` (``PYTHONIOENCODING=ascii``, a latin-1
  locale) gets ASCII stand-ins instead of a UnicodeEncodeError; JSON escapes instead (exact either way);
* a closed stdout or stderr (``>&-``) writes to the null device: the exit code still tells the result;
* the process's address space is capped (2 GiB, or ``SYMGRAPH_MEMORY``: 4G, 512M, off): SymPy's work on
  a big input then fails with a MemoryError that the checks report as "not comparable (memory)", instead
  of swapping the machine.

The cyclic garbage collector is paused while click, rich and SymPy are imported (every command needs
SymPy, so it is imported here rather than inside the command), then ``gc.freeze()`` moves everything
imported out of the collector's sight and the collector resumes: no later collection, the one at exit
included, walks SymPy's objects again. That is about 0.15 s of every run. The collector is on while a
command works: SymPy's ``diff`` leaves reference cycles (tests/reliability/test_gc.py). The library
(``import symgraph``) leaves the caller's collector alone.
"""
import codecs
import gc
import os
import signal
import sys

EXIT_INTERRUPTED = 130
ASCII = {"✓": "OK", "✗": "X", "·": "*", "⋅": "*", "×": "x", "−": "-", "–": "-", "—": "--", "→": "->",
         "←": "<-", "≤": "<=", "≥": ">=", "±": "+/-", "…": "...", "∂": "d", "≈": "~", "²": "^2",
         "³": "^3", "⁻": "^-", "¹": "^1", "∞": "inf"}


def _interrupted(signum, frame):
    """Ctrl-C: one word on stderr and exit 130; os._exit, because a handler that raised could land in an
    import or a ``finally`` and end in a traceback."""
    try:
        os.write(2, b"\ninterrupted\n" if os.isatty(2) else b"interrupted\n")
    except OSError:
        pass
    os._exit(EXIT_INTERRUPTED)


def _ascii_stand_in(exc):
    """Codec error handler: the ASCII form of a character the stream's encoding lacks, else '?'."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(ASCII.get(ch, "?") for ch in exc.object[exc.start:exc.end]), exc.end


def _streams() -> None:
    codecs.register_error("symgraph.ascii", _ascii_stand_in)
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None:                               # the descriptor was closed (>&-)
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
        elif hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="symgraph.ascii")


def _runs_a_command(args: list) -> bool:
    """Not bare ``symgraph``, not a help page or the version, not shell completion, not ``check --code``
    (which reads code onto the tensor graph and loads SymPy only if a symbolic step runs): SymPy will be
    needed."""
    if args[:1] == ["check"] and any(a == "--code" or a.startswith("--code=") for a in args):
        return False
    return bool(args) and not {"--help", "-h", "--version"} & set(args) and "_SYMGRAPH_COMPLETE" not in os.environ


def run() -> None:
    gc.disable()
    from symgraph.checks.budget import parse_memory, set_memory_limit

    set_memory_limit(parse_memory(os.environ.get("SYMGRAPH_MEMORY")))   # 2 GiB unless told otherwise
    signal.signal(signal.SIGINT, _interrupted)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _streams()
    from symgraph.cli.main import main

    if _runs_a_command(sys.argv[1:]):
        import sympy  # noqa: F401  (imported while the collector is paused; see the module's docstring)
    gc.freeze()
    gc.enable()
    main(prog_name="symgraph")


if __name__ == "__main__":
    run()
