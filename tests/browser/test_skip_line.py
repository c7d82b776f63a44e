"""Without chromium the browser tests are skipped with one clear line saying how to enable them."""
import os
import subprocess
import sys

from tests.helpers import ROOT


def test_without_chromium_one_skipped_line_says_how(tmp_path):
    env = dict(os.environ, PATH=str(tmp_path), PYTHONPATH=str(ROOT))     # a PATH with no chromium on it
    env.pop("SYMGRAPH_CHROMIUM", None)
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             str(ROOT / "tests" / "browser" / "test_stepper.py")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED:")]
    assert len(lines) == 1 and "apt-get install -y chromium" in lines[0], result.stdout
    assert "passed" not in result.stdout
