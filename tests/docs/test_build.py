"""The manual builds with `mkdocs build --strict`: a broken link, a missing page or an unresolved API
reference is a warning, and --strict turns it into a failure."""
import os
import re
import subprocess
import sys

import pytest

from tests.docs.examples import ROOT

pytest.importorskip("mkdocs", reason="the manual needs the docs extra: pip install -e '.[docs]'")
pytest.importorskip("material", reason="the manual needs mkdocs-material (the docs extra)")
pytest.importorskip("mkdocstrings_handlers.python", reason="the manual needs mkdocstrings[python] (the docs extra)")


def test_the_manual_builds_without_a_warning(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")       # Material's banner about MkDocs 2.0
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert not re.search(r"^WARNING", result.stderr, re.M), result.stderr
    api = (tmp_path / "api" / "index.html").read_text(encoding="utf-8")
    for name in ("symgraph.grad", "symgraph.check", "symgraph.graph", "symgraph.hessian", "SymgraphError"):
        assert name in api, name


def test_every_page_is_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r":\s*([\w/-]+\.md)\s*$", config, re.M))
    pages = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    assert pages <= listed, f"pages missing from mkdocs.yml's nav: {sorted(pages - listed)}"


def test_the_readme_links_to_files_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", readme)
    local = [t for t in targets if not re.match(r"\w+:", t)]
    assert local
    for target in local:
        assert (ROOT / target).exists(), target
    pages = {p for p in local if p.startswith("docs/") and p.endswith(".md")}
    assert pages == {str(p.relative_to(ROOT)) for p in (ROOT / "docs").rglob("*.md")}, "a link per page"
    assert len(readme.splitlines()) <= 200


def test_the_files_the_manual_names_exist():
    """A page that names a module (`symgraph/core/modes.py`), a test or an example file goes stale when it
    moves: fail then. (Folders are not checked: the design page names where future packages go.)"""
    missing = []
    for page in [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for path in re.findall(r"\b((?:symgraph|tests|benchmarks|examples)/[\w/-]*\.(?:py|lark|json|toml|txt|ipynb))\b", text):
            if not (ROOT / path).exists():
                missing.append(f"{page.relative_to(ROOT)}: {path}")
    assert not missing, "\n".join(missing)
