# Two commands do everything on a fresh machine: `make serve` and `make test`.
# Each installs what is missing first (a .venv here, npm packages, Chromium for browser tests).

VENV    ?= .venv
PY      := $(VENV)/bin/python
PYTHON  ?= python3
STAMP   := $(VENV)/.installed-stamp
NPMSTAMP := node_modules/.installed-stamp
HOST    ?= 127.0.0.1
PORT    ?= 8000
NOTES   ?= data

.PHONY: install serve test fuzz bench eval browser clean

# What the other targets need, installed when missing or out of date: .venv (the package with
# its test extra) and the npm packages of package-lock.json.
install: $(STAMP) $(NPMSTAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

$(NPMSTAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium (and CJK fonts) for the headless browser tests; never a downloaded browser.
browser:
	@command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'noto sans cjk' || { \
	  echo "installing chromium and fonts-noto-cjk (apt)"; \
	  apt-get update -q >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk >/dev/null; }

# Serve NOTES (default data/) on HOST:PORT: the viewer, GraphQL, RDF.
serve: install
	$(VENV)/bin/glossgraph serve $(NOTES) --host $(HOST) --port $(PORT)

# Every test, the short fuzzing run (tests/fuzz, FUZZ_EXAMPLES=6) included, on TEST_WORKERS
# pytest-xdist workers (how tests are grouped and ordered: tests/conftest.py).
TEST_WORKERS ?= 2
test: install browser
	node --test tests/viewer/
	$(PY) -m pytest -n $(TEST_WORKERS)

# The long fuzzing run: schemathesis against a real `glossgraph serve` of a copy of data/
# (GraphQL by introspection + the REST routes of tests/fuzz/openapi.yaml), FUZZ_EXAMPLES
# examples per operation and mode, a new seed each run; findings in test-output/fuzz/.
FUZZ_EXAMPLES ?= 300
FUZZ_SEED ?= random
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) FUZZ_SEED=$(FUZZ_SEED) $(PY) -m pytest tests/fuzz -m fuzz \
	  -p no:randomly -q -s

# Benchmarks (tests/bench/run.py; BENCH_SECTIONS=load for the load check alone).
bench: install browser
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) tests/bench/run.py

# The evaluation: runs tests/eval/run.py (it prints its own report).
eval: install
	$(PY) tests/eval/run.py

# Remove what the targets above made (the venv, npm packages, outputs).
clean:
	rm -rf $(VENV) node_modules test-output bench-output *.egg-info
