"""Which pipeline a grad request belongs to: the tensor one, or the scalar one (unchanged).

A request is a tensor program when its point holds an array that is not 0-d (``w=[2,-3]``, a JSON list, an
.npy or .npz file), when --shapes or --direction is given, or when the program calls a tensor-only function
(dot, outer, sum, mean, norm, softmax, log_softmax, logsumexp, transpose, pick, amax, reshape, stack)
or writes ``.T``, ``.reshape``, ``axis=`` or ``keepdims=``.
``@`` and ``[...]`` with an all-scalar point stay on the scalar route, whose refusals name them as before.
Every other request goes to the scalar pipeline exactly as before.
"""
from __future__ import annotations

import json
import re

from symgraph.core.tokens import without_comments

_SYNTAX = re.compile(r"\.T\b|\.reshape\b|\baxis\s*=|\bkeepdims\s*=|"
                     r"\b(?:dot|outer|sum|mean|norm|softmax|log_softmax|logsumexp|transpose|pick|amax|reshape|"
                     r"stack)\s*\(")


def wants_tensor(source: str, at=None, shapes=None, direction=None, read_file=None) -> bool:
    """What a ``#`` comment says never decides the route (``# sum(...) later``, ``--at "x=1 # [note]"``)."""
    if shapes or direction:
        return True
    if _SYNTAX.search(without_comments(source or "")):
        return True
    return point_has_arrays(at, read_file)


def point_has_arrays(at, read_file=None) -> bool:
    """Does the point hold an array that is not 0-d? (A point that cannot be read is left to the scalar
    route, whose message for it is unchanged.)"""
    if at is None:
        return False
    if isinstance(at, dict):
        import numpy as np

        return any(isinstance(v, (list, tuple)) or (hasattr(v, "shape") and np.ndim(v) > 0) for v in at.values())
    text = without_comments(at).strip()
    if text.startswith("@"):
        path = text[1:]
        if path.endswith((".npz", ".npy")):
            return True
        from symgraph.core.files import read_text_file      # regular files only: a FIFO never blocks
        from symgraph.errors import SymgraphError

        try:
            data = json.loads((read_file or read_text_file)(path))
        except (OSError, ValueError, RecursionError, UnicodeDecodeError, SymgraphError):
            return False
        return isinstance(data, dict) and any(isinstance(v, list) for v in data.values())
    return "[" in text or "=@" in text.replace(" ", "")
