"""The built site in a real browser: loads, searches, deep links, and axe-core finds nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .conftest import describe_violations, html_pages, page_url_of, run_axe, search

pytestmark = pytest.mark.browser

VARIANTS = [
    pytest.param(1280, 800, "light", id="desktop-light"),
    pytest.param(1280, 800, "dark", id="desktop-dark"),
    pytest.param(390, 844, "light", id="mobile-light"),
    pytest.param(390, 844, "dark", id="mobile-dark"),
]


def test_home_loads_without_console_errors_or_external_requests(new_page, served_site):
    watch = new_page()
    watch.page.goto(served_site, wait_until="networkidle")
    assert "Leading vs Managing" in watch.page.title()
    assert watch.page.locator("h1").first.inner_text().startswith("Leading vs Managing")
    assert not watch.errors, watch.errors
    assert not watch.external, watch.external


def test_start_up_marks_are_set_early_and_cleared_after_load(new_page, served_site):
    """main.html swaps no-js for js, makes the focus-visible polyfill's marks and marks palette
    switching before the first paint (so Material's own changes restyle nothing); Material must
    still clear the switching mark, or transitions would stay off. The palette toggle must still
    switch the scheme."""
    watch = new_page()
    page = watch.page
    # What <html> carries as soon as <body> exists, long before Material's bundle at its end.
    page.add_init_script(
        "new MutationObserver((_, o) => { if (!document.body) return; o.disconnect();"
        " const h = document.documentElement;"
        " window.lvmEarly = {classes: [...h.classList], focusMark: h.hasAttribute('data-js-focus-visible')}; })"
        ".observe(document, {childList: true, subtree: true});"
    )
    page.goto(served_site, wait_until="networkidle")
    early = page.evaluate("() => window.lvmEarly")
    assert {"js", "lvm-js", "js-focus-visible"} <= set(early["classes"]), early
    assert "no-js" not in early["classes"] and early["focusMark"], early
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')", timeout=5000)
    classes = page.evaluate("() => [...document.documentElement.classList]")
    assert "js" in classes and "lvm-js" in classes and "no-js" not in classes
    page.locator("label[for^='__palette_']:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=5000)
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')", timeout=5000)
    assert not watch.errors, watch.errors


def test_search_finds_a_dimension(new_page, served_site):
    watch = new_page()
    watch.page.goto(served_site, wait_until="networkidle")
    links = search(watch.page, "change vs stability")
    assert any(link.endswith("leading-vs-managing/#change-vs-stability") for link in links[:5]), links
    assert not watch.errors, watch.errors


def test_deep_link_to_a_dimension_scrolls_to_it(new_page, served_site):
    watch = new_page(width=1280, height=700)
    watch.page.goto(served_site + "leading-vs-managing/#trust-vs-control", wait_until="networkidle")
    in_view = (
        "() => { const t = document.getElementById('trust-vs-control').getBoundingClientRect().top;"
        " return t >= 0 && t < 300 }"
    )
    try:  # on a busy machine the jump can come after the load event
        watch.page.wait_for_function(in_view, timeout=10000)
    except PlaywrightTimeout:
        top = watch.page.eval_on_selector("#trust-vs-control", "el => el.getBoundingClientRect().top")
        raise AssertionError(f"heading is at {top}px, not scrolled into view") from None
    assert watch.page.evaluate("window.scrollY") > 500


def all_page_urls(built_site) -> list[str]:
    return [page_url_of(built_site, p) for p in html_pages(built_site) if p.name != "404.html"]


@pytest.mark.parametrize(("width", "height", "scheme"), VARIANTS)
def test_axe_finds_nothing_on_any_page(new_page, served_site, built_site, width, height, scheme):
    watch = new_page(width=width, height=height, color_scheme=scheme)
    failures = []
    for url in all_page_urls(built_site):
        watch.page.goto(served_site + url, wait_until="networkidle")
        if scheme == "dark":
            watch.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        violations = run_axe(watch.page)
        if violations:
            failures.append(f"{url or '/'}: {describe_violations(violations)}")
    assert not failures, "\n".join(failures)
    assert not watch.errors, watch.errors
    assert not watch.external, watch.external


# --------------------------------------------------------------------------- issue 19
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_home_page_menu_opens_on_a_phone(new_page, served_site, scheme):
    """The home page hides its navigation on wide screens; on a phone ☰ must still open it."""
    watch = new_page(width=390, height=844, color_scheme=scheme)
    page = watch.page
    page.goto(served_site, wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    link = page.locator(".md-sidebar--primary .md-nav__link", has_text="New manager's playbook").first
    link.wait_for(state="visible", timeout=5000)
    page.wait_for_timeout(400)  # the drawer slides in
    box = link.bounding_box()
    assert box and 0 <= box["x"] and box["x"] + box["width"] <= 390, box
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
    link.click()
    page.wait_for_url("**/playbook/")
    assert not watch.errors, watch.errors


def test_copy_link_and_edit_controls_are_big_enough_to_tap(new_page, served_site):
    """WCAG 2.5.8: at least 24 x 24 CSS px, headings' and table rows' ¶ and the edit pencil."""
    page = new_page(width=390, height=844).page
    small = []
    for url in ("playbook/", "leading-vs-managing/", "styles/which-style-when/"):
        page.goto(served_site + url, wait_until="networkidle")
        for where, box in page.evaluate(
            """() => [...document.querySelectorAll(
                    '.md-typeset h2 .headerlink, .md-typeset h3 .headerlink, tr[id] .headerlink, .md-content__button')]
                .map(el => [el.closest('[id]') ? el.closest('[id]').id : el.className,
                            el.getBoundingClientRect().toJSON()])"""
        ):
            if box["width"] < 24 or box["height"] < 24:
                small.append(f"{url}{where}: {box['width']:.0f}x{box['height']:.0f}")
    assert not small, small[:10]


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_a_rows_copy_link_shows_on_hover_focus_and_target_without_moving_the_row(new_page, served_site, width, height):
    page = new_page(width=width, height=height).page
    url = served_site + "styles/which-style-when/"
    page.goto(url + "#s2-selling", wait_until="networkidle")
    opacity = "id => getComputedStyle(document.querySelector('#' + id + ' .headerlink')).opacity"
    row_height = "id => document.getElementById(id).getBoundingClientRect().height"
    page.wait_for_function(f"() => ({opacity})('s2-selling') === '1'", timeout=10000)  # the targeted row shows its ¶
    assert page.evaluate(opacity, "s3-participating") == "0"
    before = page.evaluate(row_height, "s3-participating")
    page.locator("#s3-participating td").last.hover()
    page.wait_for_function(f"() => ({opacity})('s3-participating') === '1'", timeout=5000)  # hover anywhere on the row
    assert page.evaluate(row_height, "s3-participating") == before
    page.mouse.move(0, 0)
    page.locator("#s3-participating .headerlink").focus()
    page.wait_for_function(f"() => ({opacity})('s3-participating') === '1'", timeout=5000)
    # The ¶ sits in the row header's own space: it does not wrap onto a line of its own.
    link = page.locator("#s3-participating .headerlink").bounding_box()
    header = page.locator("#s3-participating th").bounding_box()
    assert header["y"] <= link["y"] and link["y"] + link["height"] <= header["y"] + header["height"] + 1
