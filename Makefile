# facilitator: `make run` sets up and serves on port 5000 (`make run PORT=8080` for another);
# `make test` sets up and runs every test.
PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.app-installed
TEST_STAMP := $(VENV)/.test-installed

.PHONY: run test services browser translations vendor lint clean constraints

$(BIN)/python:
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
		if [ "$$(id -u)" != 0 ]; then \
			echo "Python's venv module is missing. facilitator installs into its own virtual environment (.venv),"; \
			echo "which needs Debian's package python3-venv. Install it once, then run make again:"; \
			echo "    sudo apt-get install python3-venv"; exit 1; fi; \
		echo "installing python3-venv (needed to make the virtual environment .venv)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# pyproject.toml holds version ranges; constraints.txt the exact versions this repository is tested with.
$(APP_STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(APP_STAMP) package.json
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# serve prepares the database itself (Alembic migrations) before it listens.
run: $(APP_STAMP)
	@$(BIN)/facilitator serve --host 0.0.0.0 --port $(PORT)

# PostgreSQL and Redis on 127.0.0.1 (started or installed when missing) and Debian's chromium.
services:
	bash scripts/ensure-services.sh

# Three workers on two cores (most tests wait on servers and browsers: two workers kept the cores
# busy 60 % of the time), then, alone, the few that compare latencies. TEST_WORKERS=0 runs
# everything in one process.
TEST_WORKERS ?= 3
test: services $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -n $(TEST_WORKERS) -m "not solo" --durations=25
	$(BIN)/pytest -m solo --durations=5

# Per translation domain (the host's, each plugin's): name the messages missing from its catalogs,
# then compile every catalog (the .mo files are committed). The list of catalogs is the app's own:
# facilitator/catalogs.py. `$(BIN)/python -m facilitator.catalogs update` adds a plugin's new
# messages to its catalog.
translations: $(APP_STAMP)
	$(BIN)/python -m facilitator.catalogs

# Refresh the vendored front-end files from the npm registry (versions pinned in package.json).
vendor:
	npm install --no-save --no-audit --no-fund
	cp node_modules/socket.io-client/dist/socket.io.min.js facilitator/static/vendor/socket.io.min.js

# Write the versions of the working .venv into constraints.txt (after changing a range in pyproject.toml).
constraints: $(TEST_STAMP)
	{ sed -n '1,2p' constraints.txt; $(BIN)/pip freeze --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

lint: $(TEST_STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) build *.egg-info
