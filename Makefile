# Two commands matter: `make run` (set up and serve the demo site) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCK := requirements/dev.lock
MANAGE := $(BIN)/python manage.py

.PHONY: help run test bench install migrate demo lint format check messages lock clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

run: install migrate demo ## Set everything up and serve the site with demo content on http://127.0.0.1:$(PORT)
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: install ## Run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL)
	$(BIN)/pytest

bench: install ## Run the benchmarks (needs wrk and the PostgreSQL at 127.0.0.1) and write docs/performance.md
	$(BIN)/python bench/run.py

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

messages: install ## Extract translatable strings into locale/vi, then compile every catalogue
	$(MANAGE) makemessages --locale vi --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(MANAGE) compilemessages --ignore '.venv/*'

lock: install ## Re-resolve dependencies after editing pyproject.toml
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes --quiet -o requirements/base.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes --quiet -o requirements/dev.lock

clean: ## Remove the virtual environment and local data
	rm -rf $(VENV) var db.sqlite3
