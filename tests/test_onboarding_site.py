"""Ready for onboarding links and phones (issue 15): link previews, last-updated dates, the
correction link, copyable deep links, pages that fit a phone, search that understands word forms
and loads its index only on demand.

Build-level checks read the built site; browser checks drive Debian's Chromium.
"""

from __future__ import annotations

import importlib
import os
import re
import struct
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import sitekit  # scripts/: conftest puts it on sys.path
from bs4 import BeautifulSoup, Comment

from macros.data import load_site_data
from macros.models import KINDS

from .conftest import ROOT, copy_project, describe_violations, html_pages, load_yaml, page_url_of, run_axe, run_build


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


#: Search engines and link previews cut a description after about this many characters.
MAX_DESCRIPTION = 160


def test_previews_use_the_tag_attributes_their_readers_expect_and_short_descriptions(built_site):
    """og:* by property= (Open Graph), twitter:* by name= (what X reads), matching the og:* ones;
    every description short enough to be shown whole."""
    for page in content_pages(built_site):
        doc = soup(page)
        where = page.relative_to(built_site).as_posix()
        by_property = doc.find_all("meta", attrs={"property": re.compile(r"^twitter:")})
        assert not by_property, f"{where}: twitter:* by property="
        twitter = {t["name"]: t.get("content") for t in doc.find_all("meta", attrs={"name": re.compile(r"^twitter:")})}
        assert set(twitter) == {"twitter:card", "twitter:title", "twitter:description", "twitter:image"}, where
        og = {t["property"]: t.get("content") for t in doc.find_all("meta", attrs={"property": re.compile(r"^og:")})}
        for field in ("title", "description", "image"):
            assert twitter[f"twitter:{field}"] == og[f"og:{field}"], f"{where}: twitter:{field} differs from og:{field}"
        description = doc.find("meta", attrs={"name": "description"})["content"]
        assert description == og["og:description"], where
        assert len(description) <= MAX_DESCRIPTION, f"{where}: description is {len(description)} characters"


def test_social_font_is_committed_with_its_licence():
    fonts = ROOT / "lvm_site" / "social_fonts"
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
        data = {
            name.strip()
            for comment in doc.find_all(string=lambda text: isinstance(text, Comment))
            if comment.strip().startswith("generated from ")
            for name in comment.strip().removeprefix("generated from ").split(":", 1)[0].split(",")
        }
        out[page_url_of(site, page)] = (time["datetime"] if time else None, data)
    return out


@pytest.mark.build
def test_a_data_edit_dates_the_pages_built_from_it_and_no_others(tmp_path):
    project = copy_project(tmp_path / "project")
    _git(project, "init", "-q", "-b", "main")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "start", date="2020-01-02T12:00:00+00:00")
    traits_file = KINDS["traits"].data_file()  # data/traits.yaml, or the folder data/traits/
    if KINDS["traits"].in_markdown(project / "data"):  # one entry's file changes
        traits = project / "data" / "traits" / "empathetic.md"
        traits.write_text(traits.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:
        traits = project / "data" / "traits.yaml"
        traits.write_text(traits.read_text(encoding="utf-8") + "# an edit\n", encoding="utf-8")
    _git(project, "commit", "-q", "-am", "edit traits", date="2021-06-15T09:30:00+00:00")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-2000:]
    pages = _dates_and_data(tmp_path / "site")
    assert any(traits_file in data for _, data in pages.values()), "some page is built from traits"
    for url, (shown, data) in pages.items():
        expected = "2021-06-15" if traits_file in data else "2020-01-02"
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


# --------------------------------------------------------------------------- entries and links
#: The kinds of entry onboarding links to, and the page (site-relative URL) each lives on.
ENTRY_PAGES = {
    "dimensions": "leading-vs-managing/",
    "principles": "principles/",
    "practices": "principles/",
    "roles": "roles/",
    "traits": "traits/",
    "styles": "styles/",
    "situational": "styles/which-style-when/",
    "situations": "styles/which-style-when/",
}


def entry_ids(kind: str) -> list[str]:
    return [entry.id for entry in load_site_data(ROOT / "data", ROOT).collections[kind]]


def test_every_entry_has_a_copy_link_control(built_site):
    for kind, url in ENTRY_PAGES.items():
        doc = soup(built_site / url / "index.html")
        for ident in entry_ids(kind):
            target = doc.find(id=ident)
            assert target is not None, f"{kind} {ident}: no element with that id on {url}"
            link = target.select_one("a.headerlink")
            assert link is not None and link["href"] == f"#{ident}", f"{kind} {ident}: no ¶ link to copy"
            assert link.get("aria-label"), f"{kind} {ident}: the ¶ link needs a name"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_copy_link_copies_the_canonical_address_on_a_touch_screen(browser, served_site, scheme):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, color_scheme=scheme
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        for kind, url in ENTRY_PAGES.items():
            ident = entry_ids(kind)[0]
            page.goto(served_site + url)
            link = page.locator(f"[id='{ident}'] a.headerlink").first
            link.scroll_into_view_if_needed()
            assert float(link.evaluate("e => getComputedStyle(e).opacity")) > 0.5, f"{kind}: ¶ hidden on touch"
            link.tap()
            status = page.locator(".lvm-toast[role=status]")
            status.wait_for(state="visible")
            assert status.text_content() == "Link copied"
            copied = page.evaluate("navigator.clipboard.readText()")
            assert copied == f"{site_url()}{url}#{ident}", kind
            if kind == "traits":  # the status line passes axe too (contrast, role)
                violations = run_axe(page)
                assert not violations, describe_violations(violations)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_cold_deep_links_land_below_the_header(new_page, served_site, width, height):
    """A link to an entry opens with the entry under the header, not behind it. With the system's
    fonts, as readers get them: the tests' pinned web font arrives after the browser has scrolled to
    the anchor and moved it by up to a line (a reflow the site, which loads no web font, never has),
    and where the anchor lands relative to the header depends on no font's metrics."""
    watch = new_page(width=width, height=height, font="system")
    page = watch.page
    for kind, url in ENTRY_PAGES.items():
        ident = entry_ids(kind)[-1]
        page.goto(f"{served_site}{url}#{ident}")
        # Where the page settles, not where it is at one instant: on a busy machine the browser's
        # scroll to the anchor and the late layout of the page (scripts arrive with the
        # stylesheets now) may still be a frame apart after a fixed wait.
        box = None
        for _ in range(20):
            page.wait_for_timeout(150)
            box = page.evaluate(
                """id => { const r = document.getElementById(id).getBoundingClientRect();
                       const h = document.querySelector('.md-header').getBoundingClientRect();
                       return {top: r.top, header: h.bottom, height: innerHeight,
                               wide: document.documentElement.scrollWidth}; }""",
                ident,
            )
            if box["header"] - 1 <= box["top"] < box["height"] / 2:
                break
        assert box["wide"] <= width, f"{url}: page is {box['wide']} px wide"
        assert box["header"] - 1 <= box["top"] < box["height"] / 2, f"{kind} {ident} at {width}px: {box}"


# --------------------------------------------------------------------------- phone fit
@pytest.mark.browser
def test_no_page_pans_sideways_on_a_phone_and_wide_tables_scroll_in_their_box(new_page, served_site, built_site):
    page = new_page(width=390, height=844, font="wide").page
    for path in content_pages(built_site):
        url = page_url_of(built_site, path)
        page.goto(served_site + url)
        found = page.evaluate(
            """() => ({
                wide: document.documentElement.scrollWidth,
                boxes: [...document.querySelectorAll('.md-typeset table')].map(t => {
                    const box = t.closest('.lvm-table-wrap, .md-typeset__scrollwrap') || t.parentElement;
                    const style = getComputedStyle(box);
                    return {over: box.scrollWidth > box.clientWidth + 1, scrolls: /auto|scroll/.test(style.overflowX),
                            focusable: box.tabIndex >= 0 || !!box.closest('.md-typeset__scrollwrap'), cls: t.className};
                }),
            })"""
        )
        assert found["wide"] <= 390, f"{url or 'home'} is {found['wide']} px wide at 390"
        for box in found["boxes"]:
            if box["over"]:
                assert box["scrolls"] and box["focusable"], f"{url}: table {box['cls']} is cut off"


@pytest.mark.browser
@pytest.mark.parametrize("font", ["pinned", "wide"])
def test_trait_matrix_shows_every_principle_on_a_phone(new_page, served_site, font):
    """With the shipped font, and with it spaced out as wide as DejaVu Sans: readers have all
    sorts of fonts."""
    page = new_page(width=390, height=844, font=font).page
    page.goto(served_site + "traits/", wait_until="networkidle")
    page.evaluate("() => document.fonts.ready")
    loaded = "() => [...document.fonts].some(f => f.family.includes('LVM Pinned') && f.status === 'loaded')"
    assert page.evaluate(loaded), "the pinned font did not load"
    wrap = page.locator(".lvm-table-wrap:has(.lvm-trait-matrix)")
    assert wrap.evaluate("e => e.scrollWidth <= e.clientWidth"), "a principle column is out of view"
    names = [p.name for p in load_site_data(ROOT / "data", ROOT).principles]
    for name in names:
        assert wrap.locator("thead th", has_text=name).is_visible(), name


@pytest.mark.browser
def test_printed_cheat_sheet_carries_the_site_address(new_page, served_site):
    page = new_page().page
    page.goto(served_site + "cheat-sheet/")
    address = page.locator(".lvm-print-address")
    assert not address.is_visible()
    page.emulate_media(media="print")
    assert address.is_visible()
    assert address.text_content().strip() == f"Printed from {site_url()}cheat-sheet/"
    words = page.evaluate(
        """() => [...document.querySelectorAll('.lvm-cheat-table a')].filter(a => {
               const r = a.getClientRects(); if (r.length < 2) return false;
               return !/\\s/.test(a.textContent.trim());  // a one-word name on two lines: broken mid-word
           }).map(a => a.textContent)"""
    )
    assert not words, f"broken mid-word in print: {words}"
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 390, "height": 844})
    words = page.evaluate(
        """() => [...document.querySelectorAll('.lvm-cheat-table a')]
               .filter(a => a.getClientRects().length > 1 && !/\\s/.test(a.textContent.trim()))
               .map(a => a.textContent)"""
    )
    assert not words, f"broken mid-word on a phone: {words}"


# --------------------------------------------------------------------------- search
def test_search_index_reads_as_text(built_site):
    index = __import__("json").loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    config = index["config"]
    assert "stemmer" in config["pipeline"], "word forms need the stemmer"
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    whole = " ".join(texts.values())
    assert "not drawn" not in whole and "✓" not in whole, "hidden table text in the index"
    section = next(t for loc, t in texts.items() if loc.startswith("leading-vs-managing/#who-draws"))
    for row in load_yaml(ROOT / "data" / "crosswalk.yaml"):
        assert f"{row['leading']} {row['managing']}" in section, row


#: query -> a result it must find (word forms: the query's word is not in the entry's title).
STEMMED = {
    "delegation": "principles/#delegate-when-necessary",
    "delegating": "principles/#empower-and-delegate",
    "listening": "traits/#active-listener",
    "empathy": "traits/#empathetic",
    "inspiration": "principles/#align-and-inspire",
}


@pytest.mark.browser
def test_search_finds_word_forms(new_page, served_site):
    from .conftest import search

    page = new_page().page
    page.goto(served_site)
    misses = {}
    for query, expected in STEMMED.items():
        links = [h.split("/field-guide/", 1)[-1].lstrip("./") for h in search(page, query)]
        if not any(link.endswith(expected) or link == expected for link in links):
            misses[query] = links[:8]
    assert not misses, misses


@pytest.mark.browser
def test_search_index_is_fetched_on_demand_and_answers_the_first_query(new_page, served_site):
    """How fast is the bench's business (no timed tests): here, that the first query is answered."""
    watch = new_page(width=1280, height=800)
    page = watch.page
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(served_site + "roles/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    assert not [u for u in asked if "search_index" in u or "/workers/" in u], "search loaded before it was wanted"
    meta = page.locator(".md-search-result__meta")
    assert meta.text_content().strip() == "Loading search…"
    box = page.locator("input[data-md-component='search-query']")
    box.click()
    box.press_sequentially("kotter", delay=10)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length > 0", timeout=30000)
    assert [u for u in asked if u.endswith("search/search_index.json")], "the index was not fetched"
    assert not watch.errors, watch.errors


@pytest.mark.browser
def test_median_cold_page_is_light(browser, served_site, built_site):
    """Every page loaded cold (its own browser context), bytes as transferred with gzip."""
    weights = []
    for path in content_pages(built_site):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        sizes = []
        page.on("requestfinished", lambda r, sizes=sizes: sizes.append(r.sizes()["responseBodySize"]))
        page.goto(served_site + page_url_of(built_site, path))
        page.wait_for_load_state("networkidle")
        weights.append(sum(sizes))
        context.close()
    weights.sort()
    median = weights[len(weights) // 2]
    assert median <= 90 * 1024, f"median cold page {median / 1024:.1f} KiB gzip"


# --------------------------------------------------------------------------- the build steps, each on its own
def load_hook(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"lvm_hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_row_permalinks_link_rows_with_an_id_and_leave_others_alone():
    hook = importlib.import_module("lvm_site.row_permalinks")
    html = (
        '<table><tr id="s1"><th scope="row">S1 <b>x</b></th><td>a</td></tr>'
        '<tr><th scope="row">no id</th></tr><tr id="z"><td>no row header</td></tr></table>'
    )
    out = hook.add_row_links(html)
    assert '<th scope="row">S1 <b>x</b> <a class="headerlink" href="#s1" aria-label="Link to this section"' in out
    assert out.count("headerlink") == 1 and "data-search-exclude" in out
    assert hook.add_row_links(out) == out  # idempotent


def test_search_text_separates_adjacent_cells_only():
    hook = importlib.import_module("lvm_site.search_text")
    out = hook.separate_cells("<table><tr><th>A</th><td>b</td></tr><tr><td>c</td></tr></table>")
    assert out == "<table><tr>\n<th>A</th>\n<td>b</td></tr>\n<tr>\n<td>c</td></tr></table>"
    assert hook.separate_cells("<p>a</p><p>b</p>") == "<p>a</p><p>b</p>"


def test_search_text_keeps_labels_apart_for_the_index_only():
    hook = importlib.import_module("lvm_site.search_text")
    source = "<dl><div><dt>Leading</dt><dd>Moves</dd></div><div><dt>Why?</dt><dd>x</dd></div></dl>"
    out = hook.separate_cells(source)
    assert out == (
        "<dl><div><dt>Leading<span hidden>:</span></dt>\n<dd>Moves</dd></div>\n"
        "<div><dt>Why?</dt>\n<dd>x</dd></div></dl>"
    )
    badge = '<span class="lvm-lean lvm-lean--both">Both</span> <strong>Our reading:</strong>'
    marked = '<span class="lvm-lean lvm-lean--both">Both<span hidden>.</span></span> <strong>Our reading:</strong>'
    assert hook.labels_apart(badge) == marked


def test_social_fonts_refuse_a_family_that_is_not_committed(tmp_path):
    from mkdocs.exceptions import PluginError

    hook = load_hook("social_fonts")

    def config_with(family):
        social = type("P", (), {})()
        social.config = type("C", (), {})()
        social.config.enabled = True
        social.config.cache_dir = str(tmp_path / "cache")
        social.config.cards_layout_options = {"font_family": family}
        return {"plugins": {"material/social": social}, "config_file_path": str(tmp_path / "mkdocs.yml")}

    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")

    with pytest.raises(PluginError, match="no font files"):
        hook.on_config(Config(config_with("Roboto")))
    hook.on_config(Config(config_with("Inter")))
    assert (tmp_path / "cache" / "fonts" / "Inter" / "Bold.otf").is_file()
    assert not (tmp_path / "cache" / "fonts" / "Inter" / "OFL.txt").exists()  # only font files go in


def test_last_updated_reads_the_latest_date_of_each_file(tmp_path):
    hook = importlib.import_module("lvm_site.last_updated")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "a.md").write_text("a\n")
    (repo / "b.yaml").write_text("b\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "one", date="2022-03-04T23:30:00-02:00")  # 5 March in UTC
    (repo / "b.yaml").write_text("b2\n")
    _git(repo, "commit", "-q", "-am", "two", date="2023-01-09T10:00:00+00:00")
    root, dates = hook.read_history(repo)
    assert root == repo.resolve()
    assert dates == {"a.md": "2022-03-05", "b.yaml": "2023-01-09"}
    assert hook.read_history(tmp_path) == (None, None)  # not a repository


@pytest.mark.browser
def test_search_keyboard_shortcut_loads_the_index_on_a_phone(new_page, served_site):
    page = new_page(width=390, height=844).page
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(served_site + "principles/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in asked if "search_index" in u]
    page.keyboard.press("/")  # Material's shortcut: opens and focuses search
    page.keyboard.type("listening", delay=10)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__link').length > 0", timeout=5000)
    links = page.evaluate("[...document.querySelectorAll('.md-search-result__link')].map(a => a.href)")
    assert any(re.sub(r"\?h=[^#]*", "", link).endswith("traits/#active-listener") for link in links), links[:8]


# --------------------------------------------------------------------------- the onboarding lead's page (issue 19)
def test_onboarding_leads_find_everything_on_one_page(built_site):
    home = soup(built_site / "index.html")
    card = next(a for a in home.select("a.lvm-path") if "Onboarding lead" in a.get_text())
    assert card["href"].rstrip("/").endswith("about/onboarding"), card["href"]
    page = built_site / "about" / "onboarding" / "index.html"
    doc = soup(page)
    article = doc.select_one("article")
    hrefs = [a["href"] for a in article.select("a[href]")]
    assert any(h.rstrip("/").endswith("cheat-sheet") for h in hrefs), "the cheat sheet"
    assert any(h.rstrip("/").endswith("open-data") for h in hrefs), "the open data"
    for quiz in load_yaml_quizzes():
        assert any(h.endswith(f"quizzes/{quiz}-qti21.zip") for h in hrefs), f"the QTI package of {quiz}"
    for zip_href in (h for h in hrefs if h.endswith(".zip")):
        assert (page.parent / zip_href).resolve().is_file(), zip_href
    text = article.get_text(" ")
    assert "Canvas" in text and "Moodle" in text
    img = article.select_one("figure img")
    assert img and img.get("alt") and (page.parent / img["src"]).resolve().is_file(), "an example preview card"
    if feedback_email():
        assert any(h.startswith("mailto:") for h in hrefs), "a route that needs no GitHub account"
        assert "no account needed" in text
    else:  # no address configured: no made-up one either
        assert not any(h.startswith("mailto:") for h in hrefs)
    assert "GitHub account" in text


def feedback_email() -> str:
    """extra.feedback_email of mkdocs.yml: the inbox for readers without a GitHub account."""
    return (sitekit.load_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("extra") or {}).get(
        "feedback_email"
    ) or ""


def load_yaml_quizzes() -> list[str]:
    """Ids of the choice quizzes (the ones with a QTI package)."""
    return [p.stem for p in sorted((ROOT / "data" / "quizzes").glob("*.yaml")) if load_yaml(p).get("kind") == "choice"]


def test_every_page_offers_a_correction_route_without_an_account(built_site):
    for page in content_pages(built_site):
        report = soup(page).select_one(".lvm-report")
        where = page.relative_to(built_site).as_posix()
        assert report and "GitHub account needed" in report.get_text(), where
        mail = report.select_one("a[href^='mailto:']")
        if not feedback_email():
            assert mail is None, where  # no address configured: no made-up one either
            continue
        assert mail and "no account needed" in report.get_text(), where
        path = page_url_of(built_site, page)
        assert quote_plus_free(path) in mail["href"] or not path, where


def quote_plus_free(path: str) -> str:
    from urllib.parse import quote

    return quote(path)
