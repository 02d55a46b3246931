# vnhealth-kg: `make run` sets up and builds the graph; `make test` sets up and runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
KG := $(BIN)/kg

.PHONY: run test venv browser lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

## run: build the graph into the default store (.kg/store) and answer three sample questions
run: venv
	$(KG) build
	@echo; echo '== Which posts does Đào Hồng Lan hold?'
	$(KG) roles "dao hong lan"
	@echo; echo '== Which bodies does the Vietnam Health Trade Union coordinate with, and through what?'
	$(KG) coordination "Công đoàn Y tế Việt Nam"
	@echo; echo '== Who cites Resolution 72-NQ/TW?'
	$(KG) cites "72-NQ/TW"

## browser: Debian's chromium for the HTML graph tests (installed when missing)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

lint: venv
	$(BIN)/ruff check kg tests benchmarks

## test: set up, then lint and run the whole suite
test: venv browser lint
	$(BIN)/pytest -q

clean:
	rm -rf .kg test-artifacts .pytest_cache

## bench: build, load and lookup figures at 1M and 10M triples next to their baselines (~40 min, ~15 GB disk),
## then extraction throughput, HTML generation, and query safety on the 1M graph
bench: venv
	$(BIN)/python benchmarks/bench.py --results benchmarks/out/results.md
	$(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_viz.py
	$(BIN)/python benchmarks/bench_query_safety.py

## test-virtuoso: the sparql: store tests against Debian's Virtuoso (installed when missing; the tests start and stop it)
test-virtuoso: venv
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  echo "installing Debian virtuoso-opensource"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq virtuoso-opensource >/dev/null; }
	KG_TEST_SERVER=virtuoso $(BIN)/pytest -q tests/test_remote.py

.PHONY: test-virtuoso
