# watchkeeper: `make run` screens a sample against the real lists, `make test` runs all checks.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LISTS ?= ../shared/data/lists
export WATCHKEEPER_HOME ?= $(CURDIR)/data

# The newest file of each list in the reference data, used when there is no network.
DEMO_LISTS := \
	$(LISTS)/un/un_consolidated_2026-02-27.xml \
	$(LISTS)/ofac_sdn_2024/sdn_2024-05-03.csv \
	$(LISTS)/ofac_non_sdn/cons_sdnlist_format_2026-01-08.xml \
	$(LISTS)/uk/ofsi_conlist_2025-04-10.xlsx \
	$(LISTS)/eu/eu_fsf_xml_v1_0_2016-02-11_regime_subset.xml \
	$(LISTS)/other/canada_sema_consolidated_2025-03.xml \
	$(LISTS)/us_csl/consolidated_2022.csv.gz \
	$(LISTS)/us_other/dpl_2023-11.txt

.PHONY: install run lists test lint

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# Lists from the official URLs with ONLINE=1, else from the local reference folder.
lists: install
ifeq ($(ONLINE),1)
	$(BIN)/watchkeeper lists update
else
	$(BIN)/watchkeeper lists import $(DEMO_LISTS)
endif
	$(BIN)/watchkeeper lists status

run: lists
	$(BIN)/watchkeeper screen --sample

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q
