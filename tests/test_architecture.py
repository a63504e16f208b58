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
    "config": ROOT / "site" / "config",
}
# What each app may import of ours. Migrations may name any app they depend on.
ALLOWED = {
    "core": set(),
    "taxonomy": {"core"},
    "accounts": {"core", "taxonomy"},
    "news": {"core", "taxonomy"},
    "campaigns": {"core", "taxonomy", "accounts", "news"},
    "home": {"core", "taxonomy", "news", "campaigns"},
    "demo": set(APPS) - {"demo", "config"},
    # Production settings do not install the demo app, so nothing they load may import it.
    "config": set(APPS) - {"demo", "config"},
}


# The one import against the flow, made when the block is first built, never at import time:
# an article's body offers the campaigns' live-total block (docs/architecture.md).
DEFERRED = {("news", "campaigns"): "news/blocks.py"}


def imported_apps(app):
    found = set()
    for path in APPS[app].rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        module_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            deferred_here = [
                target for (source, target), where in DEFERRED.items()
                if source == app and path.as_posix().endswith(where) and id(node) not in module_level
            ]  # fmt: skip
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= ({name.split(".")[0] for name in names} & set(APPS)) - set(deferred_here)
    return found - {app}


@pytest.mark.parametrize("app", sorted(APPS))
def test_app_imports_only_what_the_architecture_allows(app):
    assert imported_apps(app) <= ALLOWED[app]
