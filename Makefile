# policy-search: `make run` installs, builds (or updates) the index and serves it; `make test` tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install browser index run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/policy-search index

run: index
	$(BIN)/policy-search serve --host $(HOST) --port $(PORT)

# The browser tests drive Debian's Chromium; CJK fonts make pages render Chinese.
browser:
	@command -v chromium >/dev/null && fc-list | grep -qi "Noto Sans CJK" || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

lint: install
	$(BIN)/ruff check indexer searchui tests
	$(BIN)/ruff format --check indexer searchui tests

test: lint browser
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m indexer.bench

clean:
	rm -rf index build .pytest_cache
