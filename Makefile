# make demo   set everything up and build every sample year into output/
# make test   set everything up and run the whole test suite (with ruff, the import
#             contract that keeps the pipeline one-way, and mypy)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
YEARS := $(patsubst %/,%,$(dir $(wildcard content/*/report.yaml)))

.PHONY: demo test lint templates reference schema golden samples bench clean

demo: $(VENV)/.installed
	@scripts/system-packages demo
	@for year in $(YEARS); do $(BIN)/reportgen build $$year || exit 1; done

test: $(VENV)/.installed-test
	@scripts/system-packages test
	$(BIN)/ruff check reportgen tests tools bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/pytest -q -n 2 --dist loadfile

lint: $(VENV)/.installed-test
	$(BIN)/ruff check reportgen tests tools bench
	$(BIN)/ruff format --check reportgen tests tools bench

# Rebuild the built-in Word templates from tools/make_word_templates.py.
templates: $(VENV)/.installed
	$(BIN)/python tools/make_word_templates.py
	$(BIN)/python tools/make_draft_watermark.py

# Rewrite docs/reference.md (every field of every content file) from reportgen/model/.
reference: $(VENV)/.installed
	$(BIN)/python tools/make_reference.py

# Rewrite docs/schemas/ (a JSON Schema per kind of content file) from reportgen/model/, and
# give every file in content/ the first line that points an editor at its schema.
schema: $(VENV)/.installed
	$(BIN)/reportgen schema --link content

# Rewrite tests/golden/ from the current output (review the diff before committing).
golden: $(VENV)/.installed-test
	$(BIN)/python -m tests.golden

# Refresh the tests' frozen copy of the sample years (tests/data/samples/) from content/, on
# purpose: the tests never read content/, so officers' edits and sign-offs there cannot break
# them. Sign-offs, hidden and backup files are left out. Then `make golden` and review the diff.
SAMPLES := content/2016-17 content/2018-19 content/library
samples:
	rm -rf tests/data/samples.new
	mkdir -p tests/data/samples.new
	cp -R $(SAMPLES) tests/data/samples.new/
	find tests/data/samples.new -mindepth 1 \( -name signoffs.yaml -o -name '.*' -o -name '*~' \) -prune -exec rm -rf {} +
	rm -rf tests/data/samples
	mv tests/data/samples.new tests/data/samples

bench: $(VENV)/.installed
	$(BIN)/python bench/cold_year.py
	$(BIN)/python bench/rebuild.py
	$(BIN)/python bench/build_year.py
	$(BIN)/python bench/check_rows.py
	$(BIN)/python bench/preview_refresh.py

$(VENV)/.created:
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed: sudo apt-get install -y python3 python3-venv" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 or newer is needed; $(PYTHON) is older." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { echo "Python's venv module is missing: sudo apt-get install -y python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed

clean:
	rm -rf $(VENV) output
