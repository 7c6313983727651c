"""The host's modules form no import cycle, and a plugin's `from facilitator import ...` is cheap:
it loads neither the database layer nor Socket.IO."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _top_level_imports(tree: ast.Module):
    """Imports that run when the module is imported (not those in functions or TYPE_CHECKING)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending += node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending += node.body + node.orelse + node.finalbody + [
                n for handler in node.handlers for n in handler.body]


def import_graph(package: str = "facilitator") -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in (ROOT / package).rglob("*.py")
               if "migrations" not in p.parts or p.name == "env.py"}
    graph: dict[str, set[str]] = {name: set() for name in modules}

    def target(name: str) -> str | None:  # the module imported, with its packages
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in _top_level_imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                wanted = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = name.split(".")[: len(name.split(".")) - node.level + is_package]
                    base = ".".join(anchor + ([base] if base else []))
                wanted = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for imported in wanted:
                found = target(imported)
                while found and found != name:
                    if not name.startswith(found + "."):  # its own packages are imported already
                        graph[name].add(found)
                    found = target(found.rpartition(".")[0])
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_an_import_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_the_graph_reads_relative_imports_and_packages():
    graph = import_graph()
    assert "facilitator.extensions" in graph["facilitator.database"]
    assert "facilitator.teamplan.models" in graph["facilitator.database"]
    assert "facilitator.teamplan" in graph["facilitator.database"]  # its package runs first


def test_the_host_has_no_import_cycle():
    assert cycles(import_graph("facilitator")) == []


def test_the_built_in_plugins_have_no_import_cycle():
    for folder in sorted((ROOT / "plugins").iterdir()):
        if (folder / "__init__.py").exists():
            assert cycles(import_graph(f"plugins/{folder.name}")) == [], folder.name


CONTRACT = """
import sys, time
started = time.perf_counter()
import facilitator
for name in facilitator.__all__:
    getattr(facilitator, name)
print(time.perf_counter() - started)
print(" ".join(sorted(m for m in ("sqlalchemy", "flask_sqlalchemy", "flask_socketio", "socketio",
                                  "engineio", "gevent", "alembic", "flask_limiter") if m in sys.modules)))
"""


def test_a_plugin_imports_the_contract_without_the_database_or_socket_io():
    done = subprocess.run([sys.executable, "-c", CONTRACT], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.splitlines()[1:] in ([], [""]), f"loaded: {done.stdout.splitlines()[1:]}"


def test_from_facilitator_import_workform_is_cheap():
    # A guard well above the real figure (about 25 ms on the 2-core machine; see the report in
    # README's "Where things are"), taking the best of three runs on a busy machine.
    code = "import time; t = time.perf_counter(); from facilitator import WorkForm; " \
           "print(time.perf_counter() - t)"
    best = min(float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True, cwd=ROOT).stdout) for _ in range(3))
    assert best < 0.6, f"from facilitator import WorkForm took {best:.2f} s"
