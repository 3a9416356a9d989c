# The two commands of the README: `make run` and `make test`. Everything they need is installed
# here (virtualenv, pinned requirements, Debian's chromium for the browser tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test install install-dev chromium redis gettext messages checkers lint migrations-check check pytest \
	pytest-postgres bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

## Run the app on SQLite, seeded, at http://127.0.0.1:8000 (PORT=8001 make run for another port), with the task worker beside it
## (stopped with the server).
run: install messages
	$(MANAGE) migrate --noinput
	$(MANAGE) seed
	@$(MANAGE) qcluster & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## Every check: lint, format, migrations, system checks, the suite on SQLite then on PostgreSQL.
test: install-dev chromium redis checkers messages lint migrations-check check pytest pytest-postgres

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "chromium is missing and cannot be installed here: browser tests will be skipped"; \
	  fi; \
	fi

# redis-server, for the tests of the Redis cache option (the default cache needs nothing).
redis:
	@if ! command -v redis-server >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's redis-server for the Redis cache tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "redis-server is missing and cannot be installed here: its tests will be skipped"; \
	  fi; \
	fi

# msgfmt, which compiles the English catalog.
gettext:
	@if ! command -v msgfmt >/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's gettext to compile the translations"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
	  else \
	    echo "msgfmt is missing: install gettext" >&2; exit 1; \
	  fi; \
	fi

## Compile the translations (locale/*/LC_MESSAGES/django.po).
messages: install gettext
	$(MANAGE) compilemessages --ignore=.venv --ignore=node_modules -v 0

# The page checkers of the suite, pinned in package-lock.json: axe-core and the Nu Html Checker.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

checkers: node_modules/.installed

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

migrations-check: install-dev
	$(MANAGE) makemigrations --check --dry-run

check: install-dev
	$(MANAGE) check

pytest: install-dev
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest

pytest-postgres: install-dev
	DJANGO_ALLOW_ASYNC_UNSAFE=true tests/with_postgres.sh $(BIN)/pytest -m "not once"

bench: install-dev
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/timeline.py
	$(BIN)/python bench/quiz.py
	$(BIN)/python bench/load.py
