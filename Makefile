# Two commands do everything on a fresh machine:
#   make serve   create .venv, install the site's requirements, serve on http://127.0.0.1:8000/field-guide/
#   make test    install test needs (Python, axe-core, Debian's Chromium) and run every test
# Other targets: build (strict), check (data + schemas + lint), bench (performance budgets).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical test check bench clean install install-dev install-zensical

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt constraints.txt pyproject.toml | $(BIN)/python
	bash scripts/ensure-cairo.sh
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt constraints.txt pyproject.toml package.json package-lock.json | $(BIN)/python
	bash scripts/ensure-cairo.sh
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps -e .
	npm ci --silent --no-audit --no-fund
	touch $@

install: $(VENV)/.site-installed
install-dev: $(VENV)/.dev-installed

# Zensical, the optional third builder (README: "Builders").
$(VENV)/.zensical-installed: requirements-zensical.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet -r requirements-zensical.txt -c constraints.txt
	touch $@

install-zensical: $(VENV)/.zensical-installed

# Zensical runs no MkDocs hooks: the font goes in place first, the post-build step runs after.
build-zensical: install-zensical
	$(BIN)/python -m lvm_site.social_fonts
	$(BIN)/zensical build -f mkdocs.yml
	$(BIN)/python -m lvm_site.postbuild site

serve: install
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

check: install-dev
	$(BIN)/python -m macros.data
	$(BIN)/python scripts/export_schemas.py --check
	$(BIN)/ruff check macros lvm_site hooks scripts tests
	$(BIN)/ruff format --check macros lvm_site hooks scripts tests
	$(BIN)/yamllint -s data .github mkdocs.yml
	$(BIN)/codespell docs data macros README.md CONTRIBUTING.md

test: install-dev
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .pytest_cache
