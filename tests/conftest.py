"""Shared fixtures: build the site (strict) once per test session, serve it on loopback,
drive it with Playwright in Debian's Chromium, and run axe-core on pages.

Copying, building, serving and link resolving come from ``scripts/sitekit.py`` (shared with the
benchmark, which the tests do not import). Nothing here downloads a browser: Chromium is
/usr/bin/chromium (``make test`` installs it).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The small fixture data set the renderer tests use (every kind, a few entries each).
MINIMAL = FIXTURES / "minimal" / "data"
#: A value that would break out of HTML, Markdown or an attribute if a renderer forgot to escape it.
HOSTILE = "<script>alert(1)</script> \"quoted\" & 'single' *bold* {#evil} [x](http://e.example) #"
SCENARIOS = FIXTURES / "scenarios"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

sys.path.insert(0, str(ROOT / "scripts"))
import sitekit  # noqa: E402
from sitekit import BUILD_ENV, CHROMIUM, CHROMIUM_FLAGS, PROJECT_PARTS, Target, copy_project, serve  # noqa: E402, F401

from macros.data import load_site_data  # noqa: E402


@functools.cache
def site_url_path() -> str:
    """The path part of site_url (e.g. ``/field-guide/``): the site is served under it."""
    return sitekit.site_url_path()


def run_build(project: Path, site_dir: Path, tool: str = "mkdocs") -> subprocess.CompletedProcess:
    """``<tool> build --strict`` of ``project`` into ``site_dir``; returns the finished process."""
    return sitekit.build(project, site_dir, tool=tool, timeout=600)


# --------------------------------------------------------------------------- the real data
@functools.cache
def real_data():
    """The project's own data, loaded and validated once per session (per xdist worker)."""
    return load_site_data(ROOT / "data", ROOT)


@pytest.fixture(scope="session")
def site_data():
    """The one real-data fixture: ``data/`` as the build sees it (``real_data()`` outside tests)."""
    return real_data()


# --------------------------------------------------------------------------- scenario projects
def scenario_project(name: str, dest: Path, data_dir: Path | None = None) -> Path:
    """A copy of the project changed by the scenario ``tests/fixtures/scenarios/<name>/``.

    The scenario's ``mkdocs.yml`` inherits the project's (``INHERIT: mkdocs.base.yml``) and says
    only what differs; its other files (``docs/probe.md``…) are added to the copy. When it has a
    ``nav``, the copy keeps only the pages that nav names. ``data_dir`` replaces data/.
    """
    scenario = SCENARIOS / name
    project = copy_project(dest, data_dir)
    (project / "mkdocs.yml").rename(project / "mkdocs.base.yml")
    for src in sorted(scenario.rglob("*")):
        if src.is_file():
            target = project / src.relative_to(scenario)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    nav = (sitekit.load_config((project / "mkdocs.yml").read_text(encoding="utf-8")) or {}).get("nav")
    if nav is not None:
        keep = set(_nav_files(nav))
        for md in (project / "docs").rglob("*.md"):
            if md.relative_to(project / "docs").as_posix() not in keep:
                md.unlink()
    return project


def _nav_files(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [f for item in nav for f in _nav_files(item)]
    if isinstance(nav, dict):
        return [f for value in nav.values() for f in _nav_files(value)]
    return []


# --------------------------------------------------------------------------- the built site
@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built strict once per session (per xdist worker); or, with ``LVM_BUILT_SITE``
    set, a site another builder made (CI's Zensical job checks its output with the same tests)."""
    if os.environ.get("LVM_BUILT_SITE"):
        return Path(os.environ["LVM_BUILT_SITE"]).resolve()
    site = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    assert not warnings, "\n".join(warnings)
    return site


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def page_url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve_link(site: Path, page: Path | str, url: str) -> Target | None:
    """The tests' one link resolver: ``url`` found in ``page`` (a file of ``site``, or its
    site-relative path or page URL like ``traits/``) -> ``Target(path, fragment)`` with ``path``
    relative to ``site`` (starting ``../`` when the link leaves the site), or None for another
    host or a special scheme (mailto:, data:…)."""
    rel = page.relative_to(site).as_posix() if isinstance(page, Path) else page
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return sitekit.resolve(rel, url, site_url_path())


@pytest.fixture(scope="session")
def served_site(built_site) -> str:
    """Serve the built site on 127.0.0.1 under site_url's path (gzip, like a host); yields the base URL."""
    with serve(built_site, site_url_path()) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright (no browser download)."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        yield instance
        instance.close()


class PageWatch:
    """A Playwright page plus every console error and off-site request it produced."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.errors: list[str] = []
        self.external: list[str] = []
        host = urlparse(base_url).netloc
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def on_request(req):
            url = urlparse(req.url)
            if url.scheme in ("http", "https") and url.netloc != host:
                self.external.append(req.url)

        page.on("request", on_request)


#: The font the browser tests measure with, whatever fonts the machine has: the Inter the
#: repository ships for the social cards (lvm_site/social_fonts), served only to the tests.
PINNED_FONT_DIR = ROOT / "lvm_site" / "social_fonts" / "Inter"
#: "wide": the pinned font spaced out, about as wide as DejaVu Sans (the widest common fallback).
FONT_CSS = {
    "pinned": "",
    "wide": "html body, html body * { letter-spacing: .07em !important; }\n",
}


def pin_font(context, variant: str = "pinned") -> None:
    """Make every page of ``context`` use the shipped Inter: the site's stylesheet is served with
    an @font-face for it (same origin, so the Content-Security-Policy allows it) and a rule that
    sets it everywhere. Nothing in the built site changes."""

    def font(route):
        name = route.request.url.rsplit("/", 1)[-1]
        path = PINNED_FONT_DIR / name
        if name not in ("Regular.otf", "Bold.otf") or not path.is_file():
            return route.fulfill(status=404)
        return route.fulfill(status=200, body=path.read_bytes(), headers={"Content-Type": "font/otf"})

    def stylesheet(route):
        response = route.fetch()
        extra = (
            '@font-face { font-family: "LVM Pinned"; font-weight: 100 500; font-display: block;'
            ' src: url("__lvm-test-font__/Regular.otf") format("opentype"); }\n'
            '@font-face { font-family: "LVM Pinned"; font-weight: 600 900; font-display: block;'
            ' src: url("__lvm-test-font__/Bold.otf") format("opentype"); }\n'
            "html body, html body *, html body *::before, html body *::after"
            ' { font-family: "LVM Pinned", monospace !important; }\n' + FONT_CSS[variant]
        )
        # The server gzips like a host: the new body goes out plain, so without that header (and the
        # compressed length) the browser would keep the stylesheet as it was sent.
        headers = {k: v for k, v in response.headers.items() if k not in ("content-encoding", "content-length")}
        route.fulfill(status=response.status, headers=headers, body=response.text() + "\n" + extra)

    context.route("**/assets/stylesheets/__lvm-test-font__/*", font)
    context.route("**/assets/stylesheets/extra.css", stylesheet)


@pytest.fixture()
def new_page(browser, served_site):
    """Factory: ``new_page(width=1280, height=800, color_scheme='light', js=True, font='pinned')``
    -> PageWatch. Pages use the shipped Inter (:func:`pin_font`); ``font='wide'`` spaces it out;
    ``font='system'`` leaves the site's own font stack (the system's fonts, as readers get them:
    the site loads no web font), for checks that no font's metrics can change."""
    contexts = []

    def make(
        width: int = 1280, height: int = 800, color_scheme: str = "light", js: bool = True, font: str = "pinned"
    ) -> PageWatch:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            color_scheme=color_scheme,
            java_script_enabled=js,
        )
        if font != "system":
            pin_font(context, font)
        contexts.append(context)
        return PageWatch(context.new_page(), served_site)

    yield make
    for context in contexts:
        context.close()


def run_axe(page) -> list[dict]:
    """Inject the pinned axe-core and return its violations (every impact level).

    Waits first for running CSS transitions and animations (at most 2 s): colours measured
    half-way through a fade (a tooltip appearing, a palette switch) are not what a reader sees.
    """
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
            new Promise(done => setTimeout(done, 2000)),
        ])"""
    )
    # Evaluated through DevTools, not added as a <script>: the site's Content-Security-Policy
    # (hooks/csp.py) refuses inline scripts it has no hash for.
    page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return result["violations"]


def describe_violations(violations: list[dict]) -> str:
    return json.dumps(
        [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:5]]} for v in violations],
        indent=1,
    )


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


#: The search box and its result links, in either search: Material's (in the page) or Zensical's
#: (a dialog in an open shadow root, which Playwright's CSS locators enter but querySelector does not).
_SEARCH_STATE = """() => {
  const host = [...document.querySelectorAll('*')]
    .find(e => e.shadowRoot && e.shadowRoot.querySelector('dialog[aria-label=Search]'));
  const root = host ? host.shadowRoot : document;
  const box = root.querySelector(host ? 'input[role=combobox]' : 'input[data-md-component=search-query]');
  const links = root.querySelectorAll(host ? 'a[role=option]' : '.md-search-result__link');
  return [box ? box.value : null, [...links].map(e => e.getAttribute('href'))];
}"""


def search(page, query: str, settle_ms: int = 600) -> list[str]:
    """Type ``query`` into the search box key by key; return result links, best first.

    Waits until the rendered results have stayed the same for ``settle_ms`` (results of the
    previous query can linger while the search worker computes). Material's ``?h=`` highlight
    parameter is dropped from the links. Under Zensical (``LVM_BUILT_SITE``) the header's box
    opens Zensical's own search dialog, and the query is typed there.
    """
    box = page.locator("input[data-md-component='search-query']")
    dialog = page.locator("dialog[aria-label='Search'] input[role=combobox]")  # Zensical's
    if not (dialog.count() and dialog.is_visible()):
        if box.is_visible():
            box.click()
        else:  # phone layout: the search icon opens the box
            page.locator("label.md-header__button[for='__search']").click()
        page.wait_for_function(
            "() => document.activeElement && (document.activeElement.shadowRoot"
            " || document.activeElement.matches('input[data-md-component=search-query]'))",
            timeout=15000,
        )
    if dialog.count() and dialog.is_visible():
        box = dialog
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        f"q => {{ const [value, links] = ({_SEARCH_STATE})(); return value === q && links.length > 0; }}",
        arg=query,
        timeout=15000,
    )
    read = f"() => ({_SEARCH_STATE})()[1]"
    last, stable_since = None, 0.0
    for _ in range(100):
        now = page.evaluate(read)
        if now != last:
            last, stable_since = now, 0.0
        elif stable_since >= settle_ms:
            break
        page.wait_for_timeout(100)
        stable_since += 100
    return [re.sub(r"\?h=[^#]*", "", h) for h in last]


def markdown_to_html(text: str) -> str:
    """Run a renderer's Markdown through the site's relevant extensions, as MkDocs would."""
    import markdown

    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc"])


def html_soup(html: str):
    """Parsed HTML of a renderer's output (BeautifulSoup, the standard library's parser)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def dt_labelled(label: str):
    """A BeautifulSoup filter: the <dt> whose text is ``label`` (the built pages end each label
    with punctuation only the search index reads, lvm_site/search_text.py)."""
    return lambda tag: tag.name == "dt" and tag.get_text().strip().rstrip(":") == label
