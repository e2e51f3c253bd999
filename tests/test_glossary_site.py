"""The trait glossary on the built site: anchors, links, the filter (with and without JS),
site-wide trait tooltips, search, and axe-core on the glossary page (light and dark).

Most tests use the real site (``built_site``); the tooltip tests build a copy of the project
with one extra page that mentions traits in prose, because tooltips only appear where prose
names a trait with its capital letter.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from .conftest import describe_violations, resolve_link, run_axe, search
from .conftest import real_data as site_data  # the one real-data loader (fixture: site_data)

VARIANTS = [
    pytest.param(1280, 800, "light", id="desktop-light"),
    pytest.param(1280, 800, "dark", id="desktop-dark"),
    pytest.param(390, 844, "light", id="mobile-light"),
    pytest.param(390, 844, "dark", id="mobile-dark"),
]


@functools.cache
def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def glossary_page(site: Path) -> BeautifulSoup:
    return soup(site / "traits" / "index.html")


def content(page: BeautifulSoup):
    return page.select_one("article.md-content__inner")


# =========================================================================== static (real site)
@pytest.mark.build
def test_every_trait_has_its_anchor_and_aliases_on_the_glossary(built_site):
    page = glossary_page(built_site)
    traits = list(site_data().traits)
    assert len(traits) >= 47  # the seed's traits (ids are for ever); new ones may join
    for t in traits:
        heading = page.find(id=t.id)
        assert heading is not None and heading.name == "h3", t.id
        assert heading.get_text().startswith(t.name), t.id
        for alias in t.aliases:
            assert page.find(id=alias) is not None, f"{t.id}: alias {alias}"
    ids = [el["id"] for el in content(page).select("[id]")]
    assert len(ids) == len(set(ids)), "duplicate ids on the glossary page"


@pytest.mark.build
def test_letter_index_links_to_letter_groups_in_order(built_site):
    page = glossary_page(built_site)
    letters = [a.get_text() for a in page.select("nav.lvm-letter-index a")]
    expected = sorted({t.name[0].upper() for t in site_data().traits})
    assert letters == expected
    for a in page.select("nav.lvm-letter-index a"):
        assert page.find(id=a["href"][1:]).name == "h2"
    order = [h["id"] for h in content(page).select("h3[id]")]
    names = {t.id: t.name for t in site_data().traits}
    assert order == sorted(order, key=lambda i: names[i].casefold()), "entries are not A to Z"


@pytest.mark.build
def test_entries_show_tier_lean_and_parts(built_site):
    page = glossary_page(built_site)
    for t in site_data().traits:
        entry = page.select_one(f'.lvm-trait[data-trait="{t.id}"]')
        assert entry is not None, t.id
        assert entry["data-tier"] == t.tier and entry["data-lean"] == t.lean
        text = entry.get_text(" ")
        assert ("Key trait" if t.tier == "key" else "Bonus trait") in text
        for label in ("What it looks like", "Risk when overdone", "Why this lean"):
            assert label in text, (t.id, label)


@pytest.mark.build
def test_every_link_on_the_glossary_resolves(built_site):
    page = glossary_page(built_site)
    links = [a["href"] for a in page.select(".lvm-trait a, .lvm-trait-matrix a, .lvm-letter-index a")]
    assert links
    broken = []
    for href in links:
        path, fragment = resolve_link(built_site, "traits/", href)
        target = built_site / path
        if not target.exists() or (fragment and soup(target).find(id=fragment) is None):
            broken.append(href)
    assert not broken, broken
    related = {a["href"] for a in page.select(".lvm-trait dd a[href^='#']")}
    assert related, "no related-trait links"


@pytest.mark.build
def test_filter_is_js_only_so_no_js_readers_see_every_entry(built_site):
    page = glossary_page(built_site)
    box = page.select_one("[data-lvm-glossary-filter]")
    assert box is not None and "lvm-js-only" in box["class"] and not box.has_attr("hidden")
    assert box.select_one('[role="status"][aria-live="polite"]') is not None
    assert len(box.select("fieldset > legend")) == 2
    for control in box.select("input"):
        assert control.find_parent("label") is not None, "every control has a label"
    assert not content(page).select(".lvm-trait[hidden], h3[hidden]")


@pytest.mark.build
def test_matrix_has_a_row_per_trait_and_a_column_per_principle(built_site):
    table = glossary_page(built_site).select_one("table.lvm-trait-matrix")
    wrap = table.parent
    assert wrap.get("role") == "region" and wrap.get("aria-label") and wrap.get("tabindex") == "0"
    assert table.caption is not None
    assert len(table.select("tbody th[scope=row]")) == len(site_data().traits)
    assert len(table.select("thead th[scope=col]")) == 2 + len(site_data().principles)
    marks = table.select("td.lvm-mark")
    assert marks and all(m.select_one(".lvm-sr") for m in marks), "a mark needs a text alternative"


@pytest.mark.build
def test_glossary_toc_lists_every_trait(built_site):
    page = glossary_page(built_site)
    toc = [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    for t in site_data().traits:
        assert t.name in toc, t.name


# =========================================================================== browser (real site)
def entries_shown(page) -> int:
    return page.evaluate(
        "() => [...document.querySelectorAll('.lvm-trait')].filter(e => e.offsetParent !== null).length"
    )


@pytest.mark.browser
def test_without_js_every_entry_shows_and_no_filter_controls(new_page, served_site):
    watch = new_page(js=False)
    watch.page.goto(served_site + "traits/")
    assert entries_shown(watch.page) == len(site_data().traits)
    assert not watch.page.locator("[data-lvm-glossary-filter]").is_visible()
    assert not watch.page.get_by_role("radio").first.is_visible()


@pytest.mark.browser
def test_filter_hides_entries_and_announces_the_count(new_page, served_site):
    watch = new_page()
    page = watch.page
    page.goto(served_site + "traits/", wait_until="networkidle")
    page.wait_for_selector("[data-lvm-glossary-filter][data-ready]")
    status = page.locator(".lvm-filter-count")
    assert page.locator("[data-lvm-glossary-filter]").is_visible()
    total = len(site_data().traits)
    bonus = [t for t in site_data().traits if t.tier == "bonus"]
    assert entries_shown(page) == total

    page.get_by_label(re.compile(r"Bonus traits \(")).check()
    assert entries_shown(page) == len(bonus)
    assert status.inner_text() == f"Showing {len(bonus)} of {total} traits."
    key = next(t for t in site_data().traits if t.tier == "key")
    assert page.locator(f"#{key.id}").is_hidden()
    toc_link = page.locator(f'.md-nav--secondary a[href$="#{key.id}"]')
    assert toc_link.count() >= 1
    assert all(toc_link.nth(i).is_hidden() for i in range(toc_link.count())), "TOC link not hidden"

    page.get_by_label("Leading", exact=True).uncheck()
    page.get_by_label("Managing", exact=True).uncheck()
    page.get_by_label("Both", exact=True).uncheck()
    assert entries_shown(page) == 0
    assert status.inner_text().startswith("No traits match")
    assert not page.locator("h2.lvm-letter").first.is_visible(), "empty letter groups must hide"

    page.get_by_label("Both", exact=True).check()
    page.get_by_label("All", exact=True).check()
    both = [t for t in site_data().traits if t.lean == "both"]
    assert entries_shown(page) == len(both)
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_a_link_to_a_filtered_out_trait_clears_the_filter(new_page, served_site):
    watch = new_page()
    page = watch.page
    page.goto(served_site + "traits/", wait_until="networkidle")
    page.wait_for_selector("[data-lvm-glossary-filter][data-ready]")
    traits = site_data().traits
    source = next(t for t in traits for r in t.related if traits[r].tier != t.tier)
    target = next(r for r in source.related if traits[r].tier != source.tier)
    page.get_by_label(re.compile(rf"{source.tier.capitalize()} traits \(")).check()
    expect(page.locator(f"#{target}")).to_be_hidden()
    page.locator(f'.lvm-trait[data-trait="{source.id}"] a[href$="#{target}"]').click()
    page.wait_for_timeout(300)
    assert page.locator(f"#{target}").is_visible()
    assert entries_shown(page) == len(traits)


@pytest.mark.browser
def test_a_choice_made_before_the_script_runs_is_applied(new_page, served_site):
    """The controls show at first paint; a tap before glossary-filter.js has run is not lost."""
    watch = new_page()
    page = watch.page
    held = []
    page.route("**/glossary-filter.js*", lambda route: held.append(route))
    page.goto(served_site + "traits/", wait_until="commit")
    page.get_by_label(re.compile(r"Bonus traits \(")).check()
    page.wait_for_function("() => true")  # let the held request reach the handler
    assert held, "the filter script was never requested"
    held[0].continue_()
    page.wait_for_selector("[data-lvm-glossary-filter][data-ready]")
    bonus = [t for t in site_data().traits if t.tier == "bonus"]
    assert entries_shown(page) == len(bonus)
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_filter_works_after_instant_navigation(new_page, served_site):
    watch = new_page()
    page = watch.page
    page.goto(served_site + "principles/", wait_until="networkidle")
    page.locator(".md-sidebar--primary a.md-nav__link[href$='traits/']").first.click()
    page.wait_for_url(re.compile(r"traits/$"))
    page.wait_for_selector("[data-lvm-glossary-filter][data-ready]", timeout=5000)
    page.get_by_label(re.compile(r"Key traits \(")).check()
    assert entries_shown(page) == sum(1 for t in site_data().traits if t.tier == "key")
    assert not watch.errors, watch.errors


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height", "scheme"), VARIANTS)
def test_axe_finds_nothing_on_the_glossary(new_page, served_site, width, height, scheme):
    watch = new_page(width=width, height=height, color_scheme=scheme)
    page = watch.page
    page.goto(served_site + "traits/", wait_until="networkidle")
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    page.get_by_label(re.compile(r"Bonus traits \(")).check()  # and with the filter in use
    page.get_by_label("Both", exact=True).uncheck()
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_searching_a_trait_name_lands_on_its_section(new_page, served_site):
    watch = new_page()
    page = watch.page
    page.goto(served_site, wait_until="networkidle")
    misses = []
    for t in site_data().traits:
        links = search(page, t.name)
        sections = [link for link in links if "#" in link]
        if not sections or not sections[0].endswith(f"traits/#{t.id}"):
            misses.append(f"{t.name}: {links[:4]}")
    assert not misses, "\n".join(misses)


# =========================================================================== trait link tooltips (tooltips.js)
def _described_link(page):
    link = page.locator("article a.lvm-trait-link[aria-description]").first
    link.scroll_into_view_if_needed()
    return link


def _open_tip(new_page, url: str, how: str, **page_options):
    """Open ``url``, hover or focus its first trait link with a definition, wait for the tooltip
    and check it shows that definition: (watch, page, link, tooltip)."""
    watch = new_page(**page_options)
    page = watch.page
    page.goto(url, wait_until="networkidle")
    link = _described_link(page)
    getattr(link, how)()
    tip = page.locator(".lvm-tip")
    tip.wait_for(state="visible", timeout=3000)
    assert tip.inner_text().strip() == link.get_attribute("aria-description")
    return watch, page, link, tip


@pytest.mark.browser
def test_trait_link_shows_its_definition_on_hover_and_keeps_it_while_hovered(new_page, served_site):
    watch, page, link, tip = _open_tip(new_page, served_site + "styles/", "hover")
    assert tip.get_attribute("aria-hidden") == "true", "screen readers get it once, from the link"
    box, host = tip.bounding_box(), link.bounding_box()
    assert abs(box["y"] - (host["y"] + host["height"])) < 1.5 or abs(box["y"] + box["height"] - host["y"]) < 1.5
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # onto the tooltip (WCAG 1.4.13)
    assert tip.is_visible()
    page.mouse.move(5, host["y"] + 300)
    tip.wait_for(state="hidden", timeout=3000)
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_trait_link_definition_shows_on_focus_and_esc_dismisses_it(new_page, served_site):
    watch, page, _, tip = _open_tip(new_page, served_site + "principles/", "focus")
    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=3000)
    page.keyboard.press("Tab")
    assert not tip.is_visible() or page.evaluate("() => document.activeElement.matches('[aria-description]')")
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_trait_link_tooltips_work_after_instant_navigation(new_page, served_site):
    watch = new_page()
    page = watch.page
    page.goto(served_site + "roles/", wait_until="networkidle")
    page.locator(".md-sidebar--primary a.md-nav__link[href$='styles/']:visible").first.click()
    page.wait_for_url(re.compile(r"styles/$"))
    page.wait_for_function("() => window.lvmTips")
    _described_link(page).hover()
    page.locator(".lvm-tip").wait_for(state="visible", timeout=3000)
    assert not watch.errors, watch.errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_trait_tooltip_open(new_page, served_site, scheme):
    _, page, _, _ = _open_tip(new_page, served_site + "styles/", "hover", color_scheme=scheme)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
