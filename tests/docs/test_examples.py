"""Every example of the manual and the README runs, and prints what the page says it prints.

One test per block, named FILE:LINE of its opening fence; the conventions and the normalization are in
tests/docs/examples.py (and the manual's "How the examples are tested")."""
import re

import pytest

from tests.docs import examples

BLOCKS = examples.runnable()


@pytest.mark.parametrize("block", BLOCKS, ids=[b.name for b in BLOCKS])
def test_example(block):
    failures = examples.check(block)
    assert not failures, f"{block.name}: the output differs from the page\n" + "\n".join(failures)


def test_every_page_has_examples_and_the_readme_has_five():
    readme = [b for b in BLOCKS if b.path.name == "README.md" and b.lang == "console"]
    assert len(readme) >= 5
    commands = {c.text.split()[1] for b in readme for c in examples.commands(b)}
    assert {"grad", "check", "steps", "graph"} <= commands and commands & {"hessian", "plot"}
    for page in ("grad", "check", "steps", "graph", "hessian", "plot"):
        assert any(b.path.name == f"{page}.md" for b in BLOCKS), page


def test_skipped_blocks_say_why():
    marked = [b for path in examples.documents() for b in examples.blocks(path) if b.no_run is not None]
    for block in marked:
        assert block.no_run, f"{block.name}: <!-- no-run: ... --> needs a reason"
    for path in examples.documents():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("<!--") and "no-run" in line:
                assert examples.NO_RUN.match(line), f"{path.name}:{number}: malformed marker {line!r}"


def test_shell_blocks_hold_no_symgraph_command():
    """A symgraph command shown in an sh/bash block would never run: it belongs in a console block."""
    for path in examples.documents():
        for block in examples.blocks(path):
            if block.lang in ("sh", "bash", "shell") and block.no_run is None:
                bad = [line for line in block.body if re.match(r"\s*(\$ )?symgraph ", line)]
                assert not bad, f"{block.name}: write {bad[0]!r} in a console block (or mark it no-run)"


def test_console_blocks_run_only_symgraph_and_cat():
    for block in BLOCKS:
        if block.lang == "console":
            for command in examples.commands(block):
                assert command.text.split()[0] in ("symgraph", "cat"), f"{block.name}: {command.text}"


def test_normalization():
    assert examples.normalize("took 0.12 s  \nin 3 ms\n\n") == "took <T> s\nin <T> ms\n"
    assert examples.normalize("wrote /tmp/abc/x.svg", "/tmp/abc") == "wrote ./x.svg\n"
