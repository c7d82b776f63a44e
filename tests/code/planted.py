"""Helpers of the check --code tests: the example files, and planting one edit into one of them."""
import pathlib

from symgraph.code.check import check_code

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples" / "code"
SHAPES = "x=NxD,w=DxM,b=M,y=N,gamma=D,beta=D,W1=DxH,b1=H,W2=HxC,b2=C,X=NxD,W=DxC"


def source(name: str) -> str:
    return (EXAMPLES / name).read_text()


def plant(name: str, old: str, new: str) -> str:
    text = source(name)
    assert text.count(old) == 1, old
    return text.replace(old, new)


def check(text: str, **kw):
    kw.setdefault("shapes", SHAPES)
    kw.setdefault("at", {"reg": 0.1})
    return check_code(text, **kw)


def first_mistake(report):
    """(line, name, mistake id or None) of the first wrong line."""
    first = report.first_wrong
    row = next(r for r in report.lines if r.line == first["line"] and r.name == first["name"])
    return first["line"], first["name"], row.diagnosis["mistake"] if row.diagnosis else None


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)
