"""Python's cyclic garbage collector paused while a stage builds millions of small objects.

Every tuple, list and node a stage allocates counts toward the collector's thresholds, and each full
collection walks every live object: on a 1,000,000-character ``x+x+...+x`` the tokenizer and parser spent
more than half their time in collections that found nothing (the stages build trees, not cycles). A
paused stage frees its garbage by reference counting as usual; cycles, if any, are collected when the
collector resumes. Nested pauses are no-ops, and a collector the caller disabled stays disabled.
"""
from __future__ import annotations

import functools
import gc


def without_gc(stage):
    """Run ``stage`` with the cyclic collector paused (restored on return or on an exception)."""
    @functools.wraps(stage)
    def paused(*args, **kwargs):
        if not gc.isenabled():
            return stage(*args, **kwargs)
        gc.disable()
        try:
            return stage(*args, **kwargs)
        finally:
            gc.enable()
    return paused
