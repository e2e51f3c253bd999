"""Unit tests for macros/render_styles.py on the fixture data: structure, links, escaping."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.links import Linker
from macros.models import KINDS, Climate
from macros.render_styles import (
    KEY_TRAITS,
    render_situation_guide,
    render_situational_model,
    render_style_matrix,
    render_style_sections,
)

from .conftest import HOSTILE, MINIMAL, dt_labelled
from .conftest import html_soup as soup
from .conftest import markdown_to_html as to_html

STYLES_PAGE = Linker("styles/")
GUIDE_PAGE = Linker("styles/which-style-when/")


@pytest.fixture(scope="module")
def site():
    return load_site_data(MINIMAL, MINIMAL.parent)


def html_blocks(text: str) -> list[str]:
    """The raw HTML blocks (from an opening <div to its closing </div> line)."""
    return re.findall(r"^<div class=\"lvm-entry.*?^</div>$", text, flags=re.S | re.M)


def hostile(record, **fields):
    """A copy of a record with hostile text, bypassing validation (defence in depth)."""
    return record.model_copy(update=fields)


# --------------------------------------------------------------------------- style sections
def test_style_sections_have_one_heading_per_style_with_stable_anchor(site):
    out = render_style_sections(site.styles, site.traits, site.sources, STYLES_PAGE)
    headings = re.findall(r"^## (.+) \{ #([a-z0-9-]+) \}$", out, flags=re.M)
    assert headings == [(s.name, s.id) for s in site.styles]
    assert out.startswith(f"<!-- generated from {KINDS['styles'].data_file()}: edit the data, not this page -->")


def test_style_sections_level_sets_heading_depth(site):
    out = render_style_sections(site.styles, site.traits, site.sources, STYLES_PAGE, heading_depth=3)
    assert re.findall(r"^### .+ \{ #coaching \}$", out, flags=re.M)
    assert not re.findall(r"^## ", out, flags=re.M)


def test_style_alias_is_an_extra_anchor_before_the_heading(site):
    out = render_style_sections(site.styles, site.traits, site.sources, STYLES_PAGE)
    assert '<span id="coercive"></span>\n## Commanding { #commanding }' in out


def test_style_html_blocks_have_no_blank_lines(site):
    out = render_style_sections(site.styles, site.traits, site.sources, STYLES_PAGE)
    blocks = html_blocks(out)
    assert len(blocks) == len(site.styles)
    for block in blocks:
        assert "\n\n" not in block


def test_style_section_shows_every_field(site):
    html = to_html(render_style_sections(site.styles, site.traits, site.sources, STYLES_PAGE))
    page = soup(html)
    heading = page.find(id="commanding")
    assert heading.name == "h2"
    entry = page.select_one('div.lvm-style[data-style="commanding"]')
    text = entry.get_text(" ", strip=True)
    for field in (
        "Demands immediate compliance.",
        "Also called",
        "Coercive",
        "Daniel Goleman, 2000",
        "Leadership That Gets Results",
        "Fixture text.",
        "Fixture best when.",
        "Fixture backfires when.",
        "Negative",
        "Fixture note.",
        "Fixture scenario.",
        "Fixture strengths.",
        "Fixture criticisms.",
        "Fixture lean why.",
        "Fixture difference.",
    ):
        assert field in text, field
    facts = [dt.get_text() for dt in entry.select("dt")]
    assert facts == [
        "Also called",
        "Origin",
        "Later names",
        "Work it serves (our reading)",
        "How it works",
        "When it works best",
        "When it backfires",
        "Strengths",
        "Criticisms",
        "Reported effect",
        "How it differs from Coaching",
        "Traits it draws on",
    ]
    origin = entry.find(dt_labelled("Origin")).find_next_sibling("dd").get_text()
    assert "Daniel Goleman, 2000, as “Coercive”" in origin  # the name that publication used
    later = entry.find(dt_labelled("Later names")).find_next_sibling("dd").get_text()
    assert later.startswith("“Commanding” in Daniel Goleman and others, 2002")
    differs = entry.find(dt_labelled("How it differs from Coaching")).find_next_sibling("dd")
    assert differs.get_text() == "Fixture difference. See Coaching." and differs.a["href"] == "#coaching"
    links = [a["href"] for a in entry.select("a")]
    assert "../sources/#goleman-2000" in links  # origin and climate source
    assert ["../traits/#empathetic", "../traits/#visionary"] == [h for h in links if "traits" in h]
    assert [a["href"] for a in entry.select("p.lvm-sources a")] == [
        "../sources/#goleman-2000",
        "../sources/#kotter-1990",
    ]
    assert entry.select_one(".lvm-lean.lvm-lean--managing").get_text() == "Managing"


def test_style_without_other_names_omits_the_line(site):
    out = render_style_sections(site.styles, site.traits, site.sources, STYLES_PAGE)
    entry = soup(to_html(out)).select_one('div.lvm-style[data-style="coaching"]')
    assert "Also called" not in entry.get_text()
    assert "Later names" not in entry.get_text() and "How it differs" not in entry.get_text()
    assert "as “" not in entry.find(dt_labelled("Origin")).find_next_sibling("dd").get_text()


def test_climate_without_source_has_no_source_link(site):
    style = hostile(site.styles["coaching"], climate=Climate(effect="not-reported", note="Not studied."))
    out = render_style_sections([style], site.traits, site.sources, STYLES_PAGE)
    entry = soup(to_html(out)).select_one("div.lvm-style")
    climate = entry.find(dt_labelled("Reported effect")).find_next_sibling("dd")
    assert climate.get_text(" ", strip=True) == "Not reported . Not studied."
    assert climate.find("a") is None


def test_style_sections_escape_hostile_values(site):
    style = hostile(
        site.styles["coaching"],
        name=HOSTILE,
        essence=HOSTILE,
        how_it_works=HOSTILE,
        scenario=HOSTILE,
        strengths=HOSTILE,
        criticisms=HOSTILE,
        lean_why=HOSTILE,
        other_names=[HOSTILE],
        climate=Climate.model_construct(effect="positive", note=HOSTILE, source="goleman-2000"),
    )
    out = render_style_sections([style], site.traits, site.sources, STYLES_PAGE)
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&#34;quoted&#34;" in out and "&#39;single&#39;" in out and "&amp;" in out
    heading = re.search(r"^## (.+) \{ #coaching \}$", out, flags=re.M).group(1)
    assert r"\*bold\*" in heading and r"\{\#evil\}" in heading and r"\[x\]\(http://e.example\)" in heading
    page = soup(to_html(out))
    assert page.find("script") is None
    assert page.find(id="evil") is None
    assert not page.select("h2 strong, h2 em, h2 a:not(.headerlink)")
    assert page.find(id="coaching").get_text().startswith('<script>alert(1)</script> "quoted"')


# --------------------------------------------------------------------------- matrix
def matrix(site, styles=None) -> BeautifulSoup:
    return soup(render_style_matrix(styles or site.styles, site.traits, STYLES_PAGE))


def test_matrix_has_one_row_per_style_linking_to_its_section(site):
    page = matrix(site)
    rows = page.select("table.lvm-style-matrix tbody tr")
    assert len(rows) == len(site.styles)
    for row, style in zip(rows, site.styles, strict=True):
        link = row.select_one('th[scope="row"] a')
        assert link["href"] == f"#{style.id}" and link.get_text() == style.name


def test_matrix_is_a_labelled_stack_table_in_a_scroll_region(site):
    page = matrix(site)
    wrap = page.select_one("div.lvm-table-wrap")
    assert wrap["role"] == "region" and wrap["aria-label"] and wrap["tabindex"] == "0"
    table = wrap.select_one("table")
    assert "lvm-stack" in table["class"]
    assert table.caption and str(len(site.styles)) in table.caption.get_text()
    assert [th.get("scope") for th in table.select("thead th")] == ["col"] * 6
    for row in table.select("tbody tr"):
        labels = [td.get("data-label") for td in row.select("td")]
        assert labels == ["When to use it", "Risk", "Reported effect", "Lean", "Key traits"]


def test_matrix_row_content(site):
    row = matrix(site).select("tbody tr")[1]
    cells = row.select("td")
    assert cells[0].get_text() == "Our reading: Fixture best when."  # no advice_from: the guide's own
    assert cells[1].get_text() == "Fixture backfires when."
    assert cells[2].get_text() == "Negative"
    assert cells[3].select_one(".lvm-lean--managing")
    assert [a["href"] for a in cells[4].select("a")] == ["../traits/#empathetic", "../traits/#visionary"]


def test_matrix_shows_only_the_first_key_traits(site):
    many = hostile(site.styles["coaching"], traits=["visionary", "empathetic"] * 3)
    row = matrix(site, [many]).select_one("tbody tr")
    assert len(row.select('td[data-label="Key traits"] a')) == KEY_TRAITS


def test_matrix_escapes_hostile_values(site):
    style = hostile(site.styles["coaching"], name=HOSTILE, best_when=HOSTILE, backfires_when=HOSTILE)
    html = render_style_matrix([style], site.traits, STYLES_PAGE)
    assert "<script>" not in html and "&lt;script&gt;" in html
    row = soup(html).select_one("tbody tr")
    assert row.find("script") is None
    assert row.select_one("th a").get_text() == HOSTILE


# --------------------------------------------------------------------------- situational model
def test_situational_model_has_one_row_per_level_with_its_id(site):
    page = soup(render_situational_model(site.situational, site.styles, site.sources, GUIDE_PAGE))
    table = page.select_one("table.lvm-situational.lvm-stack")
    assert table.caption is not None
    rows = table.select("tbody tr")
    assert [r["id"] for r in rows] == [lvl.id for lvl in site.situational]
    first = rows[0]
    head = first.select_one('th[scope="row"]').get_text(" ", strip=True)
    assert head == "S2 Selling"  # code and name; SLII is a separate model, never a label here
    text = first.get_text(" ", strip=True)
    for field in ("R2", "High task, high relationship", "Fixture summary."):
        assert field in text
    assert first.select_one(".lvm-lean--both")  # the work it asks for (the guide's reading)
    assert [a["href"] for a in first.select("a")] == ["../#coaching"]
    assert all(td.get("data-label") for td in first.select("td"))
    assert [a["href"] for a in page.select("p.lvm-sources a")] == ["../../sources/#goleman-2000"]


def test_situational_level_without_styles_says_so(site):
    level = hostile(site.situational["s2-selling"], styles=[])
    html = render_situational_model([level], site.styles, site.sources, GUIDE_PAGE)
    row = soup(html).select_one("tbody tr")
    assert row.select_one(".lvm-sr").get_text() == "none mapped"


def test_situational_model_escapes_hostile_values(site):
    level = hostile(
        site.situational["s2-selling"], name=HOSTILE, summary=HOSTILE, readiness=HOSTILE, aliases=["old-s2"]
    )
    html = render_situational_model([level], site.styles, site.sources, GUIDE_PAGE)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<span id="old-s2"></span>' in html


# --------------------------------------------------------------------------- situation guide
def guide(site, situations=None, **kw) -> str:
    situations = situations or site.situations
    return render_situation_guide(situations, site.styles, site.situational, GUIDE_PAGE, **kw)


def test_guide_has_one_heading_per_situation(site):
    out = guide(site)
    headings = re.findall(r"^### (.+) \{ #([a-z0-9-]+) \}$", out, flags=re.M)
    assert headings == [(s.name, s.id) for s in site.situations]
    assert out.startswith(f"<!-- generated from {KINDS['situations'].data_file()}")
    assert len(html_blocks(out)) == len(site.situations)
    for block in html_blocks(out):
        assert "\n\n" not in block


def test_guide_section_links_styles_and_level(site):
    page = soup(to_html(guide(site)))
    entry = page.select_one('div.lvm-situation[data-situation="crisis"]')
    dts = {dt.get_text(): dt.find_next_sibling("dd") for dt in entry.select("dt")}
    assert list(dts) == [
        "Styles that fit (our reading)",
        "Styles to avoid (our reading)",
        "Why",
        "Work it needs (our reading)",
        "Situational level (Hersey and Blanchard)",
    ]
    assert [a["href"] for a in dts["Styles that fit (our reading)"].select("a")] == ["../#commanding"]
    assert [a["href"] for a in dts["Styles to avoid (our reading)"].select("a")] == ["../#coaching"]
    assert dts["Why"].get_text() == "Fixture why."
    assert dts["Work it needs (our reading)"].select_one(".lvm-lean--both")
    assert "Fixture lean why." in dts["Work it needs (our reading)"].get_text()
    level = dts["Situational level (Hersey and Blanchard)"]
    assert level.a["href"] == "#s1-telling" and level.get_text(" ", strip=True) == "S1 Telling"


def test_guide_omits_empty_avoid_and_missing_level(site):
    bare = hostile(site.situations["new-team"], avoid=[], situational=None)
    entry = soup(to_html(guide(site, [bare]))).select_one("div.lvm-situation")
    assert [dt.get_text() for dt in entry.select("dt")] == [
        "Styles that fit (our reading)",
        "Why",
        "Work it needs (our reading)",
    ]


def test_guide_shows_sources_only_when_given(site):
    assert "lvm-sources" not in guide(site)
    page = soup(to_html(guide(site, sources=site.sources)))
    links = page.select('div[data-situation="crisis"] p.lvm-sources a')
    assert [a["href"] for a in links] == ["../../sources/#goleman-2000", "../../sources/#kotter-1990"]


def test_guide_level_param(site):
    assert re.findall(r"^## A crisis \{ #crisis \}$", guide(site, heading_depth=2), flags=re.M)


def test_guide_escapes_hostile_values(site):
    situation = hostile(site.situations["crisis"], name=HOSTILE, description=HOSTILE, why=HOSTILE, lean_why=HOSTILE)
    out = guide(site, [situation])
    assert "<script>" not in out and "&lt;script&gt;" in out
    page = soup(to_html(out))
    assert page.find("script") is None and page.find(id="evil") is None
    assert page.find(id="crisis").get_text().startswith("<script>")


def test_when_a_style_fits_says_whose_advice_it_is(site):
    """'When it works best' and 'When it backfires' say whose advice they give: the cited source's
    (``advice_from``) or, without one, the guide's own reading, in the sections and the matrix."""
    style = next(iter(site.styles))
    cited = style.model_copy(update={"advice_from": "goleman-2000"})
    ours = style.model_copy(update={"advice_from": None})
    for s, expect, absent in ((cited, "Advice of ", "Our reading:"), (ours, "Our reading:", "Advice of ")):
        entry = soup(to_html(render_style_sections([s], site.traits, site.sources, STYLES_PAGE)))
        best = entry.find(dt_labelled("When it works best")).find_next_sibling("dd").get_text(" ", strip=True)
        assert best.startswith(expect) and absent not in best, best
        cell = matrix(site, [s]).select_one("tbody tr td").get_text()
        assert cell.startswith("Our reading:") == (s.advice_from is None), cell
