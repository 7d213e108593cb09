"""The package's shape: imports go one way (no circles), commands run no SQL, no module grows past ~600 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import learnlog

PACKAGE = Path(learnlog.__file__).parent
ENTRY_POINTS = ("learnlog.__main__", "learnlog.demo")  # above the CLI: they run it


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """Every learnlog module `path` imports, at the top or inside a function (lazy imports count: they are
    circles too, only deferred)."""
    name = module_name(path)
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".") if is_package else name.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            # `from package import module` imports the module; `from module import name` the module itself
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
        else:
            continue
        found |= {t for t in targets if t in modules and t != name}
    return found


def graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imports_of(path, set(files)) for name, path in files.items()}


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_sees_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_import_walker_reads_lazy_and_relative_imports(tmp_path):
    edges = graph()
    assert "learnlog.store.reads" in edges["learnlog.store.journal"]  # a top-level import
    assert "learnlog.store.writes" in edges["learnlog.store.journal"]  # imported inside methods
    assert "learnlog.cli.output" in edges["learnlog.cli.browse"]  # `from learnlog.cli import complete, output`


def test_no_import_circles_in_the_package():
    assert find_cycle(graph()) is None, f"import circle: {' -> '.join(find_cycle(graph()))}"


def test_imports_go_one_way_cli_then_domain_then_store():
    edges = graph()
    for name, targets in edges.items():
        if name.startswith("learnlog.store"):
            assert not any(t.startswith("learnlog.cli") for t in targets), name
        if not name.startswith(("learnlog.cli", "learnlog.store")) and name not in ENTRY_POINTS:
            assert not any(t.startswith("learnlog.cli") for t in targets), f"{name} imports the CLI"
    cli_to_sql = [n for n in edges if n.startswith("learnlog.cli") and "learnlog.store.reads" in edges[n]]
    assert cli_to_sql == [], "commands call the store facade, not its queries"
    # command modules import app/output/complete/badge_choice, never each other
    commands = {n for n in edges if n.startswith("learnlog.cli.")} - {
        "learnlog.cli.app",
        "learnlog.cli.output",
        "learnlog.cli.complete",
        "learnlog.cli.badge_choice",
    }
    for name in commands:
        assert not (edges[name] & commands - {"learnlog.cli.statements"} - {name}), name


def test_no_module_is_over_600_lines():
    """In the package and in what sits beside it (tools/, benchmarks/): one concern a module."""
    root = PACKAGE.parent
    files = [*PACKAGE.rglob("*.py"), *(root / "tools").rglob("*.py"), *(root / "benchmarks").rglob("*.py")]
    long = {str(p.relative_to(root)): n for p in files if (n := len(p.read_text().splitlines())) > 600}
    assert len(files) > 50 and long == {}


def test_commands_run_no_sql_of_their_own():
    for path in (PACKAGE / "cli").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert ".conn" not in text and "execute(" not in text, path.name
