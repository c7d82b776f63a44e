"""Hostile code is refused with its line and column, and never run."""
import pytest

from symgraph.code.check import check_code
from symgraph.errors import LimitError, SymgraphError
from tests.helpers import refused

HEAD = "import numpy as np\nx = [1.0, 2.0]\nf = x[0] * x[1]\n"     # a valid forward pass; line 4 is hostile


def _hostile(line: str) -> str:
    return HEAD + line + "\ndx = [x[1], x[0]]\n"


REFUSED = {
    "open": "open('{path}', 'w')",
    "eval": "eval('1')",
    "exec": "exec('open(\"{path}\", \"w\")')",
    "__import__": "__import__('os').system('touch {path}')",
    "dunder attribute": "g = np.__dict__",
    "dunder chain": "g = ().__class__.__bases__",
    "getattr": "g = getattr(np, 'save')",
    "other numpy name": "np.save('{path}', x)",
    "other method": "g = x.tofile('{path}')",
    "other import": "import os",
    "from import": "from os import system",
    "numpy under another name": "import numpy as os",
    "while": "while True:\n    pass",
    "lambda": "g = lambda: 1",
    "class": "class A:\n    pass",
    "with": "with x:\n    pass",
    "try": "try:\n    pass\nexcept Exception:\n    pass",
    "global": "global x",
    "comprehension": "g = [i for i in range(3)]",
    "decorator": "@np.vectorize\ndef g(a):\n    return a",
    "star args": "def g(*a):\n    return a",
    "format string": "g = '{{0.__class__}}'.format(1)",
    "f-string": "g = f'{{x}}'",
    "loop over a list": "for i in [1, 2]:\n    pass",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_line_and_column_and_never_run(name, tmp_path):
    path = tmp_path / "side_effect"
    text = _hostile(REFUSED[name].format(path=path))
    with pytest.raises(SymgraphError) as info:
        check_code(text)
    err = info.value
    assert err.column is not None and err.source == text
    assert text.count("\n", 0, err.column) + 1 == 4                # the hostile line
    assert "(line 4, column" in err.render() and err.render().splitlines()[-1].strip() == "^"
    assert not path.exists()


@pytest.mark.parametrize("line, limit", [
    ("for i in range(10 ** 9):\n    f = f", "step budget"),
    ("g = np.zeros((100000, 100000))", "size limit"),
    ("g = np.arange(10 ** 8)", "size limit"),
    ("n = 2 ** 62\ng = n * n", "2**63"),
])
def test_budgets_refuse_naming_the_limit(line, limit):
    with pytest.raises(SymgraphError) as info:
        check_code(_hostile(line))
    assert limit in info.value.message


def test_recursion_is_bounded():
    text = "def g(x):\n    return g(x)\n\n\ndef h_loss(x):\n    return g(x)\n"
    with pytest.raises(SymgraphError) as info:
        check_code(text, shapes="x=3")
    assert "depth limit" in info.value.message


def test_the_cli_refuses_with_exit_2_and_a_caret(tmp_path):
    path = tmp_path / "evil.py"
    marker = tmp_path / "pwned"
    path.write_text(_hostile(f"open('{marker}', 'w')"))
    lines = refused("check", "--code", str(path))
    assert lines[0] == "error: the built-in 'open' is not allowed in checked code (line 4, column 1)"
    assert lines[-1].strip() == "^" and not marker.exists()


def test_not_python_is_bad_input():
    lines = refused("check", "--code", "-", input="def f(:\n")
    assert lines[0].startswith("error: not Python")


def test_nothing_to_check_is_bad_input():
    lines = refused("check", "--code", "-", input="import numpy as np\n")
    assert "nothing to check" in lines[0]


def test_limit_errors_are_limit_errors():
    with pytest.raises(LimitError):
        check_code(_hostile("for i in range(10 ** 9):\n    f = f"))
