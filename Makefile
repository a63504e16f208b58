# Two commands matter: `make run` (set up and serve the demo site) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCK := requirements/dev.lock
MANAGE := $(BIN)/python manage.py
CHROMIUM ?= /usr/bin/chromium
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: help run test test-browser browser-deps bench load scale-out install migrate demo lint format check messages lock clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run: install migrate demo ## Set everything up and serve the site with demo content on http://127.0.0.1:$(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install browser-deps ## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
	@test -x $(CHROMIUM) || echo "*** $(CHROMIUM) not found: the browser tests (tests/browser) will be SKIPPED. apt-get install chromium to run them."
	$(BIN)/pytest -rs

test-browser: install browser-deps ## Run only the real-browser tests (Chromium at /usr/bin/chromium)
	$(BIN)/pytest -rs -m browser

browser-deps: ## Install axe-core for the accessibility tests (needs npm; skipped without it)
	@if [ -f $(AXE) ] && [ $(AXE) -nt tests/browser/package-lock.json ]; then :; \
	elif command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error && touch $(AXE); \
	else echo "*** npm not found: the accessibility tests will be SKIPPED."; fi

bench: install ## Run the benchmarks (needs wrk, PostgreSQL and Redis at 127.0.0.1) and write docs/performance.md
	$(BIN)/python bench/run.py
	$(BIN)/python bench/search.py

load: install ## Load test: 200 readers for 60 s while 20 district users record; totals must be exact
	$(BIN)/python bench/load.py

scale-out: install ## Two app servers sharing PostgreSQL and Redis: fresh pages and exact totals on both
	$(BIN)/python bench/scale_out.py

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

$(VENV)/.installed: $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	touch $@

migrate: install ## Apply database migrations
	@mkdir -p var
	$(MANAGE) migrate --no-input

demo: install ## Load the demo content and accounts (safe to run again)
	$(MANAGE) load_demo

lint: install ## Check style and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Fix style and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

MESSAGES_IGNORE := --ignore '.venv/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'node_modules/*'

messages: install ## Extract translatable strings into locale/vi (Python, templates and the admin's JavaScript), then compile every catalogue
	$(MANAGE) makemessages --locale vi $(MESSAGES_IGNORE) --no-obsolete
	$(MANAGE) makemessages --locale vi --domain djangojs $(MESSAGES_IGNORE) --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*' --ignore 'node_modules/*'

lock: install ## Re-resolve dependencies after editing pyproject.toml
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes --quiet -o requirements/dev.lock

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var db.sqlite3 test-artifacts tests/browser/node_modules
