"""check --code loads no SymPy (start-up time, issue 21 item 8): the tensor table reads the scalar rows'
labels only when asked, and the code report's base class lives apart from the scalar report. A layer pair
judged in a fresh process leaves sympy out of sys.modules, and its output is what it was."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import sys
from symgraph.code.check import check_code
report = check_code(open("examples/code/layers.py").read(), source_name="layers.py", shapes="x=NxD,w=DxM,b=M")
assert report.ok, report.to_dict()
print("sympy" in sys.modules)
"""


def test_a_layer_pair_is_judged_without_loading_sympy():
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_the_elementwise_labels_are_the_scalar_rows_labels():
    from symgraph.core.primitives import PRIMITIVES
    from symgraph.tensor.table import OPS

    for row in OPS.values():
        if row.scalar and row.scalar in PRIMITIVES and row.arity == 1:
            assert row.label == PRIMITIVES[row.scalar].label(None)
