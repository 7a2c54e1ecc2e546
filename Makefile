# goc_perf: the commands a newcomer needs. `make run` serves the demo; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := .make
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run dev test lint fmt migrate demo bench clean backup restore drills system-packages lock

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools

# Installs come from the hashed lock files only (requirements/*.txt, compiled from requirements/*.in
# by `make lock`): every transitive package pinned, every file checked against its hash.
$(STAMP)/base: requirements/base.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements/base.txt
	@mkdir -p $(STAMP) && touch $@

# The Debian packages the suite needs (Chromium, pango, fonts, LDAP/SASL headers, ...): checked every
# time; as root the missing ones are installed, otherwise the `apt-get install` line is printed.
system-packages:
	@scripts/system_packages.sh

$(STAMP)/dev: requirements/dev.txt | $(PY) system-packages
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	@mkdir -p $(STAMP) && touch $@ $(STAMP)/base

# Regenerate the lock files after editing requirements/*.in (add a package there, with its reason),
# for Python 3.11 on any platform. Commit the .in and the .txt files together.
UV_COMPILE = $(VENV)/bin/uv pip compile --quiet --generate-hashes --universal --python-version 3.11 \
	--annotation-style line --custom-compile-command "make lock"
lock: $(STAMP)/dev
	$(UV_COMPILE) requirements/base.in -o requirements/base.txt
	$(UV_COMPILE) requirements/ldap.in -o requirements/ldap.txt
	$(UV_COMPILE) requirements/dev.in -o requirements/dev.txt

migrate: $(STAMP)/base
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# Serve the demo on http://$(HOST):$(PORT). With no DATABASE_URL/CELERY_BROKER_URL: SQLite and
# in-process tasks. With CELERY_BROKER_URL set, a Celery worker runs beside the web server.
run: demo
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@if [ -n "$$CELERY_BROKER_URL" ]; then \
		TZ=Europe/Istanbul $(VENV)/bin/celery -A goc_perf worker --beat --loglevel=INFO --concurrency=2 & \
		trap "kill $$! 2>/dev/null" EXIT INT TERM; \
		TZ=Europe/Istanbul $(VENV)/bin/gunicorn goc_perf.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -; \
	else \
		TZ=Europe/Istanbul $(VENV)/bin/gunicorn goc_perf.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -; \
	fi

# Development server with auto-reload and debug pages.
dev: demo
	DEBUG=true $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite against the real PostgreSQL (a fresh test database) and Redis.
test: system-packages $(STAMP)/dev
	DATABASE_URL=sqlite://:memory: $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest --create-db $(PYTEST_ARGS)

# Benchmarks on PostgreSQL with the large synthetic administration (the commands live in benchmarks/);
# figures go to docs/benchmarks.md. The database is the one BENCH_DATABASE_URL names (created when
# missing); runs again on the same database (each run replaces the synthetic administration). Every
# benchmark records its goals in bench-results.jsonl; bench_summary prints goal | measured | met.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/goc_perf_bench
BENCH_DB = $(lastword $(subst /, ,$(BENCH_DATABASE_URL)))
BENCH_SERVER_URL = $(BENCH_DATABASE_URL:/$(BENCH_DB)=/postgres)
BENCH = DATABASE_URL=$(BENCH_DATABASE_URL) BENCH_RESULTS=bench-results.jsonl $(PY) manage.py
bench: $(STAMP)/dev
	psql "$(BENCH_SERVER_URL)" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB)'" | grep -q 1 \
		|| psql "$(BENCH_SERVER_URL)" -c 'CREATE DATABASE "$(BENCH_DB)"'
	rm -f bench-results.jsonl
	$(BENCH) migrate --noinput --verbosity 0
	$(BENCH) generate_synthetic --units 100 --indicators 500 --years 5
	$(BENCH) bench_engine
	$(BENCH) bench_dashboard
	$(BENCH) bench_pages
	$(BENCH) bench_form3
	$(BENCH) bench_budget
	# XLSX streamed by a write-only workbook: Form-3 and Form-4 at 500, 8.000 and 50.000 indicators (SYN regenerated
	# with one year for each), peak RSS and its flatness in the size recorded as goals.
	$(BENCH) bench_exports --formats xlsx --units 1,16,100
	# PDF and DOCX laid out in chunks: Form-4 at 5.000 and 50.000 indicators (SYN regenerated with one year for
	# each), peak RSS < 1 GiB and flat in the size; about 6 minutes of CPU on the 2-core machine.
	$(BENCH) bench_exports --reports form4 --formats pdf,docx --units 10,100
	# The engine at 20.000, 200.000 and 1.000.000 quarterly values (SYN regenerated at each size): the ratios to one
	# GROUP BY (nothing changed, 1 % changed, all evaluated) and whether the peak RSS stays flat; about 25 minutes.
	$(BENCH) bench_engine --repeat 1 --sizes 20000,200000,1000000
	$(BENCH) bench_summary

# Back up the database of DATABASE_URL (pg_dump, custom format) to BACKUP, by default
# backups/goc_perf-<time>.dump. See docs/operations.md.
backup: $(STAMP)/base
	$(PY) manage.py backup $(if $(BACKUP),--output $(BACKUP))

# Restore BACKUP into a new database RESTORE_DB on the same server (never over an existing one).
restore: $(STAMP)/base
	@test -n "$(BACKUP)" -a -n "$(RESTORE_DB)" \
		|| { echo "usage: make restore BACKUP=backups/goc_perf-....dump RESTORE_DB=goc_perf_restored"; exit 2; }
	$(PY) manage.py restore --input $(BACKUP) --database $(RESTORE_DB)

# The reliability drills of docs/drills.md (tests/drills, marker `drill`; they run only when `-m` names them, so `make test` skips them).
# Long (about 45 minutes); each prints its figures, collected in drill-figures.txt. The
# restart drills start their own PostgreSQL cluster and redis-server under /tmp: the shared ones
# are never restarted.
drills: $(STAMP)/dev
	rm -f drill-figures.txt
	LOG_LEVEL=ERROR DRILL_FIGURES=drill-figures.txt $(VENV)/bin/pytest tests/drills -m drill -s -p no:logging $(PYTEST_ARGS)
	@cat drill-figures.txt

# Style, types, the one-way dependencies between apps (.importlinter), the templates (djLint), a
# security scan of the code (medium and high findings fail; each answered one has a `# nosec` with
# its reason) and the installed packages' known vulnerabilities.
lint: $(STAMP)/dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/bandit --quiet --configfile pyproject.toml --recursive --severity-level medium .
	$(PY) scripts/pip_audit.py

fmt: $(STAMP)/dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) $(STAMP) staticfiles db.sqlite3
