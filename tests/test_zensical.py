"""The same mkdocs.yml built by Zensical (README: "Builders"): skipped where Zensical is not
installed (`make install-zensical`); CI's Zensical job runs it.

The build runs as the README says (font, `zensical build`, `python -m lvm_site.postbuild`) in a
copy of the project made a git repository, so the dates have a history to read. With
``LVM_BUILT_SITE`` set (CI builds once with `make build-zensical`), that site is checked instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, html_pages
from .test_links import broken_links

pytestmark = pytest.mark.build

ZENSICAL = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if os.environ.get("LVM_BUILT_SITE"):
        return Path(os.environ["LVM_BUILT_SITE"]).resolve()
    if ZENSICAL is None:
        pytest.skip("Zensical is not installed (make install-zensical)")
    sys.path.insert(0, str(ROOT / "scripts"))
    from sitekit import copy_project

    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2024-05-06T12:00:00+00:00",
        "GIT_COMMITTER_DATE": "2024-05-06T12:00:00+00:00",
    }
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)
    config = str(project / "mkdocs.yml")
    py = sys.executable
    steps = (
        [py, "-m", "lvm_site.social_fonts", config],
        [ZENSICAL, "build", "-f", config],
        [py, "-m", "lvm_site.postbuild", str(project / "site"), "-f", config],
    )
    for step in steps:
        done = subprocess.run(step, cwd=project, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"{step[1:3]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return project / "site"


def test_no_broken_links_or_anchors(zensical_site):
    checked, bad = broken_links(zensical_site)
    assert checked > 0
    assert not bad, f"{len(bad)} broken:\n" + "\n".join(bad[:40])


def test_every_page_has_the_csp_and_the_date(zensical_site):
    for page in html_pages(zensical_site):
        text = page.read_text(encoding="utf-8")
        if "lvm-page-facts" not in text:
            continue  # redirects, 404
        where = page.relative_to(zensical_site)
        assert text.count('http-equiv="Content-Security-Policy"') == 1, where
        assert "script-src " in text and "'unsafe-inline'" not in text, where
        assert re.search(r'<p class="lvm-updated">Last updated <time datetime="\d{4}-\d{2}-\d{2}">', text), where
        assert "data-lvm-sources" not in text, where


def test_rows_get_permalinks_and_assets_are_minified(zensical_site):
    rows = zensical_site / "leading-vs-managing" / "index.html"
    assert re.search(r'<th scope="row"[^>]*>.*?<a class="headerlink" href="#', rows.read_text(encoding="utf-8"), re.S)
    for own in (ROOT / "overrides" / "assets").rglob("*.*"):
        if own.suffix in {".js", ".css"}:
            built = zensical_site / own.relative_to(ROOT / "overrides")
            assert built.is_file() and built.stat().st_size < own.stat().st_size, built


def test_open_data_and_generated_pages_record_their_data(zensical_site):
    assert (zensical_site / "data" / "index.json").is_file()
    assert list((zensical_site / "quizzes").glob("*-qti21.zip"))
    # The macros record the scripts a page needs on page.meta; the theme loads them.
    assert "assets/javascripts/tooltips.js" in (zensical_site / "styles" / "index.html").read_text(encoding="utf-8")


def test_edit_button_opens_the_data_of_a_generated_page(zensical_site):
    # Zensical drops edit_uri's trailing slash and renders page.edit_url from the Markdown path;
    # overrides/partials/actions.html reads the data file the macros record on page.meta.
    from macros.render import edit_url

    repo = "https://github.com/o/r"
    assert edit_url(repo, "edit/main/docs", "docs", "data/a.yaml") == f"{repo}/edit/main/data/a.yaml"
    for url, data in (("traits", "/data/traits"), ("styles", "/data/styles")):
        link = re.search(r'<a href="([^"]*)"[^>]*rel="edit"', (zensical_site / url / "index.html").read_text("utf-8"))
        assert link and data in link.group(1), (url, link and link.group(1))


def test_the_policy_allows_only_the_search_dialogs_own_style(zensical_site):
    # Zensical's search dialog styles its shadow root with one <style> from its bundle
    # (lvm_site/csp.py, bundle_style_hashes): the policy names that text's hash, nothing broader.
    from lvm_site.csp import bundle_style_hashes

    hashes = bundle_style_hashes(zensical_site)
    text = (zensical_site / "index.html").read_text(encoding="utf-8")
    style_src = re.search(r"style-src ([^;\"]*)", text).group(1).split()
    assert style_src == ["'self'", *sorted(hashes)]
