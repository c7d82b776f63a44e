"""The platforms' result formats, written down from their specifications as JSON-schema-like shapes, and a
small validator (no dependency): every required key present with its type, no unknown key.

* Gradescope's autograder results (results.json): score, execution_time, output, output_format,
  visibility, stdout_visibility, extra_data, leaderboard, tests[] with score, max_score, status, name,
  name_format, number, output, output_format, tags, visibility, extra_data.
* PrairieLearn's external grader results: gradable, score in [0, 1] (required when gradable), message,
  output, images, format_errors (a string or an array of strings), tests[] with name, description, points,
  max_points, message, output, images. PrairieLearn keeps any other key the grader adds.
"""
NUMBER = (int, float)
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}

GRADESCOPE_TEST = {"required": {}, "optional": {
    "score": NUMBER, "max_score": NUMBER, "status": str, "name": str, "name_format": str, "number": str,
    "output": str, "output_format": str, "tags": list, "visibility": str, "extra_data": dict}}
GRADESCOPE = {"required": {}, "optional": {
    "score": NUMBER, "execution_time": NUMBER, "output": str, "output_format": str, "visibility": str,
    "stdout_visibility": str, "extra_data": dict, "tests": list, "leaderboard": list}, "closed": True}

PL_TEST = {"required": {"name": str}, "optional": {
    "description": str, "points": NUMBER, "max_points": NUMBER, "message": str, "output": str, "images": list}}
PL = {"required": {}, "optional": {
    "gradable": bool, "score": NUMBER, "message": str, "output": str, "images": list, "format_errors": (str, list),
    "tests": list}, "closed": False}


def _shape(obj, shape, where, closed=True) -> None:
    assert isinstance(obj, dict), where
    for key, kind in shape["required"].items():
        assert key in obj, f"{where}: {key} is required"
    allowed = {**shape["required"], **shape["optional"]}
    for key, value in obj.items():
        if key not in allowed:
            assert not closed, f"{where}: unknown key {key}"
            continue
        assert isinstance(value, allowed[key]) and not (allowed[key] is NUMBER and isinstance(value, bool)), \
            f"{where}: {key} is {type(value).__name__}"


def validate_gradescope(results: dict) -> None:
    _shape(results, GRADESCOPE, "results")
    assert "score" in results or all("score" in t for t in results.get("tests", [])), \
        "score is required at the top or on every test"
    for k, test in enumerate(results.get("tests", [])):
        _shape(test, GRADESCOPE_TEST, f"tests[{k}]")
        assert test.get("status", "passed") in ("passed", "failed")
        assert test.get("visibility", "visible") in VISIBILITIES
        assert all(isinstance(t, str) for t in test.get("tags", []))
        if "max_score" in test:
            assert 0 <= test["score"] <= test["max_score"]
    assert results.get("visibility", "visible") in VISIBILITIES


def validate_prairielearn(results: dict) -> None:
    _shape(results, PL, "results", closed=False)
    if results.get("gradable", True):
        assert 0.0 <= results["score"] <= 1.0, "a gradable result needs score in [0, 1]"
    fe = results.get("format_errors", [])
    assert isinstance(fe, str) or all(isinstance(e, str) for e in fe)
    for k, test in enumerate(results.get("tests", [])):
        _shape(test, PL_TEST, f"tests[{k}]", closed=False)
        if "points" in test and "max_points" in test:
            assert 0 <= test["points"] <= test["max_points"]
