"""Notes about how an input was read, and the names in play while it is read.

A *note* names a reading that another reader could take differently (``e^2x`` read as e^(2x); ``xy`` read
as x*y) and how to write the other one. The readers (implicit.py, textbook.py, letters.py, build.py) call
``note``; parse() collects the notes of one text with ``collecting`` into ``Program.notes``, and every
report shows them (the trace, the JSON's ``notes``, check's verdicts). A collector nested in another passes
its notes up, so a claim's reading collects the notes of the expressions read inside it.

Under ``other_reading`` every reader takes the other reading at each ambiguity (check judges a claim
both ways and says when the verdict would flip).

The *names in play* (the point's names, a program's variables when its claims are read) decide whether
letters side by side are one name or a product (letters.py). The pipeline sets them with ``in_play``.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from typing import Iterable, Optional

_NOTES: contextvars.ContextVar = contextvars.ContextVar("symgraph_notes", default=None)
_IN_PLAY: contextvars.ContextVar = contextvars.ContextVar("symgraph_names_in_play", default=None)
_OTHER: contextvars.ContextVar = contextvars.ContextVar("symgraph_other_reading", default=False)


def note(text: str) -> None:
    """Record a note about the reading in progress (once: the same note twice is kept once)."""
    found = _NOTES.get()
    if found is not None and text not in found:
        found.append(text)


@contextmanager
def collecting():
    """Collect the notes of the readings inside this block into the list it yields."""
    outer = _NOTES.get()
    found: list = []
    token = _NOTES.set(found)
    try:
        yield found
    finally:
        _NOTES.reset(token)
        if outer is not None:
            outer.extend(n for n in found if n not in outer)


@contextmanager
def in_play(names: Optional[Iterable[str]]):
    """Read every text in this block knowing these names (None: no point is known)."""
    token = _IN_PLAY.set(None if names is None else frozenset(names))
    try:
        yield
    finally:
        _IN_PLAY.reset(token)


def names_in_play() -> Optional[frozenset]:
    return _IN_PLAY.get()


@contextmanager
def other_reading():
    """Read every text in this block the other way at each ambiguity that has one (``e^2x`` as e^2*x,
    ``1/2x`` as 1/(2x), ``sin x^2`` as sin(x)^2, ``log`` as log10, ...): check uses it to say when a verdict
    would flip."""
    token = _OTHER.set(True)
    try:
        yield
    finally:
        _OTHER.reset(token)


def reading_other() -> bool:
    return _OTHER.get()
