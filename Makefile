# Every target bootstraps .venv itself, so `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck pytest bench chaos clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/hotseat run

lint: $(STAMP)
	$(BIN)/ruff check bot cogs storage tests bench
	$(BIN)/ruff format --check bot cogs storage tests bench

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

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
