"""What the hostile-input tests share (tests/test_data_hardening.py, tests/test_text_hardening.py,
tests/test_hostile_inputs.py): a fresh copy of the minimal data, an edit, the one problem line it
makes (short, one line, printable, no traceback), and the limits the checker runs under.

``data_dir`` is a fixture: import it by name into a test module to use it there.
"""

from __future__ import annotations

import resource
import shutil

import pytest

from .conftest import MINIMAL
from .test_data import edit, only, problems

__all__ = ["MINIMAL", "SHORT", "data_dir", "edit", "limits", "only", "problems", "short_only"]

#: One problem line is short: file, line, entry, field, message and at most a short excerpt.
SHORT = 250


@pytest.fixture()
def data_dir(tmp_path):
    """A copy of the minimal fixture's data/ to break one thing in."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def short_only(data_dir) -> str:
    """The one problem the data now has, checked to be one short printable line."""
    line = only(data_dir)
    assert len(line) < SHORT, f"{len(line)} characters: {line[:300]}…"
    assert line.isprintable() and "Traceback" not in line, line[:300]
    return line


def limits() -> None:  # pragma: no cover (runs in the child)
    """For the checker run in a subprocess: 30 s of CPU time, 1 GiB of address space."""
    resource.setrlimit(resource.RLIMIT_CPU, (30, 30))
    resource.setrlimit(resource.RLIMIT_AS, (1024**3, 1024**3))
