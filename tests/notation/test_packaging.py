"""The LaTeX grammar ships in the wheel: build it, install it into a scratch directory and read LaTeX with
the installed package (not the working tree)."""
import pathlib
import subprocess
import sys
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_grammar_file_is_in_the_wheel_and_loads_from_the_installed_package(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
                            str(ROOT)], capture_output=True, text=True, timeout=300)
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here (pip wheel failed: {built.stderr.strip()[-200:]})")
    wheel = next((tmp_path / "dist").glob("symgraph-*.whl"))
    assert "symgraph/notation/latex.lark" in zipfile.ZipFile(wheel).namelist()
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    code = ("import symgraph, sys; from symgraph.core.parser import parse; "
            "from symgraph.notation.printer import program_reading; "
            "print(symgraph.__file__); print(program_reading(parse(sys.argv[1])))")
    out = subprocess.run([sys.executable, "-c", code, r"\frac{1}{1+e^{-x}}"], cwd=tmp_path, check=True,
                         capture_output=True, text=True, env={"PYTHONPATH": str(target)}, timeout=120).stdout
    where, reading = out.splitlines()
    assert where.startswith(str(target))            # the installed copy, not the working tree
    assert reading == "1/(1 + e**(-x))"
