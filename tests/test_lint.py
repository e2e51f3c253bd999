"""The linters `make check` runs, also part of the one test command (so `.ci/run` enforces them)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PY_DIRS = ["macros", "lvm_site", "hooks", "scripts", "tests"]

LINTERS = {
    "ruff check": [str(BIN / "ruff"), "check", *PY_DIRS],
    "ruff format": [str(BIN / "ruff"), "format", "--check", *PY_DIRS],
    "yamllint": [str(BIN / "yamllint"), "-s", "data", ".github", "mkdocs.yml"],
    "codespell": [str(BIN / "codespell"), "docs", "data", "macros", "README.md", "CONTRIBUTING.md"],
}


@pytest.mark.parametrize("name", LINTERS)
def test_linter_is_clean(name):
    result = subprocess.run(LINTERS[name], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"{name} found problems:\n{result.stdout}{result.stderr}"


@pytest.mark.parametrize("sheet", sorted((ROOT / "overrides").rglob("*.css")), ids=lambda p: p.name)
def test_stylesheet_blocks_close_where_they_open(sheet):
    """A missing ``}`` is no CSS error: every rule after it silently moves into the open block (an
    ``@media print`` once swallowed the screen styles of the rest of the file). Each block must
    close, and none may hold a section banner (``/* ----``), which only stands at the top level."""
    text = sheet.read_text(encoding="utf-8")
    depth, line = 0, 1
    for token in re.finditer(r"/\*.*?\*/|\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|[{}]|\n", text, re.S):
        found = token.group()
        if found == "\n":
            line += 1
        elif found == "{":
            depth += 1
        elif found == "}":
            depth -= 1
            assert depth >= 0, f"{sheet.name}:{line}: a '}}' closes nothing"
        else:
            assert not (depth and found.startswith("/* ----")), f"{sheet.name}:{line}: a section banner inside a block"
            line += found.count("\n")
    assert depth == 0, f"{sheet.name}: {depth} block(s) never closed"
