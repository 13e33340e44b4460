# Every target bootstraps .venv itself, so `make run` and `make test` work on a fresh clone.
# Both install the exact, hash-checked versions of requirements/*.lock (`make lock` refreshes them
# after a dependency changes in pyproject.toml); `make run` installs no test tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed
PIP_COMPILE := $(BIN)/python -m piptools compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links

.PHONY: run demo test lint typecheck pytest bench chaos chaos-postgres clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml requirements/run.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/run.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml requirements/dev.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: $(RUN_STAMP)
	$(BIN)/hotseat run

# A real season and sample stories in a separate demo store, then the console: no network needed.
demo: $(RUN_STAMP)
	$(BIN)/hotseat demo

# Re-resolve the pinned versions from pyproject.toml (needs the package registry; ~3 minutes).
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(PIP_COMPILE) --extra charts --extra fulltext -o requirements/run.lock pyproject.toml
	$(PIP_COMPILE) --extra dev -o requirements/dev.lock pyproject.toml

lint: $(STAMP)
	$(BIN)/ruff check bot cogs storage tests bench scripts
	$(BIN)/ruff format --check bot cogs storage tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -q || { rc=$$?; [ $$rc -eq 5 ] && echo 'no tests collected' || exit $$rc; }

test: lint typecheck pytest

# Benchmarks print figures and ratios; those needing ../shared data skip cleanly without it.
# store.py builds (and caches under bench/out/) the 1M-article store that commands.py and retention.py use.
BENCHES := poll parse feedparser_suite analyze eval_analysis tables eval_tables rumours \
	registry_mentions store commands cycle retention analysis_pool pollers

bench: $(STAMP)
	@for b in $(BENCHES); do echo "== bench/$$b.py"; $(BIN)/python bench/$$b.py || exit 1; done

# The crash drill: 100 SIGKILLs of console mode mid-poll, mid-analysis and mid-delivery (~6-8 min).
chaos: $(STAMP)
	$(BIN)/python scripts/crash_drill.py --runs 100

# The same drill on PostgreSQL: a database created for it on this server, dropped when the drill passes.
POSTGRES_SERVER ?= postgresql://postgres@127.0.0.1:5432/postgres
chaos-postgres: $(STAMP)
	$(BIN)/python scripts/crash_drill.py --runs 100 --postgres $(POSTGRES_SERVER)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
