"""Golden outputs: every command in every format, the seeds' examples, the HTML page, the PNG bytes and the
Python API's text and notebook bundles, compared byte for byte with what was recorded in tests/golden/.

The cases are listed in tests/golden/manifest.json (the argv after ``symgraph``, and the exit code); the API
cases are the functions in ``API_CASES`` below. Each case runs in-process through click's CliRunner, in a
temporary directory holding a link to examples/ (so ``@examples/...`` and ``-o page.html`` read and write
there, and the output never names a temporary path), with ``COLUMNS=100`` and no ``NO_COLOR``/``FORCE_COLOR``.
stdout is kept as ``<name>.out``, stderr (when any) as ``<name>.err`` and each written file as
``<name>.<file name>``.

What is normalized, and why: clock readings in a JSON report (the ``timings`` block of grad, every
``"seconds"`` and ``"ratio_seconds"`` key of the Hessian's cost) are replaced by 0. Nothing else is.

An intentional change of an output: re-record with ``SYMGRAPH_GOLDEN_UPDATE=1 python -m pytest
tests/test_golden.py``, then read ``git diff tests/golden`` before committing: every changed byte should be
one the change meant.
"""
from __future__ import annotations

import json
import os
import pathlib
import re

import pytest
from click.testing import CliRunner

from symgraph.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
MANIFEST = GOLDEN / "manifest.json"
UPDATE = os.environ.get("SYMGRAPH_GOLDEN_UPDATE") == "1"
OUTPUT_OPTIONS = ("-o", "--output", "--svg", "--csv", "--json-out")
TIMINGS = re.compile(r'("timings": \{)([^{}]*)(\})')
SECONDS = re.compile(r'("(?:ratio_)?seconds": )[-0-9.e+]+')
ENV = {"COLUMNS": "100", "LINES": "50", "NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color"}


def _normalize(data: bytes) -> bytes:
    """Clock readings in a JSON report become 0 (the only thing allowed to differ)."""
    if b'"timings"' not in data and b'"seconds"' not in data:
        return data
    text = data.decode("utf-8")
    text = TIMINGS.sub(lambda m: m.group(1) + re.sub(r'(": )[-0-9.e+]+', r"\g<1>0", m.group(2)) + m.group(3), text)
    return SECONDS.sub(r"\g<1>0", text).encode("utf-8")


def _cases() -> list:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["cli"]


def _outputs(argv: list) -> list:
    return [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg in OUTPUT_OPTIONS]


def _compare(name: str, produced: dict) -> None:
    """``produced`` maps a golden file name to its bytes; each must equal the recorded file."""
    if UPDATE:
        for stale in GOLDEN.glob(f"{name}.*"):
            stale.unlink()
        for file, data in produced.items():
            (GOLDEN / file).write_bytes(data)
        return
    recorded = sorted(p.name for p in GOLDEN.glob(f"{name}.*"))
    assert sorted(produced) == recorded, f"{name}: files produced {sorted(produced)}, recorded {recorded}"
    for file, data in produced.items():
        expected = (GOLDEN / file).read_bytes()
        if data != expected:
            diff_at = next((i for i, (a, b) in enumerate(zip(data, expected)) if a != b), min(len(data), len(expected)))
            pytest.fail(f"{file} differs from the recorded output at byte {diff_at} "
                        f"(got {data[max(0, diff_at - 60):diff_at + 60]!r}, "
                        f"recorded {expected[max(0, diff_at - 60):diff_at + 60]!r}); "
                        "SYMGRAPH_GOLDEN_UPDATE=1 re-records it if the change is intended")


@pytest.mark.parametrize("name,argv", _cases(), ids=[c[0] for c in _cases()])
def test_cli_output_is_unchanged(name, argv, tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, argv, env=ENV)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    produced = {f"{name}.out": _normalize(result.stdout_bytes),
                f"{name}.exit": f"{result.exit_code}\n".encode()}
    if result.stderr_bytes:
        produced[f"{name}.err"] = result.stderr_bytes
    for file in _outputs(argv):
        produced[f"{name}.{file}"] = _normalize((tmp_path / file).read_bytes())
    _compare(name, produced)


def _text(value) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def _bundle(obj) -> dict:
    bundle = obj._repr_mimebundle_()
    return {key: _text(value) for key, value in sorted(bundle.items())}


def _api_grad():
    import symgraph

    report = symgraph.grad("1/(1+exp(-(w0*x0+w1*x1+w2)))", {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3})
    return {"str.txt": str(report), "markdown.md": report.to_markdown(), "latex.tex": report.to_latex(True),
            "html.html": report.to_html(), **{f"bundle.{k.replace('/', '-')}": v for k, v in _bundle(report).items()}}


def _api_check():
    import symgraph

    report = symgraph.check("g = 3*x; f = g**2", ["df/dg = 24", "df/dx = 24"], {"x": 4})
    return {"str.txt": str(report), "markdown.md": report.to_markdown(),
            **{f"bundle.{k.replace('/', '-')}": v for k, v in _bundle(report).items()}}


def _api_graph():
    import symgraph

    view = symgraph.graph("sin(x)*cos(x)", "x=2")
    return {"repr.txt": repr(view), "svg.svg": view.svg(), "png.png": view.png(), "dot.dot": view.dot(),
            "mermaid.mmd": view.mermaid(), "json.json": view.to_json(),
            **{f"bundle.{k.replace('/', '-')}": v for k, v in _bundle(view).items()}}


def _api_hessian():
    import symgraph

    report = symgraph.hessian("x**2*y + y**3", {"x": 1, "y": 2})
    return {"str.txt": str(report), "json.json": report.to_json(),
            **{f"bundle.{k.replace('/', '-')}": v for k, v in _bundle(report).items()}}


def _api_jacobian():
    import symgraph

    report = symgraph.jacobian("f = x*y; g = x + y", "x=1,y=2", outputs=["f", "g"])
    return {"str.txt": str(report), "json.json": report.to_json(),
            **{f"bundle.{k.replace('/', '-')}": v for k, v in _bundle(report).items()}}


def _api_plot():
    import symgraph

    picture = symgraph.plot("x**2", "x=1", dpi=30)
    return {"repr.txt": repr(picture), "svg.svg": picture._repr_svg_(), "png.png": picture._repr_png_()}


API_CASES = {"api-grad": _api_grad, "api-check": _api_check, "api-graph": _api_graph,
             "api-hessian": _api_hessian, "api-jacobian": _api_jacobian, "api-plot": _api_plot}


@pytest.mark.parametrize("name", sorted(API_CASES))
def test_api_output_is_unchanged(name):
    produced = {f"{name}.{file}": _normalize(_text(value)) for file, value in API_CASES[name]().items()}
    _compare(name, produced)
