"""The leadership styles pages in the built site: anchors, matrix, guide, links, escaping, browser checks.

Tests on ``built_site`` use the real data (``real_data()``). The escaping test builds the
``styles-escaping`` scenario (the styles pages only) with the fixture data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import (
    FIXTURES,
    copy_project,
    describe_violations,
    dt_labelled,
    real_data,
    resolve_link,
    run_axe,
    run_build,
    scenario_project,
)

STYLES = "styles/index.html"
GUIDE = "styles/which-style-when/index.html"
PAGES = {"styles/": STYLES, "styles/which-style-when/": GUIDE}


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, rel: str) -> BeautifulSoup:
    return _soup(site / rel)


def content(site: Path, rel: str):
    return page(site, rel).select_one("article.md-content__inner")


# --------------------------------------------------------------------------- built site
@pytest.mark.build
def test_every_style_has_a_section_at_its_anchor(built_site):
    styles = list(real_data().styles)
    assert styles
    doc = content(built_site, STYLES)
    for style in styles:
        heading = doc.find(id=style.id)
        assert heading is not None and heading.name == "h2", style.id
        assert heading.get_text().startswith(style.name), style.id
        entry = heading.find_next_sibling("div")
        assert entry is not None and entry.get("data-style") == style.id, style.id
        for label in (
            "Origin",
            "How it works",
            "When it works best",
            "When it backfires",
            "Work it serves (our reading)",
            "Strengths",
            "Criticisms",
            "Reported effect",
            "Traits it lacks (our reading)" if style.traits_show == "lacks" else "Traits it draws on",
        ):
            assert entry.find(dt_labelled(label)), f"{style.id}: no {label!r}"
        for other in style.distinct_from:
            assert entry.find(dt_labelled(f"How it differs from {real_data().styles[other.style].name}")), style.id
        assert entry.select_one(".lvm-lean"), style.id
        assert entry.select_one("p.lvm-sources a.lvm-cite"), style.id
        for alias in style.aliases:
            assert doc.find(id=alias), f"{style.id}: alias {alias} has no anchor"


@pytest.mark.build
@pytest.mark.parametrize("rel", [STYLES, GUIDE])
def test_headings_carry_no_trait_tooltip(built_site, rel):
    """The "Visionary" style must not show the "Visionary" trait's definition (needs the abbr hook)."""
    assert not content(built_site, rel).select("h1 abbr, h2 abbr, h3 abbr, h4 abbr")


@pytest.mark.build
def test_matrix_has_one_row_per_style(built_site):
    styles = list(real_data().styles)
    table = content(built_site, STYLES).select_one("div.lvm-table-wrap table.lvm-style-matrix.lvm-stack")
    assert table is not None and table.caption is not None
    rows = table.select("tbody tr")
    assert [r.select_one('th[scope="row"] a')["href"] for r in rows] == [f"#{s.id}" for s in styles]
    for row in rows:
        assert all(td.get("data-label") for td in row.select("td"))


@pytest.mark.build
def test_guide_has_each_situation_and_level_anchor(built_site):
    data = real_data()
    doc = content(built_site, GUIDE)
    for situation in data.situations:
        heading = doc.find(id=situation.id)
        assert heading is not None and heading.name == "h3", situation.id
        assert heading.get_text().startswith(situation.name)
        entry = heading.find_next_sibling("div")
        assert entry.get("data-situation") == situation.id
        fits = entry.find(dt_labelled("Styles that fit (our reading)")).find_next_sibling("dd")
        assert [a["href"] for a in fits.select("a")] == [f"../#{s}" for s in situation.fits]
    rows = doc.select("table.lvm-situational tbody tr")
    assert [r["id"] for r in rows] == [lvl.id for lvl in data.situational]


@pytest.mark.build
def test_generated_regions_name_their_data_files(built_site):
    styles_html = (built_site / STYLES).read_text(encoding="utf-8")
    guide_html = (built_site / GUIDE).read_text(encoding="utf-8")
    from macros.models import KINDS

    def comment(name: str) -> str:  # a kind's file, or its folder of entry files
        return f"<!-- generated from {KINDS[name].data_file()}: edit the data, not this page -->"

    for name in ("styles",):
        assert comment(name) in styles_html
    for name in ("situations", "situational"):
        assert comment(name) in guide_html


@pytest.mark.build
def test_pages_cite_the_research_they_rest_on(built_site):
    def cited(rel):
        return {a["href"].split("#")[1] for a in content(built_site, rel).select('a[href*="sources/#"]')}

    assert {"goleman-2000", "burns-1978", "bass-1985", "greenleaf-1970", "lewin-1939"} <= cited(STYLES)
    assert {"hersey-blanchard-1969", "vecchio-1987"} <= cited(GUIDE)


@pytest.mark.build
@pytest.mark.parametrize("rel", [STYLES, GUIDE])
def test_every_link_on_the_page_reaches_its_anchor(built_site, rel):
    """Links in generated HTML blocks are not checked by MkDocs: check them here."""
    broken = []
    for a in content(built_site, rel).select("a[href]"):
        href = a["href"]
        found = resolve_link(built_site, rel, href)
        if found is None:
            continue
        target = found.path
        fragment = found.fragment
        file = built_site / target
        if not file.exists():
            broken.append(f"{href}: no {target}")
        elif fragment and page(built_site, target).find(id=fragment) is None:
            broken.append(f"{href}: no #{fragment} in {target}")
    assert not broken, "\n".join(broken)


# --------------------------------------------------------------------------- escaping (fixture build)
@pytest.mark.build
def test_hostile_values_are_escaped_in_the_built_pages(tmp_path):
    data = tmp_path / "data"
    copy_project(tmp_path / "tmp", FIXTURES / "minimal" / "data")
    (tmp_path / "tmp" / "data").rename(data)
    # Markdown in a name is refused (tests/test_inline.py); what is left must come out as text.
    name = "'Commanding & \"hard\" {evil}'"
    styles = data / "styles.yaml"
    text = styles.read_text(encoding="utf-8")
    text = text.replace("  name: Commanding\n", f"  name: {name}\n")
    text = text.replace("essence: Demands immediate compliance.", "essence: \"Say 'now' & mean it\"")
    styles.write_text(text, encoding="utf-8")
    situations = data / "situations.yaml"
    situations.write_text(
        situations.read_text(encoding="utf-8").replace("  name: A crisis\n", "  name: 'Crisis & panic {evil2}'\n"),
        encoding="utf-8",
    )
    project = scenario_project("styles-escaping", tmp_path / "project", data)
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr

    html = (tmp_path / "site" / STYLES).read_text(encoding="utf-8")
    doc = BeautifulSoup(html, "html.parser")
    heading = doc.find(id="commanding")
    assert heading.get_text().startswith('Commanding & "hard" {evil}')
    assert doc.find(id="evil") is None and not heading.select("strong, em, a:not(.headerlink)")
    assert "Say &#39;now&#39; &amp; mean it" in html
    row = doc.select_one("table.lvm-style-matrix tbody tr:nth-of-type(2) th")
    assert row.get_text() == 'Commanding & "hard" {evil}'

    guide = BeautifulSoup((tmp_path / "site" / GUIDE).read_text(encoding="utf-8"), "html.parser")
    heading = guide.find(id="crisis")
    assert heading.get_text().startswith("Crisis & panic {evil2}")
    assert guide.find(id="evil2") is None and not heading.select("em, strong")


# --------------------------------------------------------------------------- browser
VARIANTS = [
    pytest.param(1280, 800, "light", id="desktop-light"),
    pytest.param(1280, 800, "dark", id="desktop-dark"),
    pytest.param(390, 844, "light", id="mobile-light"),
    pytest.param(390, 844, "dark", id="mobile-dark"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height", "scheme"), VARIANTS)
def test_styles_pages_pass_axe_without_console_errors(new_page, served_site, width, height, scheme):
    watch = new_page(width=width, height=height, color_scheme=scheme)
    failures = []
    for url in PAGES:
        watch.page.goto(served_site + url, wait_until="networkidle")
        if scheme == "dark":
            watch.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        violations = run_axe(watch.page)
        if violations:
            failures.append(f"{url}: {describe_violations(violations)}")
        overflow = watch.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url}: the page scrolls sideways by {overflow}px at {width}px"
    assert not failures, "\n".join(failures)
    assert not watch.errors, watch.errors
    assert not watch.external, watch.external


@pytest.mark.browser
def test_matrix_becomes_labelled_cards_on_a_phone(new_page, served_site):
    watch = new_page(width=390, height=844)
    watch.page.goto(served_site + "styles/", wait_until="networkidle")
    cell = "table.lvm-style-matrix tbody tr td[data-label='When to use it']"
    assert watch.page.eval_on_selector(cell, "el => getComputedStyle(el).display") == "block"
    label = watch.page.eval_on_selector(cell, "el => getComputedStyle(el, '::before').content")
    assert "When to use it" in label
    assert watch.page.eval_on_selector("table.lvm-style-matrix thead", "el => el.getBoundingClientRect().height") <= 1


@pytest.mark.browser
@pytest.mark.parametrize(
    ("url", "anchor"),
    [
        ("styles/", "commanding"),
        ("styles/which-style-when/", "s2-selling"),
        ("styles/which-style-when/", "crisis"),
    ],
)
def test_deep_links_land_below_the_header(new_page, served_site, url, anchor):
    watch = new_page(width=1280, height=700)
    watch.page.goto(f"{served_site}{url}#{anchor}", wait_until="networkidle")
    top = watch.page.eval_on_selector(f"#{anchor}", "el => el.getBoundingClientRect().top")
    header = watch.page.eval_on_selector(".md-header", "el => el.getBoundingClientRect().bottom")
    assert header <= top < 300, f"#{anchor} is at {top}px (header ends at {header}px)"
    assert not watch.errors, watch.errors
