"""Build the site strictly and assert on the HTML it produces."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.models import KINDS

from .conftest import FIXTURES, ROOT, copy_project, html_pages, run_build, scenario_project
from .conftest import real_data as site_data  # the one real-data loader (fixture: site_data)

pytestmark = pytest.mark.build


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_comparison_table_has_a_row_and_section_per_dimension(built_site):
    page = soup(built_site / "leading-vs-managing" / "index.html")
    table = page.select_one("table.lvm-compare")
    assert table is not None and table.caption is not None
    rows = table.select("tbody tr")
    dimensions = list(site_data().dimensions)
    assert len(dimensions) >= 14
    assert [r["id"] for r in rows] == [f"vs-{d.id}" for d in dimensions]
    for d in dimensions:
        heading = page.find(id=d.id)
        assert heading is not None and heading.name in {"h2", "h3"}, d.id
        assert heading.get_text().startswith(d.name)
        row = page.find(id=f"vs-{d.id}")
        assert row.select_one("a.lvm-cite"), f"{d.id}: no source link"


def test_five_source_contrasts_are_present(built_site):
    ids = {d.id for d in site_data().dimensions}
    for needed in (
        "change-vs-stability",
        "strategic-vs-tactical",
        "innovating-vs-utilising",
        "inspiring-vs-directing",
        "people-vs-things",
    ):
        assert needed in ids


def test_generated_regions_name_their_data_file(built_site):
    html = (built_site / "leading-vs-managing" / "index.html").read_text(encoding="utf-8")
    dimensions = KINDS["dimensions"].data_file()  # data/dimensions.yaml, or the folder data/dimensions/
    assert f"<!-- generated from {dimensions}: edit the data, not this page -->" in html


def test_every_page_has_its_own_meta_description(built_site):
    seen = {}
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue
        meta = soup(page).find("meta", attrs={"name": "description"})
        assert meta and len(meta["content"]) > 40, page
        seen.setdefault(meta["content"], []).append(page)
    dupes = {k: v for k, v in seen.items() if len(v) > 1}
    assert not dupes, dupes


def test_permalinks_are_named_without_tooltips(built_site):
    """Every heading's ¶ link has an accessible name and no title (Material would mount a tooltip each)."""
    links = [a for page in html_pages(built_site) for a in soup(page).select("a.headerlink")]
    assert len(links) > 100
    assert all(a.get("aria-label") == "Link to this section" and not a.has_attr("title") for a in links)


def test_no_load_time_request_to_another_host(built_site):
    """Scripts, styles, images, fonts, frames: all local. (Plain <a> links may go anywhere.)"""
    offenders = []
    for page in html_pages(built_site):
        doc = soup(page)
        for tag, attr in (
            ("script", "src"),
            ("link", "href"),
            ("img", "src"),
            ("iframe", "src"),
            ("source", "src"),
            ("video", "src"),
            ("audio", "src"),
        ):
            for el in doc.find_all(tag):
                url = el.get(attr) or ""
                if tag == "link" and not set(el.get("rel", [])) & {
                    "stylesheet",
                    "preconnect",
                    "preload",
                    "dns-prefetch",
                    "icon",
                    "modulepreload",
                }:
                    continue
                if re.match(r"^(https?:)?//", url):
                    offenders.append(f"{page.relative_to(built_site)}: <{tag} {attr}={url}>")
    for css in built_site.rglob("*.css"):
        for url in re.findall(r"url\((['\"]?)((?:https?:)?//[^)'\"]+)\1\)", css.read_text(encoding="utf-8")):
            offenders.append(f"{css.relative_to(built_site)}: url({url[1]})")
    assert not offenders, "\n".join(offenders)


def test_values_are_escaped(tmp_path):
    """Hostile-looking but valid text comes out escaped, never as markup."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal" / "data", data)
    dims = data / "dimensions.yaml"
    dims.write_text(
        dims.read_text()
        .replace("name: Risk", "name: 'Risk & \"reward\" {x}'")
        .replace("leading: Takes chances", "leading: \"Takes 'chances' & more\""),
        encoding="utf-8",
    )
    project = scenario_project("escaping", tmp_path / "project", data)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "leading-vs-managing" / "index.html").read_text(encoding="utf-8")
    assert "Risk &amp; &#34;reward&#34;" in html or "Risk &amp; &quot;reward&quot;" in html
    assert "<strong>bold</strong>" not in html and "<em>bold</em>" not in html
    assert "Takes &#39;chances&#39; &amp; more" in html


def test_bad_data_stops_the_build_with_one_clear_line(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal" / "data", data)
    traits = data / "traits.yaml"
    traits.write_text(traits.read_text().replace("  overuse: Avoids hard decisions.\n", ""), encoding="utf-8")
    project = copy_project(tmp_path / "project", data)
    site = tmp_path / "site"
    result = run_build(project, site)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/traits.yaml:11: entry 'empathetic', field 'overuse': missing required field" in output
    assert "Traceback" not in output
    assert not (site / "index.html").exists(), "nothing may be published from bad data"


def test_properdocs_builds_the_same_site_strict(tmp_path):
    """The maintained MkDocs 1.x fork must build the site too (a cheap way out of MkDocs 2)."""
    result = run_build(ROOT, tmp_path / "site", tool="properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "site" / "leading-vs-managing" / "index.html").exists()


def test_one_trait_definition_per_trait_per_page(built_site):
    """The first link to a trait on a page carries its definition; repeats and in-page glossary
    links do not. Pages with definitions load tooltips.js, pages without do not."""
    pages_with_tooltips = 0
    for page in html_pages(built_site):
        html = soup(page)
        links = html.select("article a.lvm-trait-link")
        described = [a["href"] for a in links if a.has_attr("aria-description")]
        assert not any(a.has_attr("title") for a in links), f"{page}: a title would make Material mount a tooltip"
        assert len(described) == len(set(described)), f"{page}: a trait has more than one definition"
        first = {}
        for a in links:
            first.setdefault(a["href"], a)
        if page.parent.name == "traits":
            assert not described, "the glossary's own links need no tooltip"
        else:
            assert all(a.has_attr("aria-description") for a in first.values()), f"{page}: a first trait link lacks it"
        scripts = [s["src"] for s in html.select("script[src]") if s["src"].endswith("tooltips.js")]
        assert len(scripts) == bool(described), f"{page}: tooltips.js should load exactly when needed"
        pages_with_tooltips += bool(described)
    assert pages_with_tooltips >= 2
