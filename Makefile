# Two entry points on a fresh machine: `make run` and `make test` (both set everything up first).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Coverage (lines and branches) of domain/ and application/: 97.50 % and 97.60 % measured on 2026-12-04.
CORE_COVERAGE_FLOOR ?= 97

.PHONY: setup run console test lint typecheck contracts unit bench clean lock upgrade-ytdlp audit coverage image

# What pyproject.toml asks for, at the versions in requirements-dev.lock (`make lock` writes it): every machine
# installs the same set. A dependency not locked yet still installs (unpinned); a test says to run `make lock`.
$(BIN)/.installed: pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements-dev.lock -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

# The bot on its embedded defaults: the Discord bot when DISCORD_TOKEN is set (environment or .env), else the
# console player.
run: setup
	$(BIN)/musicbot start

console: setup
	$(BIN)/musicbot console $(ARGS)

lint: setup
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: setup
	$(BIN)/mypy

# The import-linter contracts (pyproject.toml), then no import cycle between modules or packages of src/.
contracts: setup
	$(BIN)/lint-imports
	$(BIN)/python tools/import_cycles.py

# Coverage is measured on every run; its floors are checked (by `make coverage`) only when the whole suite ran.
test: lint typecheck contracts
	$(BIN)/pytest --cov --cov-report= --cov-fail-under=0 $(PYTEST_ARGS)
	@if [ -z "$(PYTEST_ARGS)" ]; then $(MAKE) --no-print-directory coverage; fi

# The 15 least covered modules, the total (fails under [tool.coverage.report] fail_under), then the branch
# coverage of the core (domain and application), which has a floor of its own.
coverage: setup
	@$(BIN)/coverage report --sort=cover --skip-covered | sed -n '1,17p'  # sed reads it all: no broken pipe
	@$(BIN)/coverage report --format=total --fail-under=0 | sed 's/^/total coverage (lines and branches): /;s/$$/ %/'
	@$(BIN)/coverage report >/dev/null || { echo "coverage fell below fail_under in pyproject.toml"; exit 1; }
	@$(BIN)/coverage report --include='src/musicbot/domain/*,src/musicbot/application/*' --format=total \
		--fail-under=0 | sed 's/^/domain and application: /;s/$$/ %/'
	@$(BIN)/coverage report --include='src/musicbot/domain/*,src/musicbot/application/*' \
		--fail-under=$(CORE_COVERAGE_FLOOR) >/dev/null || { echo "core coverage fell below $(CORE_COVERAGE_FLOOR) %"; exit 1; }

# Known vulnerabilities in the locked set (tools/audit.py says so in one line when no service answers).
audit: setup
	$(BIN)/python tools/audit.py requirements-dev.lock

# requirements.lock (what the image installs) and requirements-dev.lock (plus the dev tools: `make setup`, CI)
# from pyproject.toml; run after changing a dependency there. Versions already locked stay as they are
# (`make lock UV_ARGS=--upgrade` moves everything to the newest).
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --quiet $(UV_ARGS)
lock: setup
	$(UV_COMPILE) -o requirements.lock
	$(UV_COMPILE) --extra dev -c requirements.lock -o requirements-dev.lock

# yt-dlp on its own, as often as sites change: its newest release into both lock files and into .venv.
upgrade-ytdlp: setup
	$(MAKE) --no-print-directory lock UV_ARGS="--upgrade-package yt-dlp"
	$(BIN)/python -m pip install --quiet --upgrade -c requirements-dev.lock yt-dlp
	$(BIN)/yt-dlp --version

# The container image for this machine (docker/build.sh; BASE_IMAGE=... for another base, docs/operations.md).
image:
	docker/build.sh $(IMAGE_TAG)

bench: setup
	$(BIN)/python -m bench.play_latency

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis .coverage .coverage.*
