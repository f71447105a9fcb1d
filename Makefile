# The edition's commands. Each target sets up .venv from requirements.txt when it is
# missing or older than requirements.txt, so a fresh clone needs nothing but Python.

PYTHON      ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
SPHINXBUILD := $(VENV)/bin/sphinx-build
# Sphinx writes with jobs − 1 processes while its main process resolves and indexes each page;
# one job more than cores keeps every core busy (2,000 articles on 2 cores: 45 → 41 s; README, Performance).
JOBS        ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) + 1 )))
SPHINXOPTS  ?= -W --keep-going -q -j $(JOBS)
SOURCE      := source
BUILD       := build
SEEDS       ?= seeds
OUT         ?= $(SOURCE)/articles
FORCE       ?=
export PYTHONHASHSEED := 0

.PHONY: help setup import generate html epub check lint test bench clean

help:
	@echo "make html | epub | check | lint | test | bench | import [SEEDS=dir OUT=dir] | clean"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed

import: setup
	$(PY) -m tools import --seeds $(SEEDS) --out $(OUT) $(foreach slug,$(FORCE),--force $(slug))

generate: import
	$(PY) -m tools generate --source $(SOURCE)

html: generate
	$(SPHINXBUILD) -M html $(SOURCE) $(BUILD) -c . $(SPHINXOPTS)

epub: generate
	$(SPHINXBUILD) -M epub $(SOURCE) $(BUILD) -c . $(SPHINXOPTS)

check: html epub
	$(PY) -m tools check --build $(BUILD)

lint: setup
	$(PY) -m tools lint $(SOURCE)

test: setup
	$(PY) -m tools browser-setup
	$(PY) -m pytest -q

bench: setup
	$(PY) -m tools bench --build $(BUILD)/bench

clean:
	rm -rf $(BUILD)
