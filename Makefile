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

.PHONY: install serve test bench browser clean

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

serve: install
	$(VENV)/bin/glossgraph serve $(NOTES) --host $(HOST) --port $(PORT)

test: install browser
	$(PY) -m pytest

bench: install
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) tests/bench/run.py

clean:
	rm -rf $(VENV) node_modules test-output bench-output *.egg-info
