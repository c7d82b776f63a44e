"""Every row of the manual's notation tables (docs/notation.md), read as the table says (or refused as it says)."""
import pathlib
import re

import pytest

from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.errors import ParseError
from symgraph.judging.claims import parse_claim, resolve
from symgraph.judging.second import SecondClaim, parse_second
from symgraph.notation.printer import program_reading

README = (pathlib.Path(__file__).parents[2] / "docs" / "notation.md").read_text(encoding="utf-8")


def _rows(table: str) -> list:
    body = README.split(f"<!-- {table}:start -->")[1].split(f"<!-- {table}:end -->")[0]
    rows = [line.strip().strip("|").split(" | ") for line in body.strip().splitlines()[2:]]
    assert rows, table
    return [[cell.strip() for cell in row] for row in rows]


def _code(cell: str) -> str:
    return re.match(r"`([^`]+)`", cell).group(1)


NOTATIONS = _rows("notation-table")
CLAIMS = _rows("claim-table")


@pytest.mark.parametrize("what, written, reading", NOTATIONS, ids=[r[1] for r in NOTATIONS])
def test_every_notation_in_the_readme_reads_as_documented(what, written, reading):
    text = _code(written)
    syntax = "latex" if "--syntax latex" in written else None
    if reading.startswith("refused"):
        with pytest.raises(ParseError) as info:
            parse(text, syntax)
        detail = reading.split(":", 1)[1].split("(hint")[0].strip()
        said = info.value.message + " " + (info.value.hint or "")
        assert all(word in said for word in detail.replace("names the macro", "").split()), said
        assert info.value.column is not None            # always a caret
        return
    assert program_reading(parse(text, syntax)) == _code(reading)
    assert program_reading(parse(_code(reading), "plain")) == _code(reading)   # the reading reads as itself


# A program with an only variable x, a step y and the output f: every claim table row can be resolved.
PROGRAM = "y = x^2; f = 3y - 4x"


@pytest.mark.parametrize("written, reading", CLAIMS, ids=[r[0] for r in CLAIMS])
def test_every_claim_notation_in_the_readme_reads_as_documented(written, reading):
    text = _code(written) + " = 0"
    claim = parse_second(text) or parse_claim(text)      # second derivatives: symgraph.judging.second
    graph = lower(parse(PROGRAM))
    claim.resolve(graph) if isinstance(claim, SecondClaim) else resolve(claim, graph)
    assert claim.lhs == _code(reading)
