"""The package's shape: no import cycle between eventwire's modules, and no module over 800 lines.

Imports are read from the source with ``ast``, inside functions too (a lazy import that closes
a loop is still a cycle); only imports under ``if TYPE_CHECKING:`` are left out, because they
never run. ``from pkg import name`` is an edge to ``pkg.name`` when that is a module, else to
``pkg`` (its ``__init__``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "eventwire"
MAX_LINES = 800


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)  # the else branch runs
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The eventwire modules ``name`` imports (at any depth of its code)."""
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        else:
            if node.level:
                base = name.split(".")
                drop = node.level - 1 if is_package else node.level
                base = base[: len(base) - drop] if drop else base
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            targets = [
                f"{mod}.{alias.name}" if f"{mod}.{alias.name}" in known else mod
                for alias in node.names
            ]
        out |= {t for t in targets if t in known and t != name}
    return out


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imports_of(name, path, known) for name, path in mods.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
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
    return found


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}, "c": set()}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ],
)
def test_cycle_finder(graph, expected):
    assert cycles(graph) == expected


def test_imports_inside_functions_count_and_type_checking_does_not(tmp_path):
    code = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from .b import X\n"
        "def f():\n    from .c import y\n"
        "from . import d\n"
    )
    path = tmp_path / "a.py"
    path.write_text(code)
    known = {"p.a", "p.b", "p.c", "p.d"}
    assert imports_of("p.a", path, known) == {"p.c", "p.d"}


def test_no_import_cycles():
    found = cycles(import_graph())
    assert found == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in found)


def test_no_module_over_800_lines():
    long = {
        name: n
        for name, path in modules().items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"modules over {MAX_LINES} lines: {long}"


# layers: a module of the left may not import any of the right (counting lazy imports)
_ABOVE_EXTRACT = (
    "eventwire.pipeline",
    "eventwire.cli",
    "eventwire.evaluate",
    "eventwire.store",
    "eventwire.server",
    "eventwire.export",
    "eventwire.engine",
    "eventwire.annotate",
    "eventwire.ingest",
    "eventwire.bench",
)
LAYERS = (
    ("eventwire.extract", _ABOVE_EXTRACT),
    ("eventwire.knowledge", ("eventwire.extract", *_ABOVE_EXTRACT)),
    ("eventwire.taxonomy", ("eventwire.extract", *_ABOVE_EXTRACT)),
)


def test_no_upward_imports():
    graph = import_graph()
    found = [
        f"{mod} -> {dep}"
        for layer, above in LAYERS
        for mod, deps in sorted(graph.items())
        if mod == layer or mod.startswith(layer + ".")
        for dep in sorted(deps)
        if any(dep == a or dep.startswith(a + ".") for a in above)
    ]
    assert found == []


def test_one_folder_per_builtin_extractor():
    from eventwire.pipeline.registry import BUILTIN_NAMES

    missing = [n for n in BUILTIN_NAMES if not (PACKAGE / "extract" / n / "__init__.py").is_file()]
    assert missing == []
    flat = sorted(p.name for p in (PACKAGE / "extract").glob("*.py"))
    # shared helpers only (text slices, the parse as lists); extractors in folders
    assert flat == ["__init__.py", "doctext.py", "parsetree.py"]
