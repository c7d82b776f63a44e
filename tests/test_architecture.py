"""The house rules, read from the source with ``ast`` (tests/architecture.py): no import circle in symgraph/
or benchmarks/, no private name (``_x``) imported across modules, no module over 300 lines, renderers reached
only through the CLI, the API facades and the one registry (symgraph/views.py), and docs/design.md's
package map naming every sub-package there is.

Every import statement counts, module-level and inside functions alike: a function-level import still makes
two modules depend on each other (it only moves the circle from import time to run time)."""
from __future__ import annotations

import importlib
import re

import pytest

from tests.architecture import cycles, graph, imports, module_names, private_imports
from tests.helpers import ROOT

MAX_LINES = 300
TREES = {"symgraph": (ROOT / "symgraph", "symgraph"), "benchmarks": (ROOT / "benchmarks", "")}
# Who may import a renderer: the commands, the API's facades (GraphView, Plot) and the renderers themselves.
# Reports reach theirs by name through symgraph/views.py.
RENDER_CLIENTS = re.compile(r"^symgraph\.(cli\.|render\.|api$|plotting\.api$)")


def _names(tree: str) -> dict:
    root, package = TREES[tree]
    return module_names(root, package)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_no_import_circle(tree):
    found = cycles(graph(_names(tree)))
    assert not found, f"import circles in {tree}/: " + "; ".join(" <-> ".join(c) for c in found)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_no_private_name_imported_across_modules(tree):
    found = private_imports(_names(tree))
    assert not found, "private names used across modules (give each a public home):\n" + "\n".join(found)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_every_module_is_at_most_300_lines(tree):
    long = {str(path.relative_to(ROOT)): n for path in _names(tree).values()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines (split by job): {long}"


def test_only_the_commands_the_api_and_the_registry_import_renderers():
    names = _names("symgraph")
    offenders = [f"{module} imports {target}" for module, path in names.items() if not RENDER_CLIENTS.match(module)
                 for target, _, _ in imports(module, path, names) if target.startswith("symgraph.render.")]
    assert not offenders, "a report or the core imports a renderer (go through symgraph/views.py):\n" + "\n".join(offenders)


def test_every_view_of_the_registry_resolves_to_a_renderer():
    from symgraph.views import VIEWS

    for view, target in VIEWS.items():
        module, _, function = target.partition(":")
        assert module.startswith("symgraph.render."), (view, target)
        assert callable(getattr(importlib.import_module(module), function)), (view, target)


def test_the_registry_imports_nothing_of_symgraph():
    names = _names("symgraph")
    assert imports("symgraph.views", names["symgraph.views"], names) == []


def test_the_design_page_maps_every_sub_package():
    """docs/design.md's package map (the ``text`` block under "## Package map") lists each sub-package of
    symgraph/ as ``name/`` at its depth, and nothing that does not exist."""
    page = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    block = page.split("## Package map", 1)[1].split("```text", 1)[1].split("```", 1)[0]
    drawn, parents = set(), []
    for line in block.splitlines():
        match = re.match(r"^((?:[│ ] {3}|[├└]── )*)(?:[├└]── )?([A-Za-z_]+)/", line)
        if not match:
            continue
        depth = len(match.group(1)) // 4
        parents = parents[:depth] + [match.group(2)]
        drawn.add("/".join(parents))
    actual = {str(p.parent.relative_to(ROOT)) for p in (ROOT / "symgraph").rglob("__init__.py")}
    assert drawn == actual, f"missing from the map: {sorted(actual - drawn)}; not in the tree: {sorted(drawn - actual)}"


# The checks themselves can fail: a small tree with each fault.

def _tree(tmp_path, files: dict) -> dict:
    for name, text in files.items():
        path = tmp_path / "pkg" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return module_names(tmp_path / "pkg", "pkg")


def test_a_circle_through_a_function_level_import_is_found(tmp_path):
    names = _tree(tmp_path, {"__init__.py": "", "a.py": "from pkg import b\n",
                             "b.py": "def f():\n    from pkg.a import g\n", "c.py": "import pkg.a\n"})
    assert cycles(graph(names)) == [["pkg.a", "pkg.b"]]


def test_a_private_name_across_modules_is_found(tmp_path):
    names = _tree(tmp_path, {"__init__.py": "", "a.py": "def _helper(): pass\n__version__ = 1\n",
                             "b.py": "from pkg.a import _helper, __version__\n",
                             "c.py": "from pkg import a\nx = a._helper\ny = a.__version__\n",
                             "d.py": "import pkg.a as m\nz = m._helper()\n"})
    assert private_imports(names) == ["pkg.b:1: from pkg.a import _helper", "pkg.c:2: pkg.a._helper",
                                      "pkg.d:2: pkg.a._helper"]
