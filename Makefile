# Two commands do all set-up (see README):  make   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: all build notebooks test bench exercises clean

all: build

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10+ is required"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

build: $(STAMP)
	$(BIN)/dalian-reports build --notebooks

notebooks: $(STAMP)
	$(BIN)/dalian-reports notebooks

exercises: $(STAMP)
	$(BIN)/dalian-reports exercises

test: $(STAMP)
	$(BIN)/python -m pytest

# make bench BENCH_ARGS="--notebooks" (or --quick, --only ...; see benchmarks/run.py --help)
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) figures/*.png figures/*.svg data/processed/*.xlsx
