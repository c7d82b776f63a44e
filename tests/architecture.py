"""The import graph of a tree of modules, read with ``ast`` (nothing is imported): what
tests/test_architecture.py checks for circles and private names.

Every ``import`` and ``from ... import`` statement counts, at module level or inside a function alike: a
function-level import still makes the two modules depend on each other, it only delays the circle to run
time. ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to ``pkg``. A package's
``__init__`` is not added as an implicit edge of its sub-modules (ours import nothing but lazily by name).
Names resolved at run time through ``importlib`` (symgraph/views.py's registry, symgraph/__init__.py's lazy
attributes) are not statements, and are not edges: that is the one sanctioned way for a report to reach its
renderer.
"""
from __future__ import annotations

import ast
import pathlib


def module_names(root: pathlib.Path, package: str = "") -> dict:
    """Dotted module name -> path, for every ``.py`` file under ``root`` (the folder of ``package``; with no
    package, the files are top-level modules, as benchmarks/'s scripts import each other: ``import cases``)."""
    names = {}
    for path in sorted(root.rglob("*.py")):
        parts = [*([package] if package else []), *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names[".".join(parts)] = path
    return names


def imports(module: str, path: pathlib.Path, names: dict) -> list:
    """(target module, imported name or None, line) for every import statement of ``module`` into the tree."""
    found = []
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in names:
                    found.append((alias.name, None, node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".") if is_package else module.split(".")[:-1]
                parts = parts[: len(parts) - (node.level - 1)]
                source = ".".join(parts + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for alias in node.names:
                sub = f"{source}.{alias.name}"
                if sub in names:
                    found.append((sub, None, node.lineno))
                elif source in names:
                    found.append((source, alias.name, node.lineno))
    return found


def graph(names: dict) -> dict:
    """Module -> the set of tree modules it imports."""
    return {module: {target for target, _, _ in imports(module, path, names) if target != module}
            for module, path in names.items()}


def cycles(edges: dict) -> list:
    """The strongly connected components with more than one module (Tarjan), each sorted: every circle."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(start):
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def private_imports(names: dict) -> list:
    """``from X import _name`` and ``X._name`` (X a module of the tree imported as a name) across modules,
    dunders such as ``__version__`` aside: each is a shared helper without a public home."""
    found = []
    for module, path in names.items():
        found += [f"{module}:{line}: from {target} import {name}" for target, name, line in imports(module, path, names)
                  if name and _private(name)]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}     # a local name bound to a module of the tree
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                aliases.update({alias.asname or alias.name: alias.name for alias in node.names if alias.name in names})
            elif isinstance(node, ast.ImportFrom):
                modules = {target.rsplit(".", 1)[-1]: target for target, name, _ in imports(module, path, names)
                           if name is None}
                aliases.update({alias.asname or alias.name: modules[alias.name] for alias in node.names
                                if alias.name in modules})
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr):
                base = ast.unparse(node.value)
                if aliases.get(base, module) != module:
                    found.append(f"{module}:{node.lineno}: {aliases[base]}.{node.attr}")
    return sorted(set(found))


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")
