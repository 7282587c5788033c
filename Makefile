# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install install-dev demo test lint eval eval-heldout bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

# The tests also need Chromium (browser tests) and PyICU's build deps (FtM export).
$(DEV_STAMP): pyproject.toml $(STAMP)
	./scripts/system-deps
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

demo: install
	rm -f demo.db demo.db-wal demo.db-shm
	$(BIN)/rashomon analyze demo/corpus --db demo.db
	$(BIN)/rashomon articles --db demo.db
	$(BIN)/rashomon entities --db demo.db --type PERSON | head -n 8
	$(BIN)/rashomon timeline --db demo.db | head -n 12
	$(BIN)/rashomon stories --db demo.db
	$(BIN)/rashomon story $$($(BIN)/rashomon stories --db demo.db | sort -t"$$(printf '\t')" -k2,2nr | head -n 1 | cut -f1) --db demo.db | head -n 60
	$(BIN)/rashomon export --format json --db demo.db -o demo-export.json

test: install-dev
	$(BIN)/ruff check src tests eval bench
	$(BIN)/pytest

eval: install-dev
	$(BIN)/python eval/clean_eval.py
	$(BIN)/python eval/understand_eval.py
	$(BIN)/python eval/compare_eval.py
	$(BIN)/python eval/stories_embed_eval.py

eval-heldout: install-dev
	$(BIN)/python eval/clean_eval.py --heldout
	$(BIN)/python eval/understand_eval.py --heldout
	$(BIN)/python eval/understand_eval.py --data eval/data/understand_heldout2
	$(BIN)/python eval/compare_eval.py --heldout
	$(BIN)/python eval/compare_eval.py --data eval/data/compare/heldout2
	$(BIN)/python eval/validate_labels.py eval/data/understand eval/data/understand_heldout eval/data/understand_heldout2 eval/data/compare/dev eval/data/compare/heldout eval/data/compare/heldout2

bench: install-dev
	$(BIN)/python bench/bench_clean.py
	$(BIN)/python bench/bench_understand.py
	$(BIN)/python bench/bench_compare.py

clean:
	rm -rf $(VENV) *.egg-info demo.db* demo-export.json
