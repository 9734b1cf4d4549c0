# policy-search: `make run` installs, builds (or updates) the index and serves it; `make test` tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# What `make index` / `make run` index: every report — the national and provincial reports
# and the plans (corpus/) and the 2,088 city reports (corpus-cities/); CORPUS=default keeps
# to corpus/.
CORPUS ?= all
CORPUS_PATHS := corpus $(if $(filter default,$(CORPUS)),,corpus-cities)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: system install browser index run test lint plant bench clean

# A fresh Debian/Ubuntu has python3 without venv/ensurepip: install it first.
system:
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  echo "installing python3-venv (apt)"; $(APT) update -qq && $(APT) install -y -qq python3-venv >/dev/null; }

$(STAMP): pyproject.toml | system
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/policy-search index $(CORPUS_PATHS)

run: index
	$(BIN)/policy-search serve --host $(HOST) --port $(PORT)

# The browser tests drive Debian's Chromium; CJK fonts make pages render Chinese;
# Playwright's driver needs libatomic1, which a minimal Debian lacks.
browser:
	@command -v chromium >/dev/null && fc-list | grep -qi "Noto Sans CJK" && dpkg -s libatomic1 >/dev/null 2>&1 || { \
	  echo "installing chromium, fonts-noto-cjk and libatomic1 (apt)"; \
	  $(APT) update -qq && $(APT) install -y -qq chromium fonts-noto-cjk libatomic1 >/dev/null; }

lint: install
	$(BIN)/ruff check indexer searchui tests
	$(BIN)/ruff format --check indexer searchui tests

test: browser lint
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

# Planted bugs, one at a time in a copy of the tree, each against the tests of its feature
# (tests/plant.py; not part of `make test`).
plant: install
	$(BIN)/python -m tests.plant

bench: install
	$(BIN)/python -m indexer.bench

clean:
	rm -rf index build .pytest_cache
