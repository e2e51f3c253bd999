"""The linters `make check` runs, also part of the one test command (so `.ci/run` enforces them)."""

from __future__ import annotations

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
