"""Random token soups and random point texts: the tensor route answers or refuses with a SymgraphError, never
another exception (which would be exit 3, our bug)."""
import numpy as np
from hypothesis import HealthCheck, given, settings, strategies as st

from symgraph.errors import SymgraphError
from symgraph.tensor.pipeline import tensor_grad
from symgraph.tensor.values import parse_arrays

TOKENS = ["W", "x", "b", "y", "@", "+", "-", "*", "/", "**", "(", ")", "[", "]", ",", ":", ".T", "0", "1", "-1",
          "2.5", "sum(", "mean(", "dot(", "outer(", "norm(", "softmax(", "logsumexp(", "relu(", "exp(", "log(",
          "max(", "pick(", "axis=", "axis=-1", ";", "f =", "\n", " "]
POINT = {"W": np.array([[1.0, -2.0, 0.5], [0.3, 0.1, -1.0]]), "x": np.array([0.5, -1.0, 2.0]),
         "b": np.array(0.25), "y": np.array([1.0, 0.0])}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14))
def test_token_soups_answer_or_refuse(tokens):
    source = " ".join(tokens)
    try:
        r = tensor_grad(source, POINT, mode="reverse", check="none")
    except SymgraphError as exc:
        exc.render()
        return
    assert all(np.all(np.isfinite(g)) for g in r.gradient.values())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="w=[]0123456789.,-+e x@pina/", max_size=30))
def test_point_texts_answer_or_refuse(text):
    try:
        values = parse_arrays(text)
    except SymgraphError as exc:
        exc.render()
        return
    assert all(v.dtype == np.float64 and np.all(np.isfinite(v)) for v in values.values())
