"""How the texts of a check were read: each claim's notes (notation/notes.py) in its verdict, and a word when
the verdict would flip under the other reading of an ambiguous input (``e^2x``, ``1/2x``, ``sin x^2``,
``log``...): the claim is judged again with every ambiguity read the other way."""
from __future__ import annotations

from symgraph.errors import SymgraphError
from symgraph.judging.judge import Verdict
from symgraph.notation.notes import collecting, in_play, other_reading, reading_other
from symgraph.notation.printer import explicit, program_reading


def read_claim(text: str, parse_any):
    """A claim's text read by ``parse_any`` (second.parse_second or parse_claim), with the notes about how
    its right side was read."""
    with collecting() as notes:
        claim = parse_any(text)
    claim.notes = notes
    return claim


def add_notes(verdict: Verdict, notes: list) -> None:
    """The readings another reader could take differently, in the verdict's note."""
    fresh = [n for k, n in enumerate(notes) if n not in verdict.note and n not in notes[:k]]
    if fresh:
        verdict.note = "; ".join(([verdict.note] if verdict.note else []) + ["read as written: " + "; ".join(fresh)])


def note_flips(run_check, source: str, program, parse_program, parsed: list, verdicts: list, point_names) -> None:
    """For each right or wrong claim whose input has another reading: judge it under that reading
    (``run_check(claim_text)`` inside other_reading) and say so in the verdict when the status differs."""
    if reading_other() or not (program.notes or any(getattr(c, "notes", None) for c in parsed)):
        return
    other = _other_program(parse_program, point_names)
    program_differs = other is not None and program_reading(other) != program_reading(program)
    for verdict, claim in zip(verdicts, parsed):
        if verdict.status not in ("right", "wrong") or not hasattr(claim, "rhs"):
            continue
        rhs = _other_rhs(claim) if getattr(claim, "notes", None) else None
        if not program_differs and rhs is None:
            continue
        with other_reading():
            try:
                alt = run_check(claim.text)
            except SymgraphError:
                continue
        if alt.status in ("right", "wrong") and alt.status != verdict.status:
            what = "; ".join(([f"the expression as {program_reading(other)}"] if program_differs else [])
                             + ([f"the right side as {rhs}"] if rhs else []))
            flip = f"under the other reading ({what}) this claim would be {alt.status}"
            if flip not in verdict.note:             # a claim at its own point (f'(2)) was judged by check itself
                verdict.note = "; ".join(([verdict.note] if verdict.note else []) + [flip])


def _other_program(parse_program, point_names):
    with other_reading(), in_play(point_names), collecting():
        try:
            return parse_program()
        except SymgraphError:
            return None


def _other_rhs(claim):
    """The claim's right side read the other way, when that differs from the reading taken."""
    from symgraph.core.parser import parse_expression

    with other_reading(), collecting():
        try:
            other = explicit(parse_expression(claim.rhs_text))
        except SymgraphError:
            return None
    return other if other != explicit(claim.rhs) else None
