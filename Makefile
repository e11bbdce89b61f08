# Two commands: `make run` (the dashboard) and `make test` (every test). Each installs what it needs.
# uv is bootstrapped into .tools/ with pip, then installs the locked environment into .venv/.
PYTHON ?= python3
UV := .tools/bin/uv
export UV_PYTHON_DOWNLOADS := never
PORT ?= 8501

.PHONY: run serve test validate audit bench clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet --disable-pip-version-check uv

.venv/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked
	touch $@

run: .venv/.synced
	$(UV) run --locked streamlit run app.py --server.headless true --server.address 127.0.0.1 \
		--server.port $(PORT) --browser.gatherUsageStats false

# Several Streamlit processes (PROCESSES, default: the cores) on loopback ports behind HAProxy on ADDRESS:PORT, with
# sticky sessions (docs/serving.md). HOSTS: the host names readers use, when not only localhost. Ctrl-C stops all.
PROCESSES ?=
ADDRESS ?= 127.0.0.1
HOSTS ?=
serve: .venv/.synced
	$(UV) run --locked python -m ecodash.serving --address $(ADDRESS) --port $(PORT) \
		$(if $(PROCESSES),--processes $(PROCESSES)) $(foreach host,$(HOSTS),--host $(host))

# Lint and format checks, the import layers (pyproject's import-linter contracts), the data, then the fast tests (dots), then the browser tests one per line, so a long run
# shows where it is.
test: .venv/.synced
	$(UV) run --locked ruff check .
	$(UV) run --locked ruff format --check .
	$(UV) run --locked lint-imports --no-cache
	$(UV) run --locked ecodash validate
	$(UV) run --locked pytest -m "not e2e"
	$(UV) run --locked pytest -m e2e -v

validate: .venv/.synced
	$(UV) run --locked ecodash validate

audit: .venv/.synced
	$(UV) run --locked ecodash audit

# Benchmarks (never part of make test): each prints its table and records it in bench/RESULTS.md and results.json.
# About 35 minutes on 2 cores: data scale ~12, browser ~10, 20 sessions ~11 (direct, then through HAProxy).
# The 10 000-fact dataset bench_scale.py generates and caches.
BENCH_10K := $(or $(TMPDIR),/tmp)/ecodash-bench/10000-seed0/data
bench: .venv/.synced
	$(UV) run --locked python bench/bench_scale.py
	$(UV) run --locked python bench/bench_browser.py --runs 5
	$(UV) run --locked python bench/bench_sessions.py --data-10k $(BENCH_10K) --balanced 2

clean:
	rm -rf .venv .tools test-artifacts .pytest_cache
