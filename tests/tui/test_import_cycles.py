"""No import cycles among the modules of companion.tui.

Every import counts: at the top of a module, inside a function, and under
TYPE_CHECKING (a cycle of type-only imports still ties two modules together
for a reader and for mypy). The app opens screens by name ("module:Class"
strings), as Textual's MODES do, so it can sit above every screen.
"""

from __future__ import annotations

import ast
from pathlib import Path

import companion.tui

TUI = Path(companion.tui.__file__).parent
PACKAGE = "companion.tui"


def module_name(path: Path) -> str:
    parts = [PACKAGE, *path.relative_to(TUI).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tui_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(TUI.rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> dict[str, int]:
    """The companion.tui modules `name` imports, anywhere in it, each with its first line."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module (not the package's
            # own __init__ as a dependency); `from module import name` the module.
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        for target in targets:
            while target and target not in known:  # `import a.b.c` needs a.b.c
                target = target.rpartition(".")[0]
            if target and target != name:
                found.setdefault(target, node.lineno)
    return found


def import_graph() -> dict[str, dict[str, int]]:
    modules = tui_modules()
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in graph:
        if node not in index:
            visit(node)
    return groups


def describe(group: list[str], graph: dict[str, dict[str, int]]) -> str:
    lines = [" <-> ".join(m.removeprefix(PACKAGE + ".") for m in group)]
    for module in group:
        for other, line in sorted(graph[module].items()):
            if other in group:
                short = module.removeprefix(PACKAGE + ".").replace(".", "/")
                lines.append(f"    {short}.py:{line} imports {other}")
    return "\n".join(lines)


def test_the_tui_modules_import_each_other_without_cycles():
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles in companion.tui:\n" + "\n".join(
        describe(group, graph) for group in found
    )


def test_the_check_sees_every_kind_of_import():
    """The graph holds a module-level, a function-level and a TYPE_CHECKING import."""
    graph = import_graph()
    # module level: every section screen builds on the Section base
    assert "companion.tui.section" in graph["companion.tui.screens.today"]
    # inside a function: the section opens its dialogs when asked
    assert "companion.tui.dialogs.edit_entry" in graph["companion.tui.screens.selfcare"]
    # under TYPE_CHECKING: screens know the app's type
    assert "companion.tui.app" in graph["companion.tui.screens.onboarding"]
    # and a cycle made of such imports is found
    assert cycles({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}) == [
        ["a", "b", "c"]
    ]
