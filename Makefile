# Every target creates the virtual environment it needs when it is missing.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install test demo bench bench-grading fuzz stress docs docs-images clean notebook

# A regular (not editable) install: the console script then starts without setuptools' editable-import
# hook (about 10 ms of every run). It is redone whenever the package's sources change; the tests
# themselves always import the working tree.
SOURCES := $(shell find symgraph -name '*.py' -o -name '*.lark' -o -path '*/assets/*' -type f)

$(STAMP): pyproject.toml $(SOURCES)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

# The seed's sigmoid neuron end to end: the step-by-step trace with its checks, the circuit in the
# terminal and as an SVG, and the seed's printed gradients checked as claims.
NEURON := @examples/sigmoid_neuron.txt --at @examples/sigmoid_neuron.point.json
demo: $(STAMP)
	$(BIN)/symgraph grad $(NEURON)
	$(BIN)/symgraph graph $(NEURON) --format rich
	@mkdir -p build
	$(BIN)/symgraph graph $(NEURON) --format svg -o build/sigmoid_neuron.svg
	$(BIN)/symgraph grad $(NEURON) --format html -o build/trace.html
	@echo "open build/trace.html in a browser to step through the passes (Next / Previous / Play, or the arrow keys)"
	$(BIN)/symgraph check $(NEURON) --claim "df/dw0 = -0.20" --claim "df/dx0 = 0.39" \
		--claim "df/dw1 = -0.39" --claim "df/dx1 = -0.59" --claim "df/dw2 = 0.20"

clean:
	rm -rf $(VENV) build site *.egg-info .pytest_cache .hypothesis

# The manual (docs/, mkdocs.yml): built with --strict, so a broken link or API reference fails, into site/
# (git ignores it). Open site/index.html in a browser. The test suite builds it too (tests/docs). mkdocs,
# Material and mkdocstrings come with the test extra (and alone: pip install '.[docs]').
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --site-dir site
	@echo "open site/index.html in a browser"

# The manual's pictures: the seed's sigmoid neuron (symgraph graph; pure Python, no Graphviz) and the
# tangent plots.
docs-images: $(STAMP)
	$(BIN)/symgraph graph @examples/sigmoid_neuron.txt --at @examples/sigmoid_neuron.point.json \
		--format svg -o docs/sigmoid_neuron.svg
	$(BIN)/symgraph plot "x**2" --at x=1 -o docs/tangent_line.png --dpi 80
	$(BIN)/symgraph plot "x**2 + y**2" --at x=1,y=1 -o docs/tangent_plane.png --dpi 70

# A deeper fuzz run of the CLI than the test suite's (tests/reliability/test_fuzz.py): random text, token soups,
# points. pytest's own -q (pyproject addopts) keeps its summary line; a second -q would hide it.
FUZZ_EXAMPLES ?= 5000
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=explore SYMGRAPH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/reliability/test_fuzz.py

# Speed, memory and the issue-6 targets against the SymPy route, measured in one run (a few minutes).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/tensor_bench.py
	$(BIN)/python benchmarks/code_bench.py

# Batch grading: 1,000 generated answers with planted mistakes, --jobs 1 and 2 (issue 12 item 5).
bench-grading: $(STAMP)
	$(BIN)/python benchmarks/grading.py

# The reliability suite, deeper (a few minutes): Ctrl-C at every stage of the start-up, nesting ten times
# deeper in every reader, more random arguments that start with '-'.
stress: $(STAMP)
	HYPOTHESIS_PROFILE=explore SYMGRAPH_STRESS=1 $(BIN)/python -m pytest tests/reliability/test_streams.py tests/reliability/test_nesting.py \
		tests/cli/test_args.py

# The seed's examples in Jupyter (examples/backprop.ipynb): opened with JupyterLab or Notebook when either is
# in the venv; otherwise run once in a kernel (nbclient and ipykernel come with the test extra) and told how.
notebook: $(STAMP)
	@if [ -x $(BIN)/jupyter-lab ]; then $(BIN)/jupyter-lab examples/backprop.ipynb; \
	elif [ -x $(BIN)/jupyter-notebook ]; then $(BIN)/jupyter-notebook examples/backprop.ipynb; \
	else cd examples && ../$(BIN)/jupyter-execute --timeout=120 backprop.ipynb && rm -f neuron_trace.html && \
	  echo "examples/backprop.ipynb ran in a kernel. To open it: $(BIN)/pip install jupyterlab, then" \
	       "$(BIN)/jupyter-lab examples/backprop.ipynb (or open the file in VS Code)"; fi

# The scale reliability tests (tests/reliability/test_linear.py) at 10x their CI sizes: correctness and
# bounded output on bigger inputs, no speed assertions (speed is `make bench`).
STRESS_SCALE ?= 10
.PHONY: stress-scale
stress-scale: $(STAMP)
	SYMGRAPH_STRESS_SCALE=$(STRESS_SCALE) $(BIN)/python -m pytest -q tests/reliability/test_linear.py

# The Gradescope autograder of examples/gradescope (setup.sh, run_autograder, problems.toml) with a symgraph
# wheel, zipped for upload: build/gradescope.zip (docs/platforms.md).
.PHONY: gradescope-zip
gradescope-zip: $(STAMP)
	rm -rf build/gradescope && mkdir -p build/gradescope
	$(BIN)/python -m pip wheel --quiet --no-deps . -w build/gradescope
	cp examples/gradescope/setup.sh examples/gradescope/run_autograder examples/gradescope/problems.toml build/gradescope/
	cd build/gradescope && $(BIN)/python -m zipfile -c ../gradescope.zip setup.sh run_autograder problems.toml symgraph-*.whl
	@echo "build/gradescope.zip: upload it in Gradescope's Configure Autograder"
