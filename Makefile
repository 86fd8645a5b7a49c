# The two commands a new user needs (README, Quick start):
#   make site   builds the edition: sources/ -> tei/ -> docs/ -> site/
#   make test   runs the whole test suite (installs what it needs first)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: site tei test check serve clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(BIN)/.installed
	$(BIN)/honkoku build

tei: $(BIN)/.installed
	$(BIN)/honkoku tei

check: $(BIN)/.installed
	$(BIN)/honkoku check

serve: $(BIN)/.installed
	$(BIN)/honkoku serve

test: $(BIN)/.installed
	sh scripts/ensure-browser.sh
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) site .pytest_cache
