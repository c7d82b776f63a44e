"""Help a person can learn from: every --help ends with examples that really run, every option says what
it does, and the top-level command list is not cut off."""
import shlex

import click
import pytest

from symgraph.cli.main import main

from tests.helpers import EXAMPLES, run

COMMANDS = sorted(main.commands)


def _examples(help_text: str) -> list:
    """The lines of the Examples section, which must be the last section of the help."""
    lines = help_text.rstrip().splitlines()
    start = max(i for i, line in enumerate(lines) if line.strip() == "Examples:")
    assert not any(line.strip().endswith(":") for line in lines[start + 1:]), "Examples is not the last section"
    return [line.strip() for line in lines[start + 1:] if line.strip()]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_ends_with_examples_of_that_command(command):
    examples = _examples(run(command, "--help").output)
    assert len(examples) >= 3
    assert all(e.startswith(f"symgraph {command} ") for e in examples), examples


def _all_examples():
    for command in COMMANDS:
        for example in _examples(run(command, "--help").output):
            yield pytest.param(example, id=example[:60])


@pytest.mark.parametrize("example", list(_all_examples()))
def test_every_example_in_the_help_runs(example, tmp_path, monkeypatch):
    """Run as written, from a fresh clone's root (examples/ is there); files they write land in tmp."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(EXAMPLES)
    result = run(*shlex.split(example)[1:])
    assert result.exit_code in (0, 1), result.output
    assert not result.output.startswith("Usage:")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_has_a_description(command):
    ctx = click.Context(main.commands[command], info_name=command)
    for param in main.commands[command].get_params(ctx):
        if isinstance(param, click.Option):
            assert param.help and len(param.help) > 10, f"{command} {param.opts} has no description"


def test_top_level_list_is_not_cut_off():
    text = run("--help").output
    lines = text[text.index("Commands:"):].splitlines()[1:1 + len(COMMANDS)]
    for command, line in zip(COMMANDS, lines):
        assert line.split()[0] == command and not line.rstrip().endswith("...")
        assert " ".join(line.split()[1:]) == main.commands[command].get_short_help_str(limit=200)


def test_double_dash_is_documented_in_each_command():
    for command in COMMANDS:
        assert "after '--'" in run(command, "--help").output


def test_gitignore_covers_the_files_the_documented_commands_write():
    """Trying the README's and the manual's commands (or the --help examples) in a clone leaves `git status`
    clean."""
    import re
    import shutil
    import subprocess

    from tests.helpers import ROOT

    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout")
    pages = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md"))
    texts = [p.read_text(encoding="utf-8") for p in pages] + [run(c, "--help").output for c in COMMANDS]
    written = {m.group(2) for text in texts
               for m in re.finditer(r"(-o|--output|--svg|--json-out|--csv|(?<![->])>(?!>))\s*([A-Za-z_][\w/-]*\.\w+)", text)
               if not m.group(2).startswith(("FILE", "docs/", "-"))}
    for tex in [w for w in written if w.endswith(".tex")]:                 # pdflatex NAME.tex writes these
        written |= {tex[:-4] + suffix for suffix in (".pdf", ".aux", ".log")}
    assert {"grades.json", "mistake.svg"} <= written
    for name in sorted(written):
        ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT).returncode == 0
        assert ignored, f"{name} is written by a documented command but not in .gitignore"


def test_shell_completion_as_documented_completes_choices():
    from click.testing import CliRunner

    env = {"_SYMGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "symgraph grad x --format ", "COMP_CWORD": "4"}
    result = CliRunner().invoke(main, [], prog_name="symgraph", env=env)
    assert result.exit_code == 0
    assert {"plain,rich", "plain,plain", "plain,json"} <= set(result.output.split())
