"""``steps`` on hostile sizes (issue 22 items 6 and 9): --timeout bounds the whole run, and a deep input is
refused with the actual limit, not 'nested too deeply'."""
from symgraph.steps.derive import MAX_NESTING, nesting
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from tests.helpers import refused


def _chain(template: str, n: int) -> str:
    text = "x"
    for _ in range(n):
        text = template.format(text)
    return text


def test_a_long_product_of_distinct_inputs_is_refused_within_its_timeout():
    product = "*".join(f"x{i}" for i in range(150))      # 150 derivations of 150 steps each
    lines = refused("steps", product, "--timeout", "0.2")
    assert "did not finish within --timeout (0.2 s)" in lines[0] and "150 inputs" in lines[0]


def test_a_deep_sigmoid_chain_is_refused_with_the_limit_and_its_depth():
    lines = refused("steps", _chain("sigmoid({})", 150))
    assert f"nests 150 functions, powers and quotients deep" in lines[0]
    assert f"limited to {MAX_NESTING} levels" in lines[0]


def test_nesting_counts_functions_powers_and_quotients_but_not_sums_and_products():
    assert nesting(lower(parse("+".join(["x"] * 200)))) == 0
    assert nesting(lower(parse("*".join(["x"] * 200)))) == 0
    assert nesting(lower(parse(_chain("sin({})", 7)))) == 7
    assert nesting(lower(parse("exp(x)/(1 + y**2)"))) == 2      # the quotient over the power (or over exp)
