"""Repository settings: code owners cover what ships to readers and runs in CI; Renovate keeps
every pin (container digest, Actions SHAs, Python and npm) exact and up to date."""

from __future__ import annotations

import fnmatch
import json

from macros.models import KINDS

from .conftest import ROOT

#: Paths whose changes ship to readers or run in CI: each must have a code owner.
OWNED = (
    "overrides/main.html",
    "hooks/x.py",
    "macros/data.py",
    "scripts/bench.py",
    ".github/workflows/ci.yml",
    ".ci/run",
    "Makefile",
    "mkdocs.yml",
    "requirements.in",
    "requirements-dev.in",
    "requirements.txt",
    "requirements-dev.txt",
    "package.json",
    "package-lock.json",
    "docs/index.md",
    KINDS["traits"].data_file("empathetic"),
)
PLACEHOLDER = "@leading-vs-managing/maintainers"


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str, rules: list[tuple[str, list[str]]]) -> list[str]:
    """The owners GitHub applies to ``path`` (the last matching rule wins); anchored patterns only."""
    found: list[str] = []
    for pattern, owners in rules:
        anchored = pattern.lstrip("/")
        if anchored.endswith("/") and path.startswith(anchored) or fnmatch.fnmatch(path, anchored):
            found = owners
    return found


def test_code_owners_cover_what_ships_and_runs_in_ci():
    rules = codeowners()
    unowned = [p for p in OWNED if not owners_of(p, rules)]
    assert not unowned, f"add these to .github/CODEOWNERS: {unowned}"
    for pattern, owners in rules:
        assert owners and all(o.startswith("@") or "@" in o for o in owners), pattern


def test_placeholder_team_is_marked_and_readme_says_to_replace_it():
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if PLACEHOLDER in text:
        assert "PLACEHOLDER" in text
        assert PLACEHOLDER in readme and "replace" in readme.lower()


def test_contributing_review_checklist_treats_docs_as_code():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    review = text[text.index("## Reviewing a pull request") :]
    review = review[: review.index("\n## ", 3)]
    assert "unsandboxed" in review.lower() or "without a sandbox" in review
    assert "`docs/`" in review and "like code" in review


def test_renovate_pins_container_actions_python_and_npm():
    config = json.loads((ROOT / "renovate.json").read_text(encoding="utf-8"))
    extends = set(config["extends"])
    assert "docker:pinDigests" in extends, "the CI container image must be pinned by digest"
    assert extends & {"helpers:pinGitHubActionDigests", "helpers:pinGitHubActionDigestsToSemver"}
    patterns = " ".join(config["pip-compile"]["managerFilePatterns"])
    assert "requirements" in patterns and "dev" in patterns, "the hashed lock files are pip-compile's"
    assert config["pip_requirements"] == {"enabled": False}, "only pip-compile edits the hashed files"
    managers = {m for rule in config["packageRules"] for m in rule.get("matchManagers", [])}
    assert {"github-actions", "pip-compile", "npm", "pre-commit"} <= managers
    mkdocs = [r for r in config["packageRules"] if r.get("matchPackageNames") == ["mkdocs"]]
    assert mkdocs and mkdocs[0]["allowedVersions"] == "<2", "MkDocs stays below 2"


def test_workflow_says_the_first_renovate_update_pins_the_container_digest():
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    container = next(line for line in text.splitlines() if line.strip().startswith("container:"))
    if "@sha256:" not in container:
        assert "first update" in text and "pins this image to its digest" in text
