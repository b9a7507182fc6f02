# Verbs for developers and CI. `make serve` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: install test-deps serve build check lint test golden schemas bench relevance publish stress clean
BUNDLE ?= dist/portal
TEST_WORKERS ?= 2       # pytest-xdist workers for `make test` (0: one process)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

test-deps:              ## Debian chromium + Java + npm ci (browser tests, HTML checker, Lighthouse)
	bash scripts/test-deps.sh

serve: install          ## build the sample portal and serve it on http://127.0.0.1:8000 (editor at /quan-tri/)
	@test -f node_modules/decap-cms/dist/decap-cms.js || ! command -v npm >/dev/null || \
	  npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error
	$(BIN)/portal serve

build: install          ## check + generate + mkdocs build into site/
	$(BIN)/portal build

publish: install        ## what CI publishes: check, then the bundle (site with links checked + search index + deploy files)
	$(BIN)/portal check --strict
	$(BIN)/portal bundle --out $(BUNDLE)

check: install          ## validate the content, print every problem
	$(BIN)/portal check

lint: install           ## the layering (import contracts in pyproject.toml) and ruff
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check site_builder search tests bench scripts

test: install test-deps lint ## lint, then the whole test suite (on TEST_WORKERS processes, a test file per worker)
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadfile

golden: install         ## regenerate golden Markdown and broken/expected-problems.txt (review the diff!)
	$(BIN)/portal generate --root tests/fixtures/sites/full --out tests/golden/full
	find tests/golden/full -type f ! -name '*.md' -delete   # golden = generated Markdown only
	find tests/golden/full -type d -empty -delete
	$(BIN)/portal check --root tests/fixtures/sites/broken > tests/fixtures/sites/broken/expected-problems.txt 2>&1 || test $$? -eq 1

schemas: install        ## re-export the JSON Schemas for editors
	$(BIN)/portal schemas --out schemas

bench: install test-deps ## timings, peak memory, page weights, Lighthouse scores, search relevance (generates the scale corpus)
	-$(BIN)/python bench/relevance.py
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/pages_bench.py
	$(BIN)/python bench/preview_bench.py

relevance: install      ## search relevance on the sample: hit@3 and MRR per class of query (bench/relevance.yml)
	$(BIN)/python bench/relevance.py --misses

clean:
	rm -rf site bench-out .pytest_cache

stress: install          ## search under fuzzing, load, index swaps and a killed worker (full counts; the tests run small ones)
	$(BIN)/python bench/stress.py --fuzz 100000 --clients 50 --seconds 60 --swaps 3 --kill $(STRESS_ARGS)
