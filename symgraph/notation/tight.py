"""Powers and fractions written tight, without spaces, where readers differ (issue 23): ``e^2x`` is e^(2x)
and ``x^-1/2`` is x^(-1/2), each with a note; ``x^1/3`` keeps its reading (x^1)/3, with a note (``1/2x``:
divided.py). Under notes.other_reading each takes the other reading (e^2*x, (x^-1)/2, x^(1/3))."""
from __future__ import annotations

from symgraph.core.primitives import FUNCTIONS
from symgraph.notation.notes import note, reading_other

_POWER = ("^", "**")


def _is_function(tok) -> bool:
    return tok.kind == "name" and (tok.text in FUNCTIONS or tok.text.startswith("log_"))


def tight_powers(tokens: list, source: str) -> tuple:
    """``e^2x`` -> ``e^(2x)`` and ``x^-1/2`` -> ``x^(-1/2)`` when written without spaces, with a note."""
    out, i, n, count = [], 0, len(tokens), 0
    Token = type(tokens[0])
    while i < n:
        tok = tokens[i]
        if tok.text == "^" and out and i + 2 < n:
            k = i + 1 + (tokens[i + 1].text == "-")
            run = _tight_run(tokens, i, k)
            if run:
                _tight_note(tokens, out, i, k, run, source)
            # x^1/3 keeps its reading (x^1)/3 (with a note); e^2x and x^-1/2 take the textbook's
            if run and (run[1].text == "/" and k == i + 1) != reading_other():
                run = []
            elif run:
                end = run[-1]
                out += [tok, Token("op", "(", tokens[i + 1].col)] + tokens[i + 1:k] + run
                out.append(Token("op", ")", end.col + len(end.text) - 1))
                i = k + len(run)
                count += 1
                continue
        out.append(tok)
        i += 1
    return out, count


def _tight_note(tokens: list, out: list, i: int, k: int, run: list, source: str) -> None:
    end = run[-1]
    base = out[-1].text if out[-1].kind in ("name", "num") else "(...)"
    expo = source[tokens[i + 1].col:end.col + len(end.text)]
    first = source[tokens[i + 1].col:run[0].col + len(run[0].text)]
    if run[1].text == "/" and k == i + 1:
        note(f"{base}^{expo} is read as ({base}^{first})/{end.text}; for {base} to the power {expo} "
             f"write {base}^({expo})")
    elif run[1].text == "/":
        note(f"{base}^{expo} is read as {base}^({expo}); for {base}^{first} divided by {end.text} "
             f"write ({base}^{first})/{end.text}")
    else:
        note(f"e^{expo} is read as e^({expo}); for e^{first} times {end.text} write e^{first}*{end.text}")


def _adjacent(a, b) -> bool:
    return a.col + len(a.text) == b.col


def _tight_run(tokens: list, i: int, k: int) -> list:
    """The exponent tokens of a tight ``e^2x`` (num, name) or ``x^-1/2`` (num, '/', num), or []."""
    if not all(_adjacent(tokens[j], tokens[j + 1]) for j in range(i, k)) or tokens[k].kind != "num":
        return []
    base = tokens[i - 1] if i else None
    if tokens[k + 1].text == "/" and tokens[k + 2].kind == "num" and _adjacent(tokens[k], tokens[k + 1]) \
            and _adjacent(tokens[k + 1], tokens[k + 2]) and tokens[k + 3].text not in _POWER + ("(",) \
            and not (tokens[k + 3].kind in ("name", "num") and _adjacent(tokens[k + 2], tokens[k + 3])):
        return tokens[k:k + 3] if k > i + 1 or tokens[k].text == "1" else []     # x^-2/3, x^1/3: not x^2/3
    if base is not None and base.text == "e" and base.kind == "name" and tokens[k + 1].kind == "name" \
            and _adjacent(tokens[k], tokens[k + 1]) and not _is_function(tokens[k + 1]) \
            and tokens[k + 2].text != "(":
        return tokens[k:k + 2]
    return []
