"""The import rules docs/architecture.md states, enforced: apps depend one way, no module imports
itself back through others, the campaign data's rooms import downwards only, and every import of
our own code sits at the top of its module.

There is no allow-list: a new cycle fails here whatever its reason.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Where each top-level package of ours lives. Migrations are left out: they may name any app
# they depend on, and Django runs them in the order their dependencies give.
PACKAGES = {
    "config": ROOT / "site" / "config",
    "core": ROOT / "site" / "core",
    "taxonomy": ROOT / "site" / "taxonomy",
    "accounts": ROOT / "site" / "accounts",
    "home": ROOT / "site" / "home",
    "dashboard": ROOT / "site" / "dashboard",
    "demo": ROOT / "site" / "demo",
    "news": ROOT / "news",
    "campaigns": ROOT / "campaigns",
    "tests": ROOT / "tests",
}
# What each app may import of ours: docs/architecture.md draws the same table.
ALLOWED = {
    "core": set(),
    "taxonomy": {"core"},
    "accounts": {"core", "taxonomy"},
    "campaigns": {"core", "taxonomy", "accounts"},
    "news": {"core", "taxonomy", "campaigns"},
    "home": {"core", "taxonomy", "news", "campaigns"},
    "dashboard": {"core", "taxonomy", "accounts", "news", "campaigns"},
    "demo": {"core", "taxonomy", "accounts", "news", "campaigns", "home"},
    # Production settings do not install the demo app, so nothing they load may import it.
    "config": {"core", "taxonomy", "accounts", "news", "campaigns", "home"},
}


def module_name(path):
    for package, folder in PACKAGES.items():
        if path.is_relative_to(folder):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    raise ValueError(path)


def source_files():
    for folder in PACKAGES.values():
        for path in sorted(folder.rglob("*.py")):
            if "migrations" not in path.parts and "node_modules" not in path.parts:
                yield path


class Imports(ast.NodeVisitor):
    """Our modules one file imports, and those it imports inside a function or a class."""

    def __init__(self, path, modules):
        self.name = module_name(path)
        self.package = self.name if path.name == "__init__.py" else self.name.rpartition(".")[0]
        self.modules = modules
        self.found = set()
        self.nested = []  # (line, statement) of imports inside a function or a class
        self.scopes = []

    def _scoped(self, node):
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def visit_Import(self, node):
        self._record(node, [alias.name for alias in node.names])

    def visit_ImportFrom(self, node):
        if node.level:
            base = self.package.split(".")[: len(self.package.split(".")) - node.level + 1]
            source = ".".join([*base, *([node.module] if node.module else [])])
        else:
            source = node.module or ""
        # `from campaigns.records import models` imports the module campaigns.records.models.
        names = [f"{source}.{alias.name}" for alias in node.names]
        self._record(node, [name if name in self.modules else source for name in names])

    def _record(self, node, names):
        ours = {name for name in names if name.split(".")[0] in PACKAGES}
        if not ours:
            return
        if self.scopes and not self._in_app_ready():
            self.nested.append((node.lineno, ast.unparse(node)))
        for name in ours:
            # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
            parts = name.split(".")
            self.found |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
        self.found.discard(self.name)

    def _in_app_ready(self):
        """Django's one place for imports an app cannot make while it is loading."""
        return (
            self.name.endswith(".apps")
            and isinstance(self.scopes[-1], ast.FunctionDef)
            and self.scopes[-1].name == "ready"
        )


def parse_all():
    paths = list(source_files())
    modules = {module_name(path) for path in paths}
    visitors = {}
    for path in paths:
        visitor = Imports(path, modules)
        visitor.visit(ast.parse(path.read_text(), str(path)))
        visitors[visitor.name] = visitor
    return visitors


VISITORS = parse_all()
GRAPH = {name: visitor.found & set(VISITORS) for name, visitor in VISITORS.items()}


def cycles(graph):
    """The strongly connected components with more than one node (Tarjan), each sorted."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
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

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def collapse(graph, group):
    """The graph between groups of modules (`group(name)`), each group's inner edges left out."""
    collapsed = {}
    for source, targets in graph.items():
        edges = collapsed.setdefault(group(source), set())
        edges |= {group(target) for target in targets} - {group(source)}
    return collapsed


def test_no_module_imports_itself_back_through_others():
    assert cycles(GRAPH) == []


def test_the_allowed_app_dependencies_run_one_way():
    assert cycles(ALLOWED) == []


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_app_imports_only_what_the_architecture_allows(app):
    imported = collapse(GRAPH, lambda name: name.split(".")[0])[app]
    assert imported <= ALLOWED[app]


def test_nothing_but_the_tests_imports_the_demo():
    importers = {name for name, targets in GRAPH.items() if "demo" in targets}
    assert {name.split(".")[0] for name in importers} <= {"demo", "tests"}


def campaigns_room(name):
    """`campaigns.records.views` is in the room `records`; a module at the app's root is its own."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "(app)"


def test_the_campaign_rooms_import_downwards_only():
    rooms = collapse(
        {name: {t for t in targets if t.startswith("campaigns.")} for name, targets in GRAPH.items()
         if name.startswith("campaigns.")},
        campaigns_room,
    )  # fmt: skip
    assert cycles(rooms) == []


def test_our_modules_are_imported_at_the_top_of_a_module():
    """An import inside a function is how a cycle hides; only `AppConfig.ready()` may, because
    Django loads an app's models after its `apps` module."""
    nested = {name: v.nested for name, v in VISITORS.items() if v.nested}
    assert nested == {}


def test_the_checks_see_real_cycles():
    """The cycle finder itself: a test that could never fail would prove nothing."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert collapse({"x.one": {"y.two"}, "y.two": {"x.three"}}, lambda n: n[0]) == {
        "x": {"y"},
        "y": {"x"},
    }
    source = "def f():\n    from campaigns import totals\n"
    visitor = Imports(ROOT / "news" / "example.py", set(VISITORS))
    visitor.visit(ast.parse(source))
    assert visitor.nested == [(2, "from campaigns import totals")]
    assert "campaigns.totals" in visitor.found


def test_the_documented_rooms_are_the_rooms_there_are():
    """docs/architecture.md draws campaigns/ as a tree: it names every room, and only those."""
    doc = (ROOT / "docs" / "architecture.md").read_text()
    tree = doc.split("\ncampaigns/\n", 1)[1].split("```", 1)[0]
    drawn = {line.split()[0] for line in tree.splitlines() if line.strip()}
    app = PACKAGES["campaigns"]
    there = {
        path.name + ("/" if path.is_dir() else "")
        for path in app.iterdir()
        if path.name not in {"__init__.py", "apps.py", "migrations", "management", "__pycache__"}
    }
    assert drawn == there
