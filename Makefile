# Shouwang: two commands for a new user.
#   make run    set up, migrate, load demo data into an empty database, serve on http://127.0.0.1:8000
#               and the task worker beside it (background work, such as checking an uploaded roster);
#               Ctrl-C stops both
#   make test   set up (browser, font, spreadsheet program included), then run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite on every core (pytest-xdist, a database per worker); the browser tests go to one worker together.
PYTEST_PARALLEL ?= -n auto --dist loadgroup

.PHONY: run test setup lock system-deps messages makemessages lint format check clean

# One shell line runs both: the task worker in the background, the server in front. Ctrl-C reaches both (they
# share the terminal's process group); whichever way the server ends, the EXIT trap stops the worker and waits
# for it (it finishes the task it is running; one killed half-way is run again by the next worker). The worker
# runs without the autoreloader, one process to stop: restart `make run` after changing a task's code.
run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo --if-empty
	@echo "Shouwang is at http://$(HOST):$(PORT)/  (Ctrl-C stops it and its task worker)"
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup system-deps
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_PARALLEL) $(PYTEST_ARGS)

setup: $(VENV)/.installed node_modules/.installed build/echarts.min.js build/bootstrap.min.js build/offline.js
	@npm run build:css --silent
	@$(PY) scripts/messages.py compile

# One venv for running, testing and tooling: requirements-dev.txt is the runtime lock (requirements.txt,
# what production installs) plus the test tools, every package pinned with its hashes. The venv's own pip
# (whatever the system's Python ships) only installs the pinned installer, hash-checked; that pip reads the
# locks, so an upstream release never meets an old pip's resolver.
$(VENV)/.installed: requirements-installer.txt requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { bash scripts/system-deps.sh venv && $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-installer.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	@touch $@

# Recompile the locks after editing requirements.in or requirements-dev.in. Versions already locked stay
# as they are unless asked: `make lock UPGRADE="--upgrade-package django"`, or UPGRADE=--upgrade for all.
# Extras stay in the locks (fonttools[woff]==…): a lock line without them leaves the extra's requirement to the
# resolver, which an installer may then see unpinned.
LOCK_ARGS := --quiet --generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_ARGS) $(UPGRADE) -o requirements-installer.txt requirements-installer.in
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_ARGS) $(UPGRADE) -o requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile $(LOCK_ARGS) $(UPGRADE) -o requirements-dev.txt requirements-dev.in

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || bash scripts/system-deps.sh npm
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Built from node_modules at set-up, never committed (package.json "build"): the ECharts the dashboards use,
# Bootstrap's collapse, dropdown and alert, and (every set-up: it reads every template and .py file, in under
# a second) the one stylesheet: only the Bootstrap CSS the pages use (purgecss.config.js), then ours
# (assets/css/pages.css).
build/echarts.min.js: node_modules/.installed assets/echarts.js
	npm run build:echarts --silent

build/bootstrap.min.js: node_modules/.installed assets/bootstrap.js
	npm run build:bootstrap-js --silent

# The outbox's page script and the service worker (Workbox, idb), built with the ECharts above.
build/offline.js build/sw.js: node_modules/.installed assets/offline/offline.js assets/offline/sw.js
	npm run build:offline --silent

# Chromium and a CJK font for the browser tests, LibreOffice for opening exported workbooks.
system-deps:
	@bash scripts/system-deps.sh test

# Re-extract translatable strings into every catalog, or only `make makemessages APPS="children"`.
makemessages: setup
	@bash scripts/makemessages.sh $(APPS)

messages: setup

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# What CI checks besides the tests.
check: setup
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/messages.py check
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) node_modules build staticfiles artifacts
