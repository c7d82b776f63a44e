"""Find and run the examples of the manual (docs/**/*.md) and the README, and compare their output.

The conventions (the manual's "How the examples are tested" says the same):

* A fenced block tagged ``console`` holds commands, each on a line that starts with ``$ `` and is
  ``symgraph ARGS`` or ``cat FILE``; a line ending in `` \\`` continues on the next. The lines up to
  the next ``$ `` line are that command's expected output: stdout and stderr interleaved, as a
  terminal in a pipe gets them (click's CliRunner, in process: terminal width 100 and ``COLUMNS=100``
  for click's help text, no colour, ``NO_COLOR=1``, stdin empty; symgraph's plain layout for a pipe is
  200 columns wide whatever the terminal, so long lines appear as a pipe shows them). The exit code is not shown; an exit code of 3 or an
  escaped exception fails the example whatever it printed.
* A fenced block tagged ``pycon`` is a doctest (``>>> `` and ``... `` prompts, then the expected
  output), run by the standard library's ``doctest`` (DocTestParser and DocTestRunner) with ELLIPSIS.
* ``<!-- no-run: REASON -->`` on the line right before a fence skips that block; REASON must not be
  empty. Other fences (``text``, ``json``, ``toml``, ``python``, ``sh``...) are illustrations and are not
  run, but an ``sh``/``bash`` fence may not hold a ``symgraph`` command line: write it as ``console`` (or
  mark it no-run and say why).
* Each block runs in its own temporary working directory holding a copy of ``examples/``, so
  ``@examples/...`` works as from the repository root and files a command writes (``-o neuron.svg``)
  land there and are thrown away. The blocks of one file do not share files.

Normalization, applied to the expected and the actual output alike before comparing:

* trailing spaces at the end of each line, and blank lines at the end, are dropped;
* the temporary directory's absolute path is written ``.`` (a path ``/tmp/xyz/neuron.svg`` reads
  ``./neuron.svg``);
* durations (a number followed by ``s``, ``ms`` or ``seconds``, e.g. ``0.12 s``) read ``<T> s``, so
  timings never fail an example;
* ``...`` in the expected output matches any text, several lines included (doctest's ELLIPSIS), for
  long outputs shown in part.

``python -m tests.docs.examples FILE...`` prints each failing block's difference; ``--update`` also
rewrites the expected output of every failing console block that has no ``...`` with what the command
printed (read the result before committing it: it is a manual).
"""
from __future__ import annotations

import contextlib
import dataclasses
import doctest
import io
import os
import pathlib
import re
import shlex
import shutil
import sys
import tempfile
from typing import List, Optional

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUN = ("console", "pycon")
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<lang>[\w+-]*)")
NO_RUN = re.compile(r"^\s*<!--\s*no-run:(?P<reason>.*?)-->\s*$")
DURATION = re.compile(r"\b\d+(?:\.\d+)?(?:e-?\d+)?\s?(?:ms|s|seconds)\b")
WIDTH = 100


@dataclasses.dataclass
class Block:
    path: pathlib.Path          # the Markdown file
    line: int                   # 1-based line of the opening fence
    lang: str
    body: List[str]             # the lines between the fences, the fence's indentation removed
    indent: str
    no_run: Optional[str]       # the reason, when the line before the fence is a no-run marker

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def documents() -> List[pathlib.Path]:
    """The Markdown files whose examples run: README.md and docs/**/*.md."""
    return [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))


def blocks(path: pathlib.Path) -> List[Block]:
    """Every fenced block of ``path``, in order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence = m.group("indent"), m.group("fence")
        close = re.compile(r"^" + re.escape(indent) + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        marker = NO_RUN.match(lines[i - 1]) if i else None
        body = [line[len(indent):] if line.startswith(indent) else line.lstrip() for line in lines[i + 1:j]]
        found.append(Block(path, i + 1, m.group("lang").lower(), body, indent,
                           marker.group("reason").strip() if marker else None))
        i = j + 1
    return found


def normalize(text: str, workdir: Optional[str] = None) -> str:
    if workdir:
        text = text.replace(workdir, ".")
    text = DURATION.sub(lambda m: "<T> " + re.sub(r"^[\d.e-]+\s?", "", m.group()), text)
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n").strip("\n") + "\n"


@dataclasses.dataclass
class Command:
    text: str                   # the command as written, without "$ "
    expected: str
    start: int                  # index in the block's body of its first output line
    last: int                   # index one past its last output line


def commands(block: Block) -> List[Command]:
    """The ``$ `` commands of a console block with their expected output."""
    found, i, body = [], 0, block.body
    if body and not body[0].startswith("$ "):
        raise ValueError(f"{block.name}: a console block starts with a '$ ' command line")
    while i < len(body):
        text = body[i][2:]
        while text.endswith("\\") and i + 1 < len(body):
            i += 1
            text = text[:-1].rstrip() + " " + body[i].strip()
        i += 1
        start = i
        while i < len(body) and not body[i].startswith("$ "):
            i += 1
        found.append(Command(text, "\n".join(body[start:i]), start, i))
    return found


@contextlib.contextmanager
def workdir():
    """A temporary working directory holding a copy of examples/; the process's cwd while inside."""
    old = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="symgraph-docs-") as tmp:
        shutil.copytree(ROOT / "examples", pathlib.Path(tmp) / "examples")
        os.chdir(tmp)
        try:
            yield os.path.realpath(tmp)
        finally:
            os.chdir(old)


def run_command(text: str, cwd: str) -> str:
    """Run one ``symgraph ...`` or ``cat FILE`` line; returns what a terminal in a pipe would show."""
    from click.testing import CliRunner

    from symgraph.cli import main

    argv = shlex.split(text)
    if argv[:1] == ["cat"] and len(argv) == 2:
        return pathlib.Path(cwd, argv[1]).read_text(encoding="utf-8")
    if argv[:1] != ["symgraph"]:
        raise ValueError(f"only 'symgraph ...' and 'cat FILE' run in a console example, not: {text}")
    env = {"NO_COLOR": "1", "COLUMNS": str(WIDTH), "FORCE_COLOR": None, "TERM": "dumb"}
    result = CliRunner(env=env).invoke(main, argv[1:], prog_name="symgraph", color=False,
                                       terminal_width=WIDTH)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"$ {text}\nescaped {type(result.exception).__name__}: {result.exception}\n"
                             f"{result.output}") from result.exception
    if result.exit_code not in (0, 1, 2):
        raise AssertionError(f"$ {text}\nexit {result.exit_code} (a bug in symgraph)\n{result.output}")
    return result.output


def check_console(block: Block) -> List[str]:
    """Run a console block; returns one message per command whose output differs (empty: all match)."""
    checker, failures = doctest.OutputChecker(), []
    with workdir() as cwd:
        for command in commands(block):
            got = normalize(run_command(command.text, cwd), cwd)
            want = normalize(command.expected)
            if not checker.check_output(want, got, doctest.ELLIPSIS):
                failures.append(f"$ {command.text}\n--- expected\n{want}--- got\n{got}")
    return failures


def check_pycon(block: Block) -> List[str]:
    """Run a pycon block as a doctest; returns the failure report (empty: it passed)."""
    test = doctest.DocTestParser().get_doctest("\n".join(block.body) + "\n", {}, block.name,
                                               str(block.path), block.line)
    out = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    with workdir():
        runner.run(test, out=out.write)
    return [out.getvalue()] if runner.failures else []


def check(block: Block) -> List[str]:
    return check_console(block) if block.lang == "console" else check_pycon(block)


def runnable() -> List[Block]:
    return [b for path in documents() for b in blocks(path) if b.lang in RUN and b.no_run is None]


def update(block: Block) -> bool:
    """Rewrite the failing commands' expected output in the file (not for outputs written with ...)."""
    lines = block.path.read_text(encoding="utf-8").split("\n")
    edits = []
    with workdir() as cwd:
        for command in commands(block):
            raw = run_command(command.text, cwd).replace(cwd, ".")
            want = normalize(command.expected)
            if "..." in want or doctest.OutputChecker().check_output(want, normalize(raw), doctest.ELLIPSIS):
                continue
            new = [block.indent + line.rstrip() if line.strip() else "" for line in raw.rstrip().split("\n")]
            edits.append((block.line + command.start, block.line + command.last, new))   # body[k]: line + k
    for begin, end, new in reversed(edits):
        lines[begin:end] = new
    if edits:
        block.path.write_text("\n".join(lines), encoding="utf-8")
    return bool(edits)


def main(argv: List[str]) -> int:
    do_update = "--update" in argv
    paths = [pathlib.Path(a).resolve() for a in argv if a != "--update"] or documents()
    status = 0
    for path in paths:
        for block in reversed([b for b in blocks(path) if b.lang in RUN and b.no_run is None]):
            failures = check(block)
            if failures:
                status = 1
                print(f"== {block.name}\n" + "\n".join(failures))
                if do_update and block.lang == "console":
                    update(block)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
