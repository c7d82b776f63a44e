"""Plain-text feedback for one graded claim and one graded answer, from the batch's JSON (a finished
report): what the platforms (Gradescope, PrairieLearn) show a student next to the points, and the
results.json text they read it from."""
from __future__ import annotations

import json

from symgraph.safe_text import json_text

REVIEW = "needs review: a time limit decided this grade, so a teacher will look at it"


def claim_text(claim: dict) -> str:
    """One line (or a few) saying what was decided about the claim and why."""
    status, method = claim["status"], claim["method"]
    if method == "malformed":
        return f"could not be read: {claim['note']}"
    if status == "right":
        how = {"proved": "proved equal to the true derivative",
               "at the point": f"matches the true value {claim['expected']} ({claim['tolerance']})",
               "at a kink": claim["note"]}.get(method, claim["note"])
        text = f"right: {how}"
    elif status == "wrong":
        text = f"wrong: {_why_wrong(claim)}"
        if claim.get("diagnosis"):
            text += f"\n{claim['diagnosis']['text']} ({_mistakes(claim)})"
    else:
        text = f"not decided: {claim['note'] or method}"
    if claim.get("needs_review"):
        text += f"\n{REVIEW}"
    return text


def _why_wrong(claim: dict) -> str:
    c = claim.get("counterexample")
    if claim["method"] == "counterexample" and c:
        where = ", ".join(f"{k} = {v}" for k, v in c["point"].items())
        return f"at {where} the true derivative is {c['expected']:.6g}, yours is {c['got']:.6g}"
    if claim["method"] in ("at a kink", "random inputs"):      # random inputs: check --code's lines
        return claim["note"]
    return f"the true value is {claim['expected']}, yours is {claim['got']} (tolerance: {claim['tolerance']})"


def _mistakes(claim: dict) -> str:
    d = claim["diagnosis"]
    return ", ".join([d["mistake"]] + [a["mistake"] for a in d.get("also", [])])


def tags(claim: dict) -> list:
    """The mistake ids diagnosed in the claim (a platform's tags)."""
    return _mistakes(claim).split(", ") if claim.get("diagnosis") else []


def tests(result: dict, prefix: str = "") -> list:
    """One test per claim of a graded answer ({name, earned, possible, passed, text, tags, needs_review}),
    then one per missing required claim, or one for an answer that could not be graded."""
    name = f"{prefix}{result['problem']}"
    if result["report"] is None:
        text = f"not graded: {result['error']}" + (f"\n{REVIEW}" if result["needs_review"] else "")
        return [_test(name, 0.0, result["points_possible"], False, text, [], result["needs_review"])]
    out = [_test(f"{name}: {c['claim']}", c["points"], c["points_possible"], c["ok"] is True, claim_text(c),
                 tags(c), c.get("needs_review", False)) for c in result["report"]["claims"]]
    out += [_test(f"{name}: {m['lhs']} (required)", 0.0, m["points_possible"], False,
                  f"missing: the problem asks for {m['lhs']}", [], False) for m in result["missing"]]
    return out


def _test(name, earned, possible, passed, text, mistakes, review) -> dict:
    return {"name": name, "earned": earned, "possible": possible, "passed": passed, "text": text,
            "tags": mistakes, "needs_review": review}


def json_document(results: dict) -> str:
    """A platform's results.json as text: ``json.dumps`` of the raw strings, then ``safe_text.json_text``
    (C1, DEL, bidirectional controls, lone surrogates and non-characters as ``\\u`` escapes), so that a
    student's name or a file's name with any character is valid JSON, reads back as written, and drives no
    terminal it is printed on. Never terminal-escaped text inside: ``\\x9b`` is no JSON escape."""
    return json_text(json.dumps(results, indent=2, ensure_ascii=False)) + "\n"
