"""What a walk through the built site as a reader found broken, kept fixed.

Each test names the behaviour a reader met: words run together by the minifier, a result that
appeared below the fold, "Link copied" drawn invisible, keyboard focus hidden under the sticky
header and the quiz progress line.
"""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT, describe_violations, run_axe

SCRIPTS = ROOT / "overrides" / "assets" / "javascripts"
SELF = "quizzes/self-assessment/"


def test_own_scripts_have_no_nested_template_literals():
    """rJSmin (hooks/minify_assets.py) treats a template literal inside another's ${...} as code
    and drops its spaces: `${n} statements` shipped as "17statements". Build such text with +."""
    for script in sorted(SCRIPTS.glob("*.js")):
        for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"\$\{[^}]*`", line), f"{script.name}:{number}: nested template literal"


def _rate(page, fields, value_index: int = 2) -> None:
    for k in range(fields.count()):
        fields.nth(k).locator("input").nth(value_index).check()


@pytest.mark.browser
def test_unanswered_note_reads_as_words(new_page, served_site):
    page = new_page(width=390, height=844).page
    page.goto(served_site + SELF)
    page.wait_for_selector("[data-lvm-quiz][data-ready]")
    page.locator("fieldset.lvm-q").first.locator("input").nth(1).check()
    page.locator("button.lvm-show").click()
    note = page.locator(".lvm-note")
    note.wait_for(state="visible")
    assert re.match(r"\d+ statements are still unanswered\. Go to statement \d", note.inner_text()), note.inner_text()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_show_my_result_brings_the_result_to_the_top(new_page, served_site, width, height):
    """The result used to appear with only its heading peeking in at the bottom edge."""
    watch = new_page(width=width, height=height)
    page = watch.page
    page.goto(served_site + SELF)
    page.wait_for_selector("[data-lvm-quiz][data-ready]")
    _rate(page, page.locator("fieldset.lvm-q"))
    page.locator("button.lvm-show").focus()
    page.keyboard.press("Enter")
    heading = page.locator(".lvm-result h2")
    heading.wait_for(state="visible")
    page.wait_for_timeout(300)
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    box = heading.bounding_box()
    assert header <= box["y"] and box["y"] + box["height"] < height / 3, (header, box)
    assert page.evaluate("document.activeElement.textContent") == "Your result"
    headline = page.locator(".lvm-result .lvm-headline").bounding_box()
    assert headline["y"] + headline["height"] < height, "the headline is not on the first screen"
    assert not watch.errors, watch.errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_copy_link_feedback_is_drawn(browser, served_site, scheme):
    """The result's "Link copied" shared a class with the ¶ toast, which is transparent until
    shown: the words were in the page but nobody saw them."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(served_site + SELF)
        page.wait_for_selector("[data-lvm-quiz][data-ready]")
        _rate(page, page.locator("fieldset.lvm-q"))
        page.locator("button.lvm-show").click()
        page.locator("button.lvm-copy").click()
        status = page.locator(".lvm-result .lvm-copied")
        status.wait_for(state="visible")
        page.wait_for_timeout(400)
        assert status.inner_text() == "Link copied."
        drawn = status.evaluate(
            """e => { const s = getComputedStyle(e), r = e.getBoundingClientRect();
                return {opacity: +s.opacity, position: s.position, top: r.top, bottom: r.bottom}; }"""
        )
        assert drawn["opacity"] == 1 and drawn["position"] != "fixed", drawn
        button = page.locator("button.lvm-copy").bounding_box()
        assert abs(drawn["top"] - button["y"]) < 60, "the feedback is not next to the button"
        violations = run_axe(page)
        assert not violations, describe_violations(violations)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("url", ["quizzes/leading-or-managing/", SELF, "traits/"])
def test_focus_is_not_hidden_under_the_sticky_header(new_page, served_site, url):
    """Shift+Tab scrolls each control to the top edge: it must stay clear of the sticky header
    and, on a quiz, of the sticky progress line (WCAG 2.2 2.4.11)."""
    page = new_page(width=390, height=844).page
    page.goto(served_site + url)
    page.wait_for_load_state("networkidle")
    page.locator(".md-footer a").last.focus()
    hidden = []
    for _ in range(60):
        page.keyboard.press("Shift+Tab")
        state = page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e.closest('.md-content')) return null;
                const header = document.querySelector('.md-header'), cover = [header];
                const progress = document.querySelector('.lvm-progress');
                const stuck = progress && getComputedStyle(progress).position === 'sticky'
                    && Math.abs(progress.getBoundingClientRect().top - header.getBoundingClientRect().bottom) < 2;
                if (stuck) cover.push(progress);
                const r = e.getBoundingClientRect();
                const edge = Math.max(...cover.map(c => c.getBoundingClientRect().bottom));
                return r.bottom <= edge + 1 ? (e.id || e.textContent.trim().slice(0, 40)) : null;
            }"""
        )
        if state:
            hidden.append(state)
    assert not hidden, f"focused but hidden under the sticky header: {hidden[:5]}"


#: Every word of a table's visible text on one line: counts each word drawn across two lines.
SPLIT_WORDS = """() => {
  const out = [];
  for (const table of document.querySelectorAll('.md-content table')) {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const el = node.parentElement, box = el.getBoundingClientRect();
      const head = el.closest('thead');
      if (box.width < 4 || box.height < 4 || (head && head.getBoundingClientRect().width < 4)) continue;
      const words = /[A-Za-z][A-Za-z'’]{3,}/g;  // a break after a hyphen is fine
      let m;
      while ((m = words.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) out.push(m[0]);
      }
    }
  }
  return out;
}"""


TABLE_PAGES = ["roles/", "cheat-sheet/", "traits/", "styles/which-style-when/", "leading-vs-managing/"]


@pytest.mark.browser
@pytest.mark.parametrize("url", TABLE_PAGES)
def test_table_words_do_not_break_on_a_phone(new_page, served_site, url):
    """The role matrix drew "Innovatin-g", "organisin-g": Material lets links break anywhere."""
    page = new_page(width=390, height=844).page
    page.goto(served_site + url)
    page.wait_for_load_state("networkidle")
    split = page.evaluate(SPLIT_WORDS)
    assert not split, f"{url}: words broken across lines: {split[:10]}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_role_matrix_keeps_its_dimension_column_in_view(new_page, served_site, scheme):
    page = new_page(width=390, height=844, color_scheme=scheme).page
    page.goto(served_site + "roles/")
    wrap = page.locator(".lvm-table-wrap:has(.lvm-role-matrix)")
    wrap.scroll_into_view_if_needed()
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    first = page.locator(".lvm-role-matrix tbody th").first.bounding_box()
    box = wrap.bounding_box()
    assert abs(first["x"] - box["x"]) < 2, "the dimension column scrolled out of view"
    violations = run_axe(page)
    assert not violations, describe_violations(violations)


@pytest.mark.browser
@pytest.mark.parametrize("width", [820, 1280])
def test_rating_scales_line_up_on_a_wide_screen(new_page, served_site, width):
    """A statement with "Not yet / not applicable" squeezed its scale into six columns, out of
    line with the five of the others; that answer now sits on its own line below the scale."""
    page = new_page(width=width, height=800).page
    page.goto(served_site + SELF, wait_until="networkidle")
    columns = set()
    for field in page.locator("#lvm-self-assessment .lvm-q").all():
        scale = [i.bounding_box() for i in field.locator("label:not(.lvm-na) input").all()]
        assert len({round(b["y"]) for b in scale}) == 1, "the scale is not one row"
        columns.add(tuple(round(b["x"]) for b in scale))
        na = field.locator("label.lvm-na input")
        if na.count():
            assert na.bounding_box()["y"] > scale[0]["y"] + scale[0]["height"], "not yet is not below the scale"
    assert len(columns) == 1, f"the scales are out of line: {columns}"


@pytest.mark.browser
def test_keyboard_focus_in_the_closed_drawer_is_seen(new_page, served_site):
    """On a phone the navigation drawer sits off-screen, yet Tab walks through its links (the menu
    button takes no focus): each focused link must be drawn where the reader can see it."""
    watch = new_page(width=390, height=844)
    page = watch.page
    page.goto(served_site + "traits/", wait_until="networkidle")
    unseen, seen = [], 0
    for _ in range(150):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # the drawer and its panels slide in (.25 s)
        state = page.evaluate(
            """() => {
                const e = document.activeElement;
                if (!e.closest('.md-sidebar--primary')) return null;
                const r = e.getBoundingClientRect();
                const x = Math.min(Math.max(r.left + 8, 1), innerWidth - 1);
                const y = Math.min(Math.max(r.top + r.height / 2, 1), innerHeight - 1);
                const hit = document.elementFromPoint(x, y);
                const shown = r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight
                    && hit && (hit === e || e.contains(hit) || hit.contains(e))
                    && getComputedStyle(e.closest('.md-nav')).opacity === '1';
                return [e.textContent.trim().slice(0, 30), shown];
            }"""
        )
        if state is None:
            if seen:
                break
            continue
        seen += 1
        if not state[1]:
            unseen.append(state[0])
    assert seen > 5, "Tab never reached the drawer"
    assert not unseen, f"focused but not seen: {unseen[:8]}"
    assert page.evaluate("document.querySelector('.md-sidebar--primary').getBoundingClientRect().right") <= 1
    assert not watch.errors, watch.errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_drawer_panels_pass_axe(new_page, served_site, scheme):
    """The title of a drawer panel ("Table of contents") was grey on grey, 4.41:1."""
    page = new_page(width=390, height=844, color_scheme=scheme).page
    page.goto(served_site + "traits/", wait_until="networkidle")
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(400)
    page.locator(".md-nav--primary label.md-nav__link[for='__toc']").click()
    page.wait_for_timeout(400)
    violations = run_axe(page)
    assert not violations, describe_violations(violations)
