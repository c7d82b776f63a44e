"""The grad pipeline and its JSON schema (symgraph.grad/1): keys and types that programs rely on."""
import json
import math

import pytest

from symgraph.errors import PointError
from symgraph.pipeline import grad

NUMBER = (int, float)


def assert_schema(doc):
    assert doc["schema"] == "symgraph.grad/1"
    for key, kind in [("expression", str), ("output", str), ("at", dict), ("value", NUMBER), ("wrt", list),
                      ("gradient", dict), ("symbolic", dict), ("checks", list), ("ok", bool),
                      ("warnings", list), ("graph", dict), ("timings", dict), ("cost", dict)]:
        assert isinstance(doc[key], kind), key
    assert doc["forward"] is None or isinstance(doc["forward"], dict)
    assert set(doc["gradient"]) == set(doc["wrt"])
    for var, entry in doc["symbolic"].items():
        assert isinstance(entry["derivative"], str) and isinstance(entry["value"], (*NUMBER, str))
    for check in doc["checks"]:
        for key in ("name", "lhs", "rhs", "status", "ok", "max_abs_error", "max_rel_error", "note"):
            assert key in check, key
        assert check["ok"] in (True, False, None)
        assert check["status"] in ("ok", "mismatch", "skipped", "not comparable")
    assert set(doc["timings"]) == {"parse", "lower", "evaluate", "forward", "reverse", "check"}
    assert all(isinstance(t, float) and t >= 0 for t in doc["timings"].values())
    graph = doc["graph"]
    assert isinstance(graph["output"], int)
    for node in graph["nodes"]:
        for key in ("id", "name", "op", "inputs", "value", "adjoint", "local"):
            assert key in node, key
        assert all(u < node["id"] for u in node["inputs"])
        assert len(node["local"]) == len(node["inputs"])
        for edge in node["local"]:
            assert set(edge) >= {"input", "symbolic", "value"}
    json.dumps(doc, allow_nan=False)     # always valid JSON


def test_json_schema_on_the_seed_example():
    doc = grad("(2*x1+3*x2)-4*x1*x2", "x1=1,x2=2").to_dict()
    assert_schema(doc)
    assert doc["gradient"] == {"x1": -6.0, "x2": -1.0}
    assert doc["forward"] == {"x1": -6.0, "x2": -1.0}
    assert doc["ok"] is True
    names = {c["name"] for c in doc["checks"]}
    assert {"forward vs reverse", "gradient: graph vs SymPy", "gradient: graph vs finite differences"} <= names


def test_json_schema_with_named_steps_and_a_kink():
    doc = grad("g = x - 1; f = abs(g) + g**2", "x=1").to_dict()
    assert_schema(doc)
    assert any("abs" in w and "abs'(0) = 0" in w for w in doc["warnings"])
    names = [n["name"] for n in doc["graph"]["nodes"]]
    assert "g" in names and "f" in names


def test_point_values_may_be_constant_expressions():
    report = grad("sin(x)", "x=pi/6")
    assert report.value == pytest.approx(0.5, rel=1e-15)
    assert report.gradient["x"] == pytest.approx(math.sqrt(3) / 2, rel=1e-15)


def test_wrt_subset_and_modes():
    report = grad("x*y + y", "x=2,y=3", wrt=["y"], mode="reverse")
    assert report.gradient == {"y": 3.0} and report.forward is None
    report = grad("x*y + y", "x=2,y=3", mode="forward")
    assert report.gradient == {"x": 3.0, "y": 3.0}


@pytest.mark.parametrize("at, fragment", [
    ("x=1", "missing a value for y"),
    ("x=1,y=2,z=3", "z"),
    ("x=1,x=2,y=1", "given twice"),
])
def test_bad_points_name_the_variable(at, fragment):
    with pytest.raises(PointError) as info:
        grad("x*y", at)
    assert fragment in info.value.message


def test_unknown_wrt_is_named():
    with pytest.raises(PointError, match="q"):
        grad("x*y", "x=1,y=2", wrt=["q"])


def test_a_singularity_rounded_away_is_reported_not_called_a_mismatch():
    # sin(pi) is 0 exactly, but sin(float(pi)) is 1.2e-16: the graph computes at the float neighbour.
    report = grad("1/sin(x)", "x=pi")
    assert report.ok
    assert any("undefined at x = pi exactly" in w for w in report.warnings)
    assert report.value == pytest.approx(1 / math.sin(math.pi), rel=1e-12)


def test_sympy_compares_at_the_float_point():
    report = grad("tan(x)", "x=1.5707963")      # ill-conditioned near the pole at pi/2
    sympy_check = next(c for c in report.checks if c.name == "gradient: graph vs SymPy")
    assert sympy_check.status == "ok"


@pytest.mark.parametrize("expr, at", [("1/x", "x=1e-300"), ("1/sin(x)", "x=1e-300"), ("1/x**2", "x=1e-150")])
def test_a_derivative_beyond_float64_is_refused_not_printed_as_inf(expr, at):
    from symgraph.errors import DomainError

    with pytest.raises(DomainError, match="beyond the float64 range"):
        grad(expr, at)


@pytest.mark.parametrize("content, fragment", [
    ('{"x": ' + "9" * 5000 + ', "y": 2}', "5,000 characters"),
    ('{"x": 1e-400, "y": 2}', "below float64"),
])
def test_json_points_get_the_same_literal_checks_as_at(tmp_path, content, fragment):
    path = tmp_path / "p.json"
    path.write_text(content)
    with pytest.raises(PointError, match=fragment):
        grad("x + y", f"@{path}")


def test_forward_mode_is_skipped_when_it_would_cost_far_more_than_reverse(monkeypatch):
    import symgraph.pipeline as pipeline

    monkeypatch.setattr(pipeline, "FORWARD_AUTO_LIMIT", 10)     # a tiny budget instead of a huge input
    report = grad("x1*x2 + x2*x3 + x3*x1", "x1=1,x2=2,x3=3")
    assert report.forward is None and report.cost["forward"]["skipped"] is True
    assert report.gradient == {"x1": 5.0, "x2": 4.0, "x3": 3.0}                  # by hand: x2+x3, x1+x3, x2+x1
    assert any("forward mode skipped" in w for w in report.warnings) and report.ok
    assert grad("x1*x2 + x2*x3 + x3*x1", "x1=1,x2=2,x3=3", mode="forward").forward["x1"] == 5.0


def test_the_library_takes_a_dict_point():
    report = grad("x*y", {"x": 2, "y": "pi/4"})
    assert report.gradient == {"x": pytest.approx(math.pi / 4), "y": 2.0}
    with pytest.raises(PointError, match="'y'"):
        grad("x*y", {"x": 2, "y": None})


def test_forward_only_does_not_compare_forward_with_itself():
    report = grad("x*y + sin(x)", "x=1,y=2", mode="forward")
    assert "forward vs reverse" not in {c.name for c in report.checks}
    assert all("reverse" not in c.lhs for c in report.checks)
    assert report.gradient["x"] == pytest.approx(2 + math.cos(1))


def test_skipped_checks_are_listed_in_warnings():
    report = grad("sqrt(x)", "x=1e-12")          # a finite-difference step would leave the domain
    assert any("finite differences" in w and "leaves the domain" in w for w in report.warnings)


def test_automatic_names_never_look_like_the_users():
    report = grad("v1*v1_ + sin(v1)", "v1=1,v1_=2")
    auto = [n["name"] for n in report.graph["nodes"] if not n["names"]]
    assert auto == ["#1", "#2"]


@pytest.mark.parametrize("expr, at, slope", [("relu(x)", "x=1e-13", 1.0), ("relu(x - 5e-13)", "x=0", 0.0),
                                             ("abs(x)", "x=-1e-200", -1.0)])
def test_exact_points_near_a_kink_are_not_kinks(expr, at, slope):
    # The inputs are exact, so the argument is not 0 "up to rounding": the slope is the ordinary one.
    report = grad(expr, at)
    assert report.gradient["x"] == slope and not report.warnings


def test_a_rounded_point_on_a_kink_is_a_kink():
    # sin(pi) is 1.2e-16 in float64 only because pi was rounded: abs is at its kink up to that rounding.
    report = grad("abs(sin(x))", "x=pi")
    assert any("up to the float64 rounding" in w for w in report.warnings)


def test_ill_conditioned_points_widen_the_tolerance_to_float64_rounding():
    # x*1e6 at x = 1000.1 rounds by ~1e-7, so cos of it is only good to ~1e-7 in any float64 program.
    report = grad("cos(x*1e6)", "x=1000.1")
    check = next(c for c in report.checks if c.name == "gradient: graph vs SymPy")
    assert check.status == "ok" and "ill-conditioned" in check.note
    exact = -1e6 * math.sin(1e6 * 1000.1)          # float64 itself: agrees to about 1e-7 relative
    assert report.gradient["x"] == pytest.approx(exact, rel=1e-6)


def test_cancellation_that_ruins_the_gradient_is_still_reported():
    # (exp(x) - 1)/x at 1e-8: f is 1 + x/2 + ..., so df/dx = 1/2; float64 cancellation gives nonsense.
    report = grad("(exp(x) - 1)/x", "x=1e-8")
    assert not report.ok


def test_x_to_the_zero_at_zero_is_the_constant_one():
    assert grad("x**0", "x=0").gradient == {"x": 0.0}
    assert grad("(x-1)**0 + x", "x=1").gradient == {"x": 1.0}


def test_unused_statements_are_summarized_in_one_warning():
    source = "\n".join(f"a{i} = sin(x)*{i}" for i in range(50)) + "\nf = x*x"
    warnings = grad(source, "x=1", trace=False).warnings
    assert len(warnings) == 1 and "and 42 more" in warnings[0]


def test_graph_rows_are_built_on_first_read_and_equal_the_eager_rows():
    """GradReport.graph is lazy: the plain trace never builds it, and the rows read later are the JSON's; the trace's summary of named steps comes from the graph."""
    from symgraph.core.lower import lower
    from symgraph.core.parser import parse

    source = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
    report = grad(source, "x1=1,x2=2")
    text = report.to_text()
    assert callable(report._graph)                      # not built by the plain trace
    assert "named steps: g1, g2, f" in text
    rows = report.graph
    assert rows is report.graph                          # built once
    names = [n["name"] for n in rows["nodes"]]
    assert {"x1", "x2", "g1", "g2", "f"} <= set(names)
    assert json.loads(report.to_json())["graph"] == json.loads(json.dumps(rows))
    assert len(rows["nodes"]) == len(lower(parse(source)).nodes)
    by_name = {n["name"]: n for n in rows["nodes"]}
    assert by_name["f"]["value"] == 0.0                  # 8 - 4*2
    assert by_name["x1"]["adjoint"] == -6.0 and by_name["x2"]["adjoint"] == -1.0   # the seed's numbers
