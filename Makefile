# Two entry points for a fresh clone: `make demo` and `make test`. Both set up .venv first.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint bench clean

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[web,test,postgres,dask]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sitrep demo

# Installs Chromium and PostgreSQL too when run as root on Debian (.ci/system-deps.sh).
test: $(STAMP)
	SITREP_TEST_PG="$${SITREP_TEST_PG:-$$(.ci/system-deps.sh | tail -1)}" $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/tempeval3.py
	$(BIN)/python benchmarks/plover.py

clean:
	rm -rf $(VENV) sitrep.db
