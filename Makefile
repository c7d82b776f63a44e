# Every target creates the virtual environment it needs when it is missing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test demo bench fuzz docs clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/symgraph grad @examples/sigmoid_neuron.txt --at @examples/sigmoid_neuron.point.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis

# The README's diagram of the seed's sigmoid neuron (symgraph graph; pure Python, no Graphviz).
docs: $(STAMP)
	$(BIN)/symgraph graph @examples/sigmoid_neuron.txt --at @examples/sigmoid_neuron.point.json \
		--format svg -o docs/sigmoid_neuron.svg

# A deeper fuzz run of the CLI than the test suite's (tests/test_fuzz.py): random text, token soups, points.
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	SYMGRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/test_fuzz.py
