"""The direction of the directional checks: scaled to unit length (said so), a zero one refused; --mode
reverse reports u·∇f from reverse mode, not "by forward mode"."""
import numpy as np
import pytest

import symgraph
from symgraph.errors import SymgraphError
from tests.helpers import refused, run


def test_a_huge_direction_is_scaled_to_unit_length():
    r = symgraph.grad("sum(w*w)", {"w": [1.0, 2.0]}, direction={"w": [1e308, 1e308]})
    # u = (1, 1)/sqrt(2), grad = 2w = (2, 4): u·∇f = 6/sqrt(2), by hand
    assert np.isclose(r.directional, 6 / np.sqrt(2), rtol=1e-14) and r.ok
    out = run("grad", "sum(w*w)", "--at", "w=[1,2]", "--direction", "w=[3,4]").output
    assert "scaled to unit length (its length was 5)" in out and "u·∇f by forward mode = 4.4" in out


def test_a_zero_direction_is_refused():
    assert "--direction is zero" in refused("grad", "sum(w*w)", "--at", "w=[1,2]", "--direction", "w=[0,0]")[0]
    with pytest.raises(SymgraphError, match="zero"):
        symgraph.grad("sum(w*w)", {"w": [1.0, 2.0]}, direction={"w": [0.0, 0.0]})


def test_reverse_mode_does_not_claim_forward_mode():
    out = run("grad", "sum(w*w)", "--at", "w=[1,2]", "--direction", "w=[3,4]", "--mode", "reverse").output
    assert "u·∇f by reverse mode = 4.4" in out and "forward mode" not in out.split("direction u:")[1]
