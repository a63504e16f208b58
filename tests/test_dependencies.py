"""Every third-party package our code imports is declared in pyproject.toml, not merely installed
because Wagtail happens to depend on it today: the site's code in `dependencies`, the tests'
in `dependencies` or the `dev` extra."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import openpyxl.xml

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
FIRST_PARTY = set(PROJECT["tool"]["ruff"]["lint"]["isort"]["known-first-party"])
# The benchmark scripts run as `python bench/run.py` and import each other as top-level modules.
BENCH_MODULES = {path.stem for path in (ROOT / "bench").glob("*.py")}
SITE_CODE = [ROOT / "campaigns", ROOT / "news", ROOT / "site", ROOT / "bench", ROOT / "manage.py"]
TEST_CODE = [ROOT / "tests"]


def distribution_name(requirement):
    """ "psycopg[binary]" -> "psycopg", "factory_boy" -> "factory-boy" (PEP 503 names)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group()
    return re.sub(r"[-_.]+", "-", name).lower()


RUNTIME = {distribution_name(r) for r in PROJECT["project"]["dependencies"]}
DEV = RUNTIME | {distribution_name(r) for r in PROJECT["project"]["optional-dependencies"]["dev"]}


def python_files(paths):
    for path in paths:
        files = [path] if path.is_file() else path.rglob("*.py")
        yield from (file for file in files if "node_modules" not in file.parts)


def third_party_imports(paths):
    """{top-level module: first file importing it} for every absolute import that is neither
    the standard library nor ours, wherever it sits (module level, function, migration)."""
    found = {}
    for path in python_files(paths):
        for node in ast.walk(ast.parse(path.read_bytes())):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                modules = [node.module]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                if top not in sys.stdlib_module_names | FIRST_PARTY | BENCH_MODULES:
                    found.setdefault(top, path)
    return found


def undeclared(paths, declared):
    """Imported modules none of whose installed distributions is declared, with where and what."""
    distributions = packages_distributions()
    problems = {}
    for module, where in third_party_imports(paths).items():
        provided_by = {distribution_name(name) for name in distributions.get(module, [])}
        if not provided_by & declared:
            problems[module] = f"{where} (installed by: {', '.join(sorted(provided_by)) or '?'})"
    return problems


def test_site_code_imports_only_runtime_dependencies():
    assert undeclared(SITE_CODE, RUNTIME) == {}


def test_tests_import_only_runtime_or_dev_dependencies():
    assert undeclared(TEST_CODE, DEV) == {}


def test_an_undeclared_import_is_reported(tmp_path):
    code = tmp_path / "module.py"
    code.write_text("import os\nimport django.db\nfrom bs4 import BeautifulSoup\nfrom . import x\n")
    assert set(undeclared([code], {"django"})) == {"bs4"}


def test_openpyxl_reads_uploaded_spreadsheets_through_defusedxml():
    # openpyxl falls back to the standard library's XML parser, silently, without defusedxml.
    assert openpyxl.xml.DEFUSEDXML is True
