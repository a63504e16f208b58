"""Dependencies between our apps run one way, as docs/architecture.md draws them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = {
    "core": ROOT / "site" / "core",
    "taxonomy": ROOT / "site" / "taxonomy",
    "accounts": ROOT / "site" / "accounts",
    "home": ROOT / "site" / "home",
    "demo": ROOT / "site" / "demo",
    "news": ROOT / "news",
    "campaigns": ROOT / "campaigns",
}
# What each app may import of ours. Migrations may name any app they depend on.
ALLOWED = {
    "core": set(),
    "taxonomy": {"core"},
    "accounts": {"taxonomy"},
    "news": {"core", "taxonomy"},
    "campaigns": {"core", "taxonomy", "accounts", "news"},
    "home": {"core", "taxonomy", "news", "campaigns"},
    "demo": set(APPS) - {"demo"},
}


def imported_apps(app):
    found = set()
    for path in APPS[app].rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & set(APPS)
    return found - {app}


@pytest.mark.parametrize("app", sorted(APPS))
def test_app_imports_only_what_the_architecture_allows(app):
    assert imported_apps(app) <= ALLOWED[app]
