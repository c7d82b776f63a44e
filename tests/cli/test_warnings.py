"""No library warning reaches the terminal in Python's format (``<file>:<line>: RuntimeWarning: ...``, an
internal path): NumPy's floating-point warnings are dropped (each stage names a non-finite value itself),
any other warning is one sanitized ``warning:`` line."""
from __future__ import annotations

import warnings

import numpy as np
from click.testing import CliRunner

import symgraph.pipeline
from symgraph.cli.main import main


def test_library_warnings_are_one_clean_line_and_numpy_float_warnings_are_dropped(monkeypatch):
    real = symgraph.pipeline.grad

    def noisy(*args, **kwargs):           # the real pipeline, after two warnings of the kinds libraries raise
        with np.errstate(all="warn"):
            np.array([1e308]) * 10.0
        warnings.warn("a library said \x1b[2J this", UserWarning)
        return real(*args, **kwargs)

    monkeypatch.setattr(symgraph.pipeline, "grad", noisy)
    result = CliRunner().invoke(main, ["grad", "x*y", "--at", "x=2,y=3", "--no-trace"])
    assert result.exit_code == 0
    err = result.stderr
    assert "RuntimeWarning" not in err and "overflow encountered" not in err
    assert "warning: a library said \\x1b[2J this" in err.splitlines()
    assert ".py:" not in err and "\x1b" not in err
    assert "Verdict: all 4 compared checks agree" in result.stdout


def test_the_warning_filters_do_not_outlive_the_command():
    before = (list(warnings.filters), warnings.showwarning)
    CliRunner().invoke(main, ["grad", "x", "--at", "x=1", "--no-trace"])
    assert (list(warnings.filters), warnings.showwarning) == before
