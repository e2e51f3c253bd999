"""Ready for onboarding links and phones (issue 15): link previews, last-updated dates, the
correction link, copyable deep links, pages that fit a phone, search that understands word forms
and loads its index only on demand.

Build-level checks read the built site; browser checks drive Debian's Chromium.
"""

from __future__ import annotations

import os
import struct
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, copy_project, html_pages, load_yaml, page_url_of, run_build


def site_url() -> str:
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError("mkdocs.yml has no site_url")


def content_pages(site: Path) -> list[Path]:
    """Every page a reader can open (not the 404 page, not redirect stubs)."""
    out = []
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        if page.name == "404.html" or 'http-equiv="refresh"' in text:
            continue
        out.append(page)
    return out


def soup(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def meta(doc: BeautifulSoup, prop: str) -> str | None:
    tag = doc.find("meta", attrs={"property": prop}) or doc.find("meta", attrs={"name": prop})
    return tag.get("content") if tag else None


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


# --------------------------------------------------------------------------- link previews
def test_every_page_previews_with_its_own_title_description_and_card(built_site):
    base = site_url()
    titles, descriptions = {}, {}
    for page in content_pages(built_site):
        doc = soup(page)
        where = page.relative_to(built_site).as_posix()
        canonical = doc.find("link", rel="canonical")
        assert canonical and canonical["href"].startswith(base), f"{where}: canonical link"
        for prop in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            assert meta(doc, prop), f"{where}: no {prop}"
        assert meta(doc, "og:url") == canonical["href"] == base + page_url_of(built_site, page), where
        image = meta(doc, "og:image")
        assert image.startswith(base), f"{where}: og:image must be absolute, on this site"
        card = built_site / image[len(base) :]
        assert card.is_file(), f"{where}: {image} is not in the site"
        width, height = png_size(card)
        assert width >= 1200 and height >= 630, f"{where}: card {width}x{height}"
        assert meta(doc, "twitter:card") == "summary_large_image"
        titles.setdefault(meta(doc, "og:title"), []).append(where)
        descriptions.setdefault(meta(doc, "og:description"), []).append(where)
    assert all(len(v) == 1 for v in titles.values()), {k: v for k, v in titles.items() if len(v) > 1}
    assert all(len(v) == 1 for v in descriptions.values()), {k: v for k, v in descriptions.items() if len(v) > 1}


def test_social_font_is_committed_with_its_licence():
    fonts = ROOT / "hooks" / "social_fonts"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    family = text.split("font_family:", 1)[1].split()[0]
    assert {p.stem for p in (fonts / family).glob("*.otf")} >= {"Regular", "Bold"}
    assert "Open Font License" in (fonts / family / "OFL.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------------------- report a problem
def test_every_page_links_the_correction_form_with_its_address(built_site):
    form = load_yaml(ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml")
    field_ids = {item.get("id") for item in form["body"]}
    for page in content_pages(built_site):
        doc = soup(page)
        link = doc.select_one(".lvm-report a")
        assert link and link.get_text(strip=True) == "Report a problem with this page", page
        url = urlparse(link["href"])
        query = parse_qs(url.query)
        assert url.path.endswith("/issues/new") and query["template"] == ["correction.yml"]
        prefilled = set(query) - {"template", "title", "labels"}
        assert prefilled <= field_ids, f"{prefilled - field_ids} are not fields of correction.yml"
        assert query["where"] == [meta(doc, "og:url")], page


# --------------------------------------------------------------------------- last updated
def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def _dates_and_data(site: Path) -> dict[str, tuple[str | None, set[str]]]:
    """page -> (datetime shown, data files it says it is generated from)."""
    out = {}
    for page in content_pages(site):
        doc = soup(page)
        time = doc.select_one(".lvm-updated time")
        data = {el.get_text(strip=True) for el in doc.select(".lvm-edit-data a, .lvm-edit-data code")}
        out[page_url_of(site, page)] = (time["datetime"] if time else None, data)
    return out


@pytest.mark.build
def test_a_data_edit_dates_the_pages_built_from_it_and_no_others(tmp_path):
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "start", date="2020-01-02T12:00:00+00:00")
    traits = project / "data" / "traits.yaml"
    traits.write_text(traits.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    _git(project, "commit", "-q", "-am", "edit traits", date="2021-06-15T09:30:00+00:00")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    pages = _dates_and_data(tmp_path / "site")
    assert any("data/traits.yaml" in data for _, data in pages.values()), "some page is built from traits"
    for url, (shown, data) in pages.items():
        expected = "2021-06-15" if "data/traits.yaml" in data else "2020-01-02"
        assert shown == expected, f"{url or 'home'}: shows {shown}, built from {sorted(data)}"
    html = (tmp_path / "site" / "traits" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-06-15">15 June 2021</time>' in html


@pytest.mark.build
def test_a_build_outside_git_has_no_dates(tmp_path):
    project = copy_project(tmp_path / "project")  # no .git: like a source tarball
    assert subprocess.run(["git", "rev-parse"], cwd=project, capture_output=True).returncode != 0
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    pages = _dates_and_data(tmp_path / "site")
    assert pages and all(shown is None for shown, _ in pages.values())
