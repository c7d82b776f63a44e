"""Practice mode in a real browser (issue 24): the page hides each tangent and adjoint until the learner types
it, judges the typed value with check's rounding rule, says right or wrong (with the step's rule and pieces
when wrong), keeps a score, works from file:// with the keyboard alone. The true values come from the JSON
report of the same run; the page's judge is compared with check's (symgraph/judging/judge.py) on a table."""
import json
import math

import pytest

from symgraph.judging.claims import parse_claim
from symgraph.judging.judge import Verdict, judge_numeric
from tests.helpers import EXAMPLES, run

NEURON = ["@" + str(EXAMPLES / "sigmoid_neuron.txt"), "--at", "@" + str(EXAMPLES / "sigmoid_neuron.point.json")]
TWO = ["x*y + sin(x)", "--at", "x=1,y=2"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("practice")
    out = {}
    for name, args in (("neuron", NEURON), ("two", TWO)):
        page = folder / f"{name}.html"
        assert run("grad", *args, "--practice", "-o", str(page)).exit_code == 0
        plain = folder / f"{name}-plain.html"
        assert run("grad", *args, "-o", str(plain)).exit_code == 0
        report = json.loads(run("grad", *args, "--format", "json").output)
        out[name] = page, plain, report
    return out


def _question(page):
    return page.inner_text("#practice-ask") if page.is_visible("#practice-form") else None


def _answer(page, text):
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def _true_values(report) -> dict:
    """{"dv/dx": tangent along the first input, "df/dv": the final adjoint} from the JSON graph."""
    x, out = report["wrt"][0], report["output"]
    values = {}
    for row in report["graph"]["nodes"]:
        values[f"d{row['name']}/d{x}"] = row["tangent"][x]
        values[f"{out}|{row['name']}"] = row["adjoint"]
    return values


def test_keyboard_only_run_with_right_answers_scores_full_marks(page, pages):
    path, _, report = pages["two"]
    page.goto(path.as_uri())
    assert page.is_checked("#practice-toggle") and page.is_visible("#practice")
    truth = _true_values(report)
    asked = 0
    n = int(page.inner_text("#step-index").split("/")[1])
    for _ in range(4 * n):
        question = _question(page)
        if page.inner_text("#step-index") == f"{n}/{n}" and question is None:
            break
        if question is None:
            page.keyboard.press("ArrowRight")
            continue
        ask = question.removeprefix("Type ").removesuffix(" =")
        # hidden until typed: the cell the question fills is blank or still shows the value before the step
        assert page.is_disabled("#next") and not page.is_visible("#results")
        text = page.inner_text("#step-text")
        assert text.endswith("= ?")
        if text.startswith("forward: "):
            value = truth[ask]
            assert page.locator("#table tr.current td.tangent").inner_text() == ""
        else:                     # an adjoint, possibly part-way through its accumulation
            value = _accumulated(page, report, text)
        _answer(page, repr(value))
        assert page.inner_text("#practice-feedback").startswith("✓ right")
        asked += 1
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#step-index") == f"{n}/{n}"
    assert page.inner_text("#practice-score") == f"Final score: {asked} of {asked} right ({asked} questions)."
    # every tangent of an operation node (3 for x*y + sin(x)) and every backward accumulation but the seed
    assert asked == 3 + len([r for r in report["graph"]["nodes"] for _ in r["inputs"]])
    assert page.is_visible("#results")
    assert page.errors == []


def _accumulated(page, report, text):
    """The adjoint after this accumulation: the JSON's final adjoint when this is the node's last one."""
    name = text.split("backward: d")[1].split("/d")[1].split(" ")[0]
    row = next(r for r in report["graph"]["nodes"] if r["name"] == name)
    users = [r for r in report["graph"]["nodes"] if row["id"] in r["inputs"]]
    assert len(users) <= 2
    cell = page.locator("#table tr.current td.adjoint").inner_text()
    if cell == "":                              # the first accumulation of this node
        first = next(s for s in users if s["name"] == text.split("·∂")[1].split("/")[0])
        local = next(p["value"] for p in first["local"] if p["input"] == row["id"])
        return first["adjoint"] * local
    return row["adjoint"]


def test_a_wrong_answer_shows_the_rule_and_the_pieces_and_counts(page, pages):
    path, _, report = pages["neuron"]
    page.goto(path.as_uri())
    while _question(page) is None:
        page.keyboard.press("ArrowRight")
    ask = _question(page)
    _answer(page, "12345")
    feedback = page.inner_text("#practice-feedback")
    assert feedback.startswith("✗ wrong: you typed 12345") and "The rule: " in feedback
    assert "Σ over the inputs u" in feedback and "∂" in feedback           # the tangent's rule and its pieces
    assert page.locator("#practice-feedback li").count() >= 1
    assert "0 of 1 right" in page.inner_text("#practice-score")
    assert not page.is_disabled("#next") and ask
    page.keyboard.press("ArrowRight")
    assert page.errors == []


def test_not_a_number_is_not_judged_and_show_the_answer_reveals_it(page, pages):
    path, _, _ = pages["two"]
    page.goto(path.as_uri())
    while _question(page) is None:
        page.keyboard.press("ArrowRight")
    _answer(page, "two")
    assert page.inner_text("#practice-feedback").startswith("Type a number")
    assert _question(page) is not None and "0 of 0 right" in page.inner_text("#practice-score")
    page.click("#practice-reveal")
    assert page.inner_text("#practice-feedback").startswith("✗ shown")
    assert page.locator("#table tr.current td.tangent").inner_text() != ""
    assert page.errors == []


def test_the_toggle_turns_practice_on_in_a_plain_page_with_the_keyboard(page, pages):
    _, plain, _ = pages["two"]
    page.goto(plain.as_uri())
    assert not page.is_checked("#practice-toggle") and not page.is_visible("#practice")
    page.focus("#practice-toggle")
    page.keyboard.press("Space")
    assert page.is_checked("#practice-toggle") and page.is_visible("#practice")
    assert page.inner_text("#step-index").startswith("0/")
    page.keyboard.press("Space")                                   # and off again: a plain stepper
    page.focus("#next")
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    assert _question(page) is None
    assert page.errors == []


# --- the page's judge and check's judge agree --------------------------------------------------------------
CASES = [("-0.20", -0.1966), ("-0.2", -0.1966), ("-0.19", -0.1966), ("4.3", 4.3548), ("4.4", 4.3548),
         ("4.35", 4.3548), ("4.355", 4.3548), ("0.393224", 0.3932238664829637), ("0.39322", 0.3932238664829637),
         ("0.3932", 0.3932238664829637), ("1", 1.0), ("1", 1.0000009), ("1", 1.000002), ("1.", 1.4),
         (".5", 0.54), (".5", 0.56), ("1.5e-3", 0.00149), ("1.5e-3", 0.00156), ("1e-3", 0.001), ("2e2", 200.0000001),
         ("-0.0", 0.04), ("0.25", 0.255), ("0.25", 0.2549999999), ("2.5", 2.55), ("-1.5", -1.45),
         ("−0.5", -0.5), ("0.125", 0.1255), ("100.0", 100.05), ("3.14159", math.pi), ("3.1416", math.pi),
         ("0.1", 0.15), ("0.1", 0.05), ("1.25E2", 125.4), ("7", 7.0000071), ("0.000001", 0.0)]


def _check_says(typed: str, truth: float) -> bool:
    claim = parse_claim(f"df/dx = {typed}")
    claimed = -float(typed.lstrip("−-")) if typed.startswith(("-", "−")) else float(typed)
    verdict = Verdict(claim.text, "df/dx", "numeric", "", "", "", "")
    return judge_numeric(verdict, truth, claimed, claim, None).status == "right"


def test_the_pages_judge_is_checks_rounding_rule(page, pages):
    page.goto(pages["two"][0].as_uri())
    page_says = page.evaluate("cases => cases.map(c => window.symgraphJudge(c[0], c[1]).right)", CASES)
    check_says = [_check_says(typed, truth) for typed, truth in CASES]
    assert page_says == check_says
    assert True in check_says and False in check_says
    assert page.evaluate("() => [window.symgraphJudge('two', 1), window.symgraphJudge('', 1)]") == [None, None]
