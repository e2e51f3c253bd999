"""Onboarding paths: the data (steps name real entries), the page (steps in order, links,
summaries, reading times; complete without JavaScript) and the reader's progress in a real
browser (ticks survive a reload; tampered storage never breaks the page)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from macros.data import DataError, load_site_data
from macros.links import Linker
from macros.models import KINDS, PATH_STEP_KINDS
from macros.render_paths import SUMMARY_FIELD, reading_minutes, render_path, render_paths_index

from .conftest import MINIMAL, ROOT, describe_violations, html_soup, run_axe


@pytest.fixture(scope="module")
def site():
    return load_site_data(ROOT / "data", ROOT)


def test_every_step_kind_has_a_summary_and_a_page():
    assert set(SUMMARY_FIELD) == set(PATH_STEP_KINDS)
    for kind in PATH_STEP_KINDS:
        assert kind in KINDS and SUMMARY_FIELD[kind] in KINDS[kind].model.model_fields


def test_every_path_has_its_page_and_is_in_the_nav(site):
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in site.paths:
        page = ROOT / "docs" / KINDS["paths"].page_of(path.id)
        assert page.is_file(), f"no {page.relative_to(ROOT)} for data/paths/{path.id}.yaml"
        assert f'onboarding_path("{path.id}")' in page.read_text(encoding="utf-8")
        assert f"paths/{path.id}.md" in nav


def test_a_step_naming_a_missing_entry_stops_the_build_with_one_line(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "paths").mkdir(exist_ok=True)
    site = load_site_data(data, tmp_path)
    trait = next(iter(site.traits)).id
    (data / "paths" / "p.yaml").write_text(
        "id: p\nname: P\norder: 1\naudience: Anyone.\nsummary: A path.\nsteps:\n"
        f"  - kind: traits\n    id: {trait}\n    why: First.\n"
        "  - kind: traits\n    id: no-such-trait\n    why: Second.\n"
        "  - kind: nothing\n    id: x\n    why: Third.\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_site_data(data, tmp_path)
    lines = str(err.value).splitlines()
    assert any(line.startswith("data/paths/p.yaml:13:") and "'nothing'" in line for line in lines), lines
    (data / "paths" / "p.yaml").write_text(
        (data / "paths" / "p.yaml").read_text(encoding="utf-8").replace("kind: nothing", "kind: traits"),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load_site_data(data, tmp_path)
    [line] = [x for x in str(err.value).splitlines() if "no-such-trait" in x]
    assert re.match(r"data/paths/p\.yaml:11: entry 'p', field 'steps\[1\]\.id': 'no-such-trait' is not an id", line)


def test_a_path_page_lists_every_step_in_order_with_link_summary_and_time(site):
    path = next(iter(site.paths))
    href = Linker(f"paths/{path.id}/")
    soup = html_soup(render_path(path, site, href, "https://example.org/guide/"))
    items = soup.select("ol.lvm-plan-steps > li")
    assert [li["data-step"] for li in items] == [f"{s.kind}:{s.id}" for s in path.steps]
    total = 0
    for li, step in zip(items, path.steps, strict=True):
        entry = site.collections[step.kind][step.id]
        link = li.select_one(".lvm-plan-step-title a")
        assert link.get_text() == KINDS[step.kind].entry_name(entry)
        assert link["href"] == href(step.kind, step.id)
        minutes = reading_minutes(step.kind, entry)
        assert f"about {minutes} min" in li.get_text(" ")
        assert step.why in li.get_text(" ")
        address = li.select_one(".lvm-plan-address").get_text()
        assert address.startswith("https://example.org/guide/")
        total += minutes
    assert f"about {total} minutes" in soup.get_text(" ")
    # Complete without JavaScript: no checkbox in the HTML (paths.js adds them), and the few
    # buttons are inside a JS-only block (hidden until the script runs).
    assert not soup.select("input")
    assert all(b.find_parent(class_="lvm-js-only") for b in soup.select("button"))
    assert "paths.js" in href.scripts


def test_the_index_lists_every_path_in_its_order(site):
    soup = html_soup(render_paths_index(site.paths, site, Linker("paths/")))
    cards = [li["data-lvm-plan-card"] for li in soup.select("[data-lvm-plan-card]")]
    assert cards == [p.id for p in sorted(site.paths, key=lambda p: (p.order, p.name))]


def test_reading_time_grows_with_the_text(site):
    path = next(iter(site.paths))
    step = path.steps[0]
    entry = site.collections[step.kind][step.id]
    longer = entry.model_copy(update={SUMMARY_FIELD[step.kind]: "word " * 2000})
    assert reading_minutes(step.kind, longer) > reading_minutes(step.kind, entry)


# --------------------------------------------------------------------------- in the browser
TAMPERED = ["{", "null", "42", '"x"', "{}", json.dumps(["playbook:one-to-ones"] * 5000), json.dumps([{"a": 1}, 7])]


@pytest.mark.browser
def test_progress_survives_a_reload_and_shows_on_the_index(new_page, served_site, site):
    path = next(iter(sorted(site.paths, key=lambda p: p.order)))
    watch = new_page(width=390, height=844)
    page = watch.page
    page.goto(served_site + f"paths/{path.id}/", wait_until="networkidle")
    root = page.locator(f"[data-lvm-plan='{path.id}'][data-ready]")
    root.wait_for(state="attached")
    boxes = root.locator(".lvm-plan-done input")
    assert boxes.count() == len(path.steps)
    boxes.nth(0).check()
    progress = root.locator("[data-lvm-plan-progress]")
    assert progress.inner_text().startswith(f"1 of {len(path.steps)} steps done")
    second = site.collections[path.steps[1].kind][path.steps[1].id]
    assert KINDS[path.steps[1].kind].entry_name(second) in progress.inner_text()
    page.reload(wait_until="networkidle")
    root.wait_for(state="attached")
    assert root.locator(".lvm-plan-done input").nth(0).is_checked()
    page.goto(served_site + "paths/", wait_until="networkidle")
    card = page.locator(f"[data-lvm-plan-card='{path.id}']")
    assert f"1 of {len(path.steps)} steps done" in card.inner_text()
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_tampered_storage_never_breaks_a_path(new_page, served_site, site):
    path = next(iter(site.paths))
    watch = new_page()
    page = watch.page
    page.goto(served_site, wait_until="networkidle")
    for value in TAMPERED:
        page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"lvm-path:{path.id}", value])
        page.goto(served_site + f"paths/{path.id}/", wait_until="networkidle")
        root = page.locator(f"[data-lvm-plan='{path.id}'][data-ready]")
        root.wait_for(state="attached")
        checked = root.locator(".lvm-plan-done input:checked").count()
        keys = {f"{s.kind}:{s.id}" for s in path.steps}
        assert checked == (1 if "playbook:one-to-ones" in keys and value.startswith('["playbook') else 0), value
    assert not watch.errors, watch.errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_paths_pages_have_no_axe_violations(new_page, served_site, site, scheme, width):
    path = next(iter(site.paths))
    for url in ("paths/", f"paths/{path.id}/"):
        watch = new_page(width=width, height=844, color_scheme=scheme)
        watch.page.goto(served_site + url, wait_until="networkidle")
        violations = run_axe(watch.page)
        assert not violations, describe_violations(violations)


@pytest.mark.browser
def test_a_path_works_without_javascript(new_page, served_site, site):
    path = next(iter(site.paths))
    page = new_page(js=False).page
    page.goto(served_site + f"paths/{path.id}/", wait_until="networkidle")
    assert page.locator(".lvm-plan-step").count() == len(path.steps)
    assert page.locator(".lvm-plan-step-title a").first.is_visible()
    assert not page.locator("[data-lvm-plan-progress]").is_visible()


# --------------------------------------------------------------------------- build your own
def _add(page, words: str, touch: bool = True) -> None:
    page.fill("#lvm-build-find", words)
    button = page.locator("[data-lvm-results] button:not(:disabled)").first
    button.tap() if touch else button.click()


@pytest.mark.browser
def test_a_lead_builds_a_path_on_a_phone_and_a_new_manager_opens_it_cold(browser, served_site, site):
    lead = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True)
    page = lead.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_site + "paths/build/", wait_until="networkidle")
    page.wait_for_selector("[data-lvm-builder][data-ready]", state="attached")
    page.fill("#lvm-build-name", "Before your first one-to-one")
    names = []
    for kind in ("playbook", "traits", "styles", "dimensions", "quizzes"):
        entry = next(iter(site.collections[kind]))
        names.append(KINDS[kind].entry_name(entry))
        _add(page, KINDS[kind].entry_name(entry))
    # Reorder by keyboard: the first step moves down one place, and focus follows it.
    page.locator("[data-lvm-steps] li").first.locator("button[data-action=down]").focus()
    page.keyboard.press("Enter")
    assert names[0] in page.evaluate("document.activeElement.getAttribute('aria-label')")
    names[0], names[1] = names[1], names[0]
    # Remove the last, add it back.
    page.locator("[data-lvm-steps] li").last.locator("button[data-action=remove]").tap()
    _add(page, names[-1])
    link = page.input_value("#lvm-build-link")
    assert "#s=" in link and "&t=Before%20your%20first%20one-to-one" in link
    lead.close()

    reader = browser.new_context(viewport={"width": 390, "height": 844})
    page = reader.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(link, wait_until="networkidle")
    page.wait_for_selector("[data-lvm-builder][data-view=shared]", state="attached")
    assert page.locator("[data-lvm-shared-title]").inner_text() == "Before your first one-to-one"
    titles = page.locator(".lvm-plan-step-title a").all_inner_texts()
    assert titles == names
    assert "minutes of reading" in page.locator("[data-lvm-shared-facts]").inner_text()
    page.locator(".lvm-plan-done input").nth(0).check()
    page.reload(wait_until="networkidle")
    page.wait_for_selector("[data-lvm-builder][data-view=shared]", state="attached")
    assert page.locator(".lvm-plan-done input").nth(0).is_checked()
    assert page.locator("[data-lvm-plan-progress]").inner_text().startswith(f"1 of {len(names)} steps done")
    reader.close()
    assert not errors, errors


HOSTILE_LINKS = [
    "#s=playbook:no-such-entry,<img src=x onerror=alert(1)>&t=<script>alert(1)</script>&n=<b>bold</b>",
    "#s=" + ",".join(f"traits:x{i}" for i in range(5000)),
    "#s=%E0%A4%A&t=%",
    "#s=,,,:,a:,:b,&t=" + "x" * 50000,
    "#s=constructor:__proto__,__proto__:toString",
]


@pytest.mark.browser
def test_hostile_links_show_text_and_never_break_the_page(new_page, served_site):
    watch = new_page()
    page = watch.page
    for suffix in HOSTILE_LINKS:
        page.goto(served_site + "paths/build/" + suffix, wait_until="networkidle")
        page.wait_for_selector("[data-lvm-builder][data-ready]", state="attached")
        assert page.locator(".lvm-builder img, .lvm-builder script, .lvm-builder b").count() == 0, suffix
        assert page.locator(".lvm-plan-step").count() <= 40
        title = page.locator("[data-lvm-shared-title]")
        if title.is_visible():
            assert len(title.inner_text()) <= 120
    page.goto(served_site + "paths/build/" + HOSTILE_LINKS[0], wait_until="networkidle")
    page.wait_for_selector("[data-lvm-builder][data-ready]", state="attached")
    assert "no longer in the guide" in page.locator(".lvm-plan-step--gone").first.inner_text()
    assert page.locator("[data-lvm-shared-title]").inner_text() == "<script>alert(1)</script>"
    assert not watch.errors, watch.errors


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_builder_and_a_shared_path_have_no_axe_violations(new_page, served_site, site, scheme, width):
    entry = next(iter(site.playbook))
    for suffix in ("", f"#s=playbook:{entry.id},traits:gone&t=Mine"):
        watch = new_page(width=width, height=844, color_scheme=scheme)
        watch.page.goto(served_site + "paths/build/" + suffix, wait_until="networkidle")
        watch.page.wait_for_selector("[data-lvm-builder][data-ready]", state="attached")
        if not suffix:
            _add(watch.page, entry.name, touch=False)
        violations = run_axe(watch.page)
        assert not violations, describe_violations(violations)
