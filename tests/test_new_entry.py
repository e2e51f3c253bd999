"""A contributor's promise: one new trait, added by one new file and nothing else, passes.

A copy of the project (code, data, tests) gets one more trait: the file data/traits/<id>.md
(or, while traits are still a YAML list, an entry at the end of data/traits.yaml);
then the data, content, link, URL-manifest and glossary tests run on that copy, as a subprocess,
without the browser tests: the strict build and every structural invariant must still hold.
The new URL it offers is reported (the manifest may grow), not failed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.data import load_site_data
from macros.entries import entry_markdown
from macros.models import KINDS

from .conftest import BUILD_ENV, ROOT, copy_project

pytestmark = pytest.mark.build

#: What the tests need beside the project itself.
TEST_PARTS = ("tests", "scripts", "schemas", "pyproject.toml")
#: The fast, browser-free tests whose invariants a new entry must keep.
SUITES = (
    "tests/test_data.py",
    "tests/test_content.py",
    "tests/test_links.py",
    "tests/test_url_manifest.py",
    "tests/test_glossary_site.py",
)
#: No browser (the browser suite runs on the real site in CI).
SELECT = ("-m", "not browser")
NEW_ID = "zestful"


def new_trait_fields(last: dict) -> dict:
    """One new trait's fields, modelled on the last trait (so it uses today's keys), with text of
    its own (the content tests refuse repeated behaviours) and no links to other traits (a "how
    it differs" note must be mirrored by the other trait, which would be a second edit)."""
    entry = {key: value for key, value in last.items() if key not in ("aliases", "related", "distinct_from")}
    entry.update(
        id=NEW_ID,
        name="Zestful",
        definition="You bring visible energy to ordinary work, so that a dull week still feels worth the effort.",
        behaviours=[
            "You open the Monday stand-up with one thing the team did well last week.",
            "You volunteer for the dull fix nobody wants and say plainly why it matters.",
        ],
        overuse="Your energy drowns out quieter people, who stop raising doubts.",
    )
    return entry


def new_trait_entry(traits_yaml: str) -> str:
    """One new trait as YAML text, to append to data/traits.yaml (the YAML shape)."""
    entry = new_trait_fields(yaml.safe_load(traits_yaml)[-1])
    return "\n" + yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=100)


def new_trait_file(data_dir: Path) -> str:
    """One new trait as the file data/traits/zestful.md (the Markdown shape), placed last."""
    kind = KINDS["traits"]
    site = load_site_data(data_dir, data_dir.parent)
    last = site.traits.entries[-1].model_dump(mode="json", exclude_defaults=True)
    orders = [yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]).get("order", 0)
              for p in (data_dir / "traits").glob("*.md") if p.name != "README.md"]  # fmt: skip
    return entry_markdown(kind, new_trait_fields(last), max(orders) + 10)


def add_new_trait(data_dir: Path) -> Path:
    """Add the new trait the way a contributor would, in whichever shape the traits are: the one
    file touched."""
    if KINDS["traits"].in_markdown(data_dir):
        path = data_dir / "traits" / f"{NEW_ID}.md"
        path.write_text(new_trait_file(data_dir), encoding="utf-8")
        return path
    traits = data_dir / "traits.yaml"
    text = traits.read_text(encoding="utf-8")
    traits.write_text(text.rstrip("\n") + "\n" + new_trait_entry(text), encoding="utf-8")
    return traits


def project_with_a_new_trait(dest: Path) -> Path:
    project = copy_project(dest)
    for part in TEST_PARTS:
        src = ROOT / part
        if src.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
            shutil.copytree(src, project / part, ignore=ignore, dirs_exist_ok=True)
        else:
            shutil.copy2(src, project / part)
    add_new_trait(project / "data")
    return project


def test_new_trait_entry_is_one_valid_entry(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir)
    before = load_site_data(data_dir, ROOT)
    touched = add_new_trait(data_dir)
    after = load_site_data(data_dir, ROOT)
    assert NEW_ID not in before.traits and NEW_ID in after.traits
    assert [t.id for t in after.traits] == [*(t.id for t in before.traits), NEW_ID]
    changed = {p for p in data_dir.rglob("*") if p.is_file() and p.stat().st_mtime_ns >= touched.stat().st_mtime_ns}
    assert changed == {touched}


def test_one_new_trait_passes_the_build_and_content_tests(tmp_path):
    project = project_with_a_new_trait(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider", "--durations=5", *SELECT, *SUITES],
        cwd=project,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        timeout=2400,  # a busy two-core runner takes long over a nested suite
    )
    tail = "\n".join(result.stdout.splitlines()[-40:])
    assert result.returncode == 0, f"with one new trait, tests fail in the copy:\n{tail}\n{result.stderr[-2000:]}"
    assert f"traits/#{NEW_ID}" in result.stdout, "the new URL should be reported for the manifest"
