"""The ``symgraph`` console script and ``python -m symgraph``: set up the process, then run the CLI.

This module imports nothing heavy: it first makes the process behave like a well-mannered Unix tool,
then imports click, rich and SymPy (most of a second), so that even then:

* Ctrl-C, at any moment, prints "interrupted" and exits 130 (128 + SIGINT), never a traceback;
* a reader that goes away (``| head -c 10``) stops the process quietly by SIGPIPE's default action (the
  shell sees 141), as ``cat`` or ``grep`` do; never exit 1 ("a check disagrees") or a traceback;
* a stdout or stderr whose encoding cannot write ``✓`` or ``·`` (``PYTHONIOENCODING=ascii``, a latin-1
  locale) gets ASCII stand-ins instead of a UnicodeEncodeError; JSON escapes instead (exact either way);
* a closed stdout or stderr (``>&-``) writes to the null device: the exit code still tells the result.

The cyclic garbage collector is off for the life of the process. A command is a short batch job whose
objects die by reference counting (tests/reliability/test_gc_off.py: a collection after a 20,000-term
gradient finds under a thousand cyclic objects); the collector's passes over SymPy's objects while they are
imported, and once more at exit, cost about 0.15 s of every run. The library (``import symgraph``) leaves
the caller's collector alone.
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


def run() -> None:
    gc.disable()
    signal.signal(signal.SIGINT, _interrupted)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    _streams()
    from symgraph.cli.main import main

    main(prog_name="symgraph")


if __name__ == "__main__":
    run()
