"""The new manager's playbook, its signs table and Mintzberg's roles: renderers on the fixture
data (structure, links, escaping), then the built site (anchors, citations, links)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.links import PAGES, Linker, page_url
from macros.models import KINDS, PLAYBOOK_GROUPS
from macros.render_frameworks import ROLE_GROUPS, render_managerial_roles
from macros.render_playbook import GAPS, render_playbook, render_playbook_index, render_team_signs

from .conftest import HOSTILE, MINIMAL, ROOT, dt_labelled
from .conftest import html_soup as soup
from .conftest import markdown_to_html as to_html

PLAYBOOK_PAGE = Linker("playbook/")
FRAMEWORKS_PAGE = Linker("frameworks/")


@pytest.fixture(scope="module")
def site():
    return load_site_data(MINIMAL, MINIMAL.parent)


def sections(site, playbook=None, level: int = 2) -> str:
    return render_playbook(
        playbook or site.playbook, site.traits, site.practices, site.styles, site.sources, PLAYBOOK_PAGE, level
    )


def hostile(record, **fields):
    """A copy of a record with hostile text, bypassing validation (defence in depth)."""
    return record.model_copy(update=fields)


# --------------------------------------------------------------------------- playbook sections
def test_one_heading_per_situation_with_its_stable_anchor(site):
    out = sections(site)
    assert out.startswith(f"<!-- generated from {KINDS['playbook'].data_file()}: edit the data, not this page -->")
    headings = re.findall(r"^## (.+) \{ #([a-z0-9-]+) \}$", out, flags=re.M)
    assert headings == [(p.name, p.id) for p in site.playbook]


def test_level_sets_heading_depth(site):
    out = sections(site, level=3)
    assert re.findall(r"^### .+ \{ #managing-up \}$", out, flags=re.M)
    assert not re.findall(r"^## ", out, flags=re.M)


def test_alias_is_an_extra_anchor_before_the_heading(site):
    assert '<span id="one-on-ones"></span>\n## One-to-one meetings { #one-to-ones }' in sections(site)


def test_html_blocks_have_no_blank_lines(site):
    """md_in_html ends a raw HTML block at a blank line: each entry must be one block."""
    blocks = re.findall(r"^<div class=\"lvm-entry.*?^</div>$", sections(site), flags=re.S | re.M)
    assert len(blocks) == len(site.playbook)
    assert all("\n\n" not in block for block in blocks)


def test_a_situation_shows_every_field_in_reading_order(site):
    page = soup(to_html(sections(site)))
    assert page.find(id="one-to-ones").name == "h2"
    entry = page.select_one('div.lvm-playbook[data-playbook="one-to-ones"]')
    p = site.playbook["one-to-ones"]
    assert entry.find("p").get_text() == p.summary
    assert [li.get_text() for li in entry.select("ol > li")] == list(p.steps)
    assert [dt.get_text() for dt in entry.select("dt")] == ["Steps", "Balance it needs", "Common mistakes", "Related"]
    example = entry.select_one("p.lvm-example")
    assert example.get_text() == f"Example. {p.example}"
    # The example follows the steps and comes before the balance.
    order = [el for el in entry.find_all(["dt", "p"]) if el.name == "dt" or "lvm-example" in el.get("class", [])]
    assert [el.get_text().split(".")[0] for el in order][:3] == ["Steps", "Example", "Balance it needs"]
    balance = entry.find(dt_labelled("Balance it needs")).find_next_sibling("dd")
    assert balance.select_one(".lvm-lean.lvm-lean--both").get_text() == "Both"
    assert "Our reading:" in balance.get_text() and p.lean_why in balance.get_text()
    mistakes = entry.find(dt_labelled("Common mistakes")).find_next_sibling("dd")
    assert [li.get_text() for li in mistakes.select("li")] == list(p.mistakes)
    related = [a["href"] for a in entry.find(dt_labelled("Related")).find_next_sibling("dd").select("a")]
    assert related == [
        "../traits/#empathetic",
        "../traits/#visionary",
        "../principles/#recognise-the-context",
        "../styles/#coaching",
    ]
    assert [a["href"] for a in entry.select("p.lvm-sources a")] == ["../sources/#kotter-1990"]


def test_empty_practices_and_styles_are_left_out(site):
    entry = soup(to_html(sections(site))).select_one('div.lvm-playbook[data-playbook="managing-up"]')
    related = entry.find(dt_labelled("Related")).find_next_sibling("dd").get_text()
    assert related.startswith("Traits:") and "Practices" not in related and "Styles" not in related
    assert entry.select_one(".lvm-lean--managing")


def test_first_link_to_a_trait_carries_its_definition(site):
    entry = soup(
        to_html(
            render_playbook(
                site.playbook, site.traits, site.practices, site.styles, site.sources, Linker("playbook/"), 2
            )
        )
    )
    first = entry.select('a.lvm-trait-link[href="../traits/#empathetic"]')
    assert first[0].get("aria-description") == site.traits["empathetic"].definition
    assert all(a.get("aria-description") is None for a in first[1:])


def test_sections_escape_hostile_values(site):
    evil = hostile(
        site.playbook["one-to-ones"],
        name=HOSTILE,
        summary=HOSTILE,
        steps=[HOSTILE],
        example=HOSTILE,
        lean_why=HOSTILE,
        mistakes=[HOSTILE],
    )
    out = sections(site, [evil])
    assert "<script>" not in out
    assert out.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 5  # body fields; the heading is below
    assert "&#34;quoted&#34;" in out and "&#39;single&#39;" in out and "&amp;" in out
    heading = re.search(r"^## (.+) \{ #one-to-ones \}$", out, flags=re.M).group(1)
    assert r"\*bold\*" in heading and r"\{\#evil\}" in heading and r"\[x\]\(http://e.example\)" in heading
    page = soup(to_html(out))
    assert page.find("script") is None and page.find(id="evil") is None
    assert not page.select("h2 strong, h2 em, h2 a:not(.headerlink)")
    assert page.find(id="one-to-ones").get_text().startswith('<script>alert(1)</script> "quoted"')


# --------------------------------------------------------------------------- signs table
def signs_table(site, signs=None) -> BeautifulSoup:
    return soup(render_team_signs(signs or site.signs, site.playbook, PLAYBOOK_PAGE))


def test_signs_are_grouped_by_gap_in_a_labelled_stack_table(site):
    page = signs_table(site)
    wrap = page.select_one("div.lvm-table-wrap")
    assert wrap["role"] == "region" and wrap["aria-label"] and wrap["tabindex"] == "0"
    table = wrap.select_one("table.lvm-signs.lvm-stack")
    assert "our reading" in table.caption.get_text().lower()
    groups = [tb.select_one('th[scope="colgroup"]').get_text() for tb in table.select("tbody")]
    assert groups == [label for gap, label in GAPS.items() if any(s.gap == gap for s in site.signs)]
    for body, gap in zip(table.select("tbody"), [g for g in GAPS if any(s.gap == g for s in site.signs)], strict=True):
        ids = [tr["id"] for tr in body.select("tr[id]")]
        assert ids == [s.id for s in site.signs if s.gap == gap]


def test_each_sign_links_to_the_playbook_sections_that_say_how(site):
    row = signs_table(site).find(id="surprises")
    assert row.select_one('th[scope="row"]').get_text() == "Surprises"
    assert [td["data-label"] for td in row.select("td")] == ["What you see", "What to do first"]
    assert [a["href"] for a in row.select("a")] == ["#one-to-ones", "#managing-up"]
    assert [a.get_text() for a in row.select("a")] == ["One-to-one meetings", "Managing up"]


def test_signs_from_another_page_link_back_to_the_playbook(site):
    out = render_team_signs(site.signs, site.playbook, Linker("quizzes/self-assessment/"))
    assert 'href="../../playbook/#one-to-ones"' in out


def test_signs_table_escapes_hostile_values(site):
    evil = hostile(site.signs["silence"], name=HOSTILE, looks_like=HOSTILE, first_step=HOSTILE)
    out = render_team_signs([evil], site.playbook, PLAYBOOK_PAGE)
    assert "<script>" not in out and out.count("&lt;script&gt;") == 3
    assert signs_table(site, [evil]).find("script") is None


# --------------------------------------------------------------------------- Mintzberg's roles
def test_managerial_roles_follow_mintzbergs_group_order(site):
    page = soup(render_managerial_roles(site.managerial_roles, FRAMEWORKS_PAGE))
    rows = page.select("tbody tr")
    order = list(ROLE_GROUPS)
    expected = sorted(site.managerial_roles, key=lambda r: order.index(r.group))
    assert [tr["id"] for tr in rows] == [r.id for r in expected]
    assert [tr.select_one('td[data-label="Group"]').get_text() for tr in rows] == [
        ROLE_GROUPS[r.group] for r in expected
    ]


def test_managerial_roles_escape_hostile_values(site):
    evil = hostile(site.managerial_roles["monitor"], name=HOSTILE, summary=HOSTILE, example=HOSTILE)
    out = render_managerial_roles([evil], FRAMEWORKS_PAGE)
    assert "<script>" not in out and out.count("&lt;script&gt;") == 3


# --------------------------------------------------------------------------- built site
@cache
def real_data():
    return load_site_data(ROOT / "data", ROOT)


def built(site: Path, kind: str) -> BeautifulSoup:
    return soup((site / page_url(PAGES[kind]) / "index.html").read_text(encoding="utf-8"))


@pytest.mark.build
def test_every_situation_has_its_heading_anchor_and_full_entry(built_site):
    doc = built(built_site, "playbook").select_one("article")
    for p in real_data().playbook:
        heading = doc.find(id=p.id)
        assert heading is not None and heading.name == "h2", p.id
        assert heading.get_text().startswith(p.name), p.id
        entry = heading.find_next_sibling("div")
        assert entry is not None and entry.get("data-playbook") == p.id, p.id
        for label in ("Steps", "Balance it needs", "Common mistakes", "Related"):
            assert entry.find(dt_labelled(label)), (p.id, label)
        assert entry.select_one("p.lvm-example") and "Our reading:" in entry.get_text(), p.id


@pytest.mark.build
@pytest.mark.parametrize("page", ["playbook/", "frameworks/", "evidence/"])
def test_citations_on_the_new_pages_resolve_to_sources(built_site, page):
    """Every link to the sources page names a source that exists and has its anchor there."""
    html = soup((built_site / page / "index.html").read_text(encoding="utf-8")).select_one("article")
    sources_ids = {a["id"] for a in built(built_site, "sources").select("[id]")}
    cited = [a["href"].split("#", 1)[1] for a in html.select('a[href*="sources/#"]')]
    assert cited, f"{page} cites nothing"
    known = {s.id for s in real_data().sources}
    assert not [c for c in cited if c not in known or c not in sources_ids], page


@pytest.mark.build
def test_every_sign_row_links_to_a_situation_on_the_page(built_site):
    doc = built(built_site, "signs")
    ids = {el["id"] for el in doc.select("[id]")}
    for sign in real_data().signs:
        row = doc.find("tr", id=sign.id)
        assert row is not None, sign.id
        targets = [a["href"].split("#", 1)[1] for a in row.select("a:not(.headerlink)")]
        assert targets == list(sign.playbook) and set(targets) <= ids, sign.id


@pytest.mark.build
def test_the_sources_page_lists_where_the_playbook_cites_each_source(built_site):
    doc = built(built_site, "sources")
    for p in real_data().playbook:
        for sid in p.sources:
            section = doc.find(id=sid).find_next_sibling("div")
            assert section.select_one(f'a[href$="playbook/#{p.id}"]'), (sid, p.id)


# --------------------------------------------------------------------------- the situation list
def test_index_lists_every_situation_once_under_its_group_in_group_order(site):
    nav = soup(render_playbook_index(site.playbook, PLAYBOOK_PAGE)).select_one("nav.lvm-playbook-index")
    assert nav.get("aria-label")
    labels = [p.get_text() for p in nav.select(".lvm-playbook-group-label")]
    used = [label for key, label in PLAYBOOK_GROUPS.items() if any(p.group == key for p in site.playbook)]
    assert labels == used  # page order, empty groups left out
    for group in nav.select(".lvm-playbook-group"):
        label = group.select_one(".lvm-playbook-group-label")
        assert group.select_one("ul")["aria-labelledby"] == label["id"]
    links = [a["href"] for a in nav.select("a")]
    assert sorted(links) == sorted(f"#{p.id}" for p in site.playbook)  # one tap, same page


def test_index_escapes_hostile_names(site):
    evil = hostile(site.playbook["one-to-ones"], name=HOSTILE)
    out = render_playbook_index([evil], PLAYBOOK_PAGE)
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_related_situations_link_to_their_sections(site):
    one = hostile(site.playbook["one-to-ones"], playbook=["managing-up"])
    entry = soup(to_html(sections(site, [one, site.playbook["managing-up"]]))).select_one(
        'div.lvm-playbook[data-playbook="one-to-ones"]'
    )
    related = entry.find(dt_labelled("Related")).find_next_sibling("dd")
    assert related.select_one('a[href="#managing-up"]').get_text() == "Managing up"


@pytest.mark.build
def test_the_playbook_top_reaches_every_situation_in_one_tap(built_site):
    doc = built(built_site, "playbook").select_one("article")
    nav = doc.select_one("nav.lvm-playbook-index")
    first_section = doc.find(attrs={"data-playbook": True})
    assert nav is not None and nav.find_next(attrs={"data-playbook": True}) is first_section
    targets = [a["href"] for a in nav.select("a")]
    assert sorted(targets) == sorted(f"#{p.id}" for p in real_data().playbook)


@pytest.mark.build
def test_every_situation_relates_to_traits_practices_and_styles(built_site):
    doc = built(built_site, "playbook")
    for p in real_data().playbook:
        assert p.traits and p.practices and p.styles, p.id
        related = doc.select_one(f'div[data-playbook="{p.id}"]').find(dt_labelled("Related")).find_next_sibling("dd")
        hrefs = [a["href"] for a in related.select("a")]
        for entry_id in (*p.traits, *p.practices, *p.styles, *p.playbook):
            assert any(h.endswith(f"#{entry_id}") or h.rstrip("/").endswith(f"/{entry_id}") for h in hrefs), (
                p.id,
                entry_id,
            )
