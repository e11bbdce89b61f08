"""The package's shape: no import cycle among ecodash's modules, and no module using another's private names.

The import graph is read from the source (every `import` and `from … import`, at any depth: inside functions and
`if TYPE_CHECKING:` blocks too, since a cycle there is still two modules that need each other). The layers
contract (which subpackage may import which) is import-linter's, in pyproject.toml, run by `make test`.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

import ecodash

PACKAGE = Path(ecodash.__file__).resolve().parent
ROOT = PACKAGE.parents[1]
MAX_LINES = 500
"""A module longer than this says why at the top of its docstring ('Long because …')."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(module: str, node: ast.ImportFrom) -> str | None:
    """The absolute module a `from … import` names ('.x' inside ecodash.a.b -> ecodash.a.x)."""
    if node.level == 0:
        return node.module
    package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str) -> list[tuple[int, str, str | None]]:
    """(line, imported ecodash module, the name imported from it or None) for every import in `module`."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, None) for alias in node.names if alias.name.startswith("ecodash")]
        elif isinstance(node, ast.ImportFrom):
            source = resolve(module, node)
            if not source or not source.startswith("ecodash"):
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:  # `from ecodash.analysis import fx` imports the module ecodash.analysis.fx
                    found.append((node.lineno, submodule, None))
                else:
                    found.append((node.lineno, source, alias.name))
    return found


def graph() -> dict[str, set[str]]:
    return {
        module: {target for _, target, _ in imports_of(module) if target in MODULES and target != module}
        for module in MODULES
    }


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(edges)))
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def private_uses(module: str) -> list[str]:
    """`from x import _name` and `x._name` where x is another ecodash module: a shared name must be public."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    offences = [
        f"{MODULES[module].relative_to(ROOT)}:{line}: from {source} import {name}"
        for line, source, name in imports_of(module)
        if name and name.startswith("_") and not name.startswith("__") and source != module
    ]
    aliases = {}  # local name -> the ecodash module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (source := resolve(module, node)) and source.startswith("ecodash"):
            for alias in node.names:
                if f"{source}.{alias.name}" in MODULES:
                    aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in MODULES and alias.asname:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and aliases[node.value.id] != module
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            offences.append(f"{MODULES[module].relative_to(ROOT)}:{node.lineno}: {node.value.id}.{node.attr}")
    return offences


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(edges) == [["a", "b", "c"]]


def test_no_module_uses_another_modules_private_names():
    offences = [offence for module in MODULES for offence in private_uses(module)]
    assert offences == []


def test_the_private_name_check_sees_both_forms(tmp_path, monkeypatch):
    module = "ecodash.fake_module_for_test"
    path = tmp_path / "fake_module_for_test.py"
    path.write_text("from ecodash.schema.problems import _hidden\nfrom ecodash.schema import problems\nproblems._x\n")
    monkeypatch.setitem(MODULES, module, path)
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [offence.split(": ", 1)[1] for offence in private_uses(module)] == [
        "from ecodash.schema.problems import _hidden",
        "problems._x",
    ]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_long_module_says_why(module):
    text = MODULES[module].read_text(encoding="utf-8")
    lines = text.count("\n")
    if lines <= MAX_LINES:
        return
    docstring = ast.get_docstring(ast.parse(text)) or ""
    assert "long because" in docstring.lower(), f"{module} has {lines} lines and no 'Long because …' in its docstring"


def test_every_subpackage_is_in_the_layers_contract():
    """make test runs import-linter on pyproject's contracts; a subpackage missing from the layers is unchecked."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (layers,) = [contract["layers"] for contract in config["contracts"] if contract["type"] == "layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    subpackages = {module_name(path.parent) for path in PACKAGE.glob("*/__init__.py")} | {"ecodash.cli"}
    assert subpackages - named == set()
