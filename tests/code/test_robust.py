"""Odd but harmless code never escapes as a traceback or an internal error: exit 0, 1 or 2, one message."""
import pytest

from tests.helpers import run

ODD = [
 "x = [[1, 2], [3]]\nf = x[0]\ndx = 1\n",
 "x = [1.0, 2.0]\nf = x @ x\ndx = x\n",
 "x = 1e308\nf = x * x\ndx = 2 * x\n",
 "x = [1.0]\nf = x[5]\ndx = 1\n",
 "x = 2.0\nf = x / 0\ndx = 1\n",
 "x = 2.0\nf = x ** 0.5\ndx = 0.5 / x ** 0.5\n",
 "x = -2.0\nf = x ** 0.5\ndx = 1\n",
 "x = [1.0, 2.0]\nf = x.sum()\ndx = [1.0]\n",
 "x = [1.0, 2.0]\nf = x.sum()\ndx = 'a'\n",
 "x = [1.0, 2.0]\nf = x.sum()\ndx = {'a': 1}\n",
 "x = [1.0, 2.0]\nf = x.sum()\ndx = None\n",
 "x = [1.0, 2.0]\nf = x.sum()\ndx = x[None]\n",
 "x = [1.0, 2.0]\nf = x.sum()\nfor i in range(2):\n    dx = x\n",
 "x = True\nf = x\ndx = 1\n",
 "import numpy as np\nx = [1.0, 2.0]\nf = np.sum(x, axis=3)\ndx = x\n",
 "import numpy as np\nx = [1.0, 2.0]\nf = np.sum(x)\ndx = np.ones_like(x).reshape(5)\n",
 "import numpy as np\nx = [1.0, 2.0]\nf = np.sum(x)\ndx = np.ones((2,))\ndx[7] = 1\n",
 "import numpy as np\nx = [1.0, 2.0]\nf = np.sum(x)\ndx, dy = 1\n",
 "def f_loss(x):\n    return x\n",
 "def f_loss(x):\n    return 1.0, x\n",
 "def a_forward(x):\n    return x\ndef a_backward(dout, cache):\n    return dout\n",
 "def a_forward(x):\n    return x * 2, x\ndef a_backward(dout, cache):\n    return dout.T.dot(cache)\n",
 "def a_forward(x):\n    return x * 2, x\ndef a_backward(dout):\n    return dout\n",
 "import numpy as np\ndef l_loss(x, y):\n    return np.sum(x[np.arange(3), y]), x\n",
 "import math\nx = 3.0\nf = math.log(x)\ndx = 1 / x\nprint(dx)\n",
 "import math\nx = 3.0\nf = math.log(-x)\ndx = 1 / x\n",
 "x = 3.0\nf = x\ndx = 1\ndx = 2\n",
 "x=3.0\nf=x\ndf=1\n",
 "x = [1.0, 2.0]\nf = x[0] if x[1] > 0 else x[1]\ndx = [1.0, 0.0]\n",
 "x = [1.0, 2.0]\nf = x[0:1].sum()\ndx = [1.0, 0.0]\n",
 "x = [1.0, 2.0]\nf = (x > 0).sum()\ndx = [0.0, 0.0]\n",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_code_gets_an_answer_or_a_refusal(text):
    result = run("check", "--code", "-", "--shapes", "x=3x4,y=3", input=text)
    assert result.output.strip()
    if result.exit_code == 2:
        assert result.output.startswith("error: ")
