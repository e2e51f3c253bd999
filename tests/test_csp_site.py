"""The Content-Security-Policy (lvm_site/csp.py): on every built page, and nothing the site does breaks it.

The browser test loads every page, plays the quizzes, searches and moves around by instant
navigation with the policy on, and fails on any violation the browser reports
(``securitypolicyviolation`` events) or any console error.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from lvm_site.csp import bundle_style_hashes

from .conftest import ROOT, html_pages, page_url_of, search, site_url_path
from .test_hooks import load_step

CSP = load_step("csp")

#: Records every violation in the page (the policy is a meta tag: no report-uri is possible),
#: and stands in for the print dialog, which would block a headless browser.
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(
    [e.effectiveDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, e.sample].join(" | "));
});
window.__printed = 0;
window.print = function () { window.__printed += 1; };
"""


class _Page(HTMLParser):
    """What the policy cares about in one page."""

    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.first_in_head: list[str] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.style_attrs: list[str] = []
        self.style_elements = 0
        self._in_head = False
        # In document order: ("preload", href) in <head>, ("inline", "") for an inline script
        # that runs, ("file", src, deferred) for a script file, ("sheet", href) in <head>.
        self.order: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self._in_head = True
        elif self._in_head and len(self.first_in_head) < 2:
            kind = "charset" if "charset" in attrs else (attrs.get("http-equiv") or "").lower()
            self.first_in_head.append(f"{tag} {kind}".strip())
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(attrs.get("content") or "")
        if tag == "style":
            self.style_elements += 1
        if tag == "link" and self._in_head and attrs.get("rel") == "preload" and attrs.get("as") == "script":
            self.order.append(("preload", attrs.get("href")))
        if tag == "link" and self._in_head and attrs.get("rel") == "stylesheet":
            self.order.append(("sheet", attrs.get("href")))
        if tag == "script" and (attrs.get("type") or "") in ("", "text/javascript"):
            if "src" in attrs:
                self.order.append(("file", attrs["src"], "defer" in attrs or "async" in attrs))
            else:
                self.order.append(("inline", ""))
        for name, value in attrs.items():
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.style_attrs.append(f"<{tag} style={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.js_urls.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False


def parse(path) -> _Page:
    found = _Page()
    found.feed(path.read_text(encoding="utf-8"))
    return found


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


# --------------------------------------------------------------------------- the built pages
@pytest.mark.build
def test_every_page_carries_one_strict_policy_first_in_head(built_site):
    policies = set()
    for path in html_pages(built_site):
        page = parse(path)
        label = path.relative_to(built_site).as_posix()
        assert len(page.policies) == 1, f"{label}: {len(page.policies)} policies"
        # Only <meta charset> may come before it: a meta policy governs what follows it.
        assert "meta content-security-policy" in page.first_in_head, (label, page.first_in_head)
        assert page.first_in_head[0] in ("meta charset", "meta content-security-policy"), label
        policies.add(page.policies[0])
    assert len(policies) == 1, "every page must carry the same policy (instant navigation keeps the first)"
    rules = directives(policies.pop())
    assert rules["default-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"]
    assert rules["form-action"] == ["'none'"]
    # Under MkDocs nothing else; under Zensical the hash of its search dialog's one <style>.
    assert rules["style-src"] == ["'self'", *sorted(bundle_style_hashes(built_site))]
    assert rules["script-src"][0] == "'self'"
    for source in rules["script-src"][1:]:
        assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", source), source
    for name, sources in rules.items():
        for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"):
            assert unsafe not in sources, f"{name} allows {unsafe}"


@pytest.mark.build
def test_every_inline_script_is_hashed_and_nothing_else_is_inline(built_site):
    for path in html_pages(built_site):
        text = path.read_text(encoding="utf-8")
        page = parse(path)
        label = path.relative_to(built_site).as_posix()
        allowed = set(directives(page.policies[0])["script-src"][1:])
        for body in CSP.inline_scripts(text):
            assert CSP.script_hash(body) in allowed, f"{label}: inline script not hashed: {body[:60]!r}"
        assert not page.handlers, f"{label}: inline event handlers {page.handlers}"
        assert not page.js_urls, f"{label}: javascript: URLs {page.js_urls}"
        # style-src 'self' holds only while the pages carry no inline styles.
        assert not page.style_attrs and not page.style_elements, f"{label}: inline styles {page.style_attrs}"


@pytest.mark.build
def test_every_script_file_is_fetched_beside_the_stylesheets(built_site):
    """The meta policy stops Chromium's preload scanner, so each page lists its script files as
    preloads in <head>: after the stylesheets and before the first inline script (where the
    parser waits for them), parser-blocking ones first, and nothing it does not load."""
    for path in html_pages(built_site):
        page = parse(path)
        label = path.relative_to(built_site).as_posix()
        kinds = [item[0] for item in page.order]
        preloads = [item[1] for item in page.order if item[0] == "preload"]
        files = [item for item in page.order if item[0] == "file"]
        srcs = list(dict.fromkeys(item[1] for item in files))
        assert sorted(preloads) == sorted(srcs), f"{label}: preloads {preloads} for scripts {srcs}"
        blocking = [item[1] for item in files if not item[2]]
        assert preloads[: len(set(blocking))] == list(dict.fromkeys(blocking)), f"{label}: {preloads}"
        if preloads:
            first = kinds.index("preload")
            assert "inline" not in kinds[:first], f"{label}: an inline script before the preloads"
            upto = kinds.index("inline", first) if "inline" in kinds[first:] else len(kinds)
            assert "sheet" not in kinds[first:upto], f"{label}: a stylesheet after the preloads"


def test_preloads_list_each_script_file_once_and_are_rebuilt_not_stacked():
    html = (
        '<html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css">'
        '<script>x()</script><link rel="stylesheet" href="late.css"></head><body>'
        '<script src="page.js" defer></script><script src="b.js?v=1&amp;w=2"></script>'
        '<script type="module" src="m.js"></script><script type="application/json" src="d.json"></script>'
        '<script src="b.js?v=1&amp;w=2"></script></body></html>'
    )
    assert CSP.script_files(html) == ["b.js?v=1&w=2", "page.js"]  # parser-blocking first; no module, no data
    out = CSP.add_policy(html, "default-src 'self'")
    head = out.split("</head>")[0]
    # After a.css, before the inline script where the parser waits (late.css comes after it).
    assert head.index("a.css") < head.index('href="b.js?v=1&amp;w=2"') < head.index("<script>x()")
    assert head.count('rel="preload"') == 2
    again = CSP.add_policy(out, "default-src 'none'")
    assert again.count('rel="preload"') == 2 and again.count("Content-Security-Policy") == 1
    assert CSP.add_preloads("<html><head></head><body>no scripts</body></html>") == (
        "<html><head></head><body>no scripts</body></html>"
    )


def test_hook_hashes_scripts_a_browser_runs_and_only_those():
    html = (
        '<html><head><meta charset="utf-8"><title>t</title>'
        "<script>a()</script>"
        '<script type="application/json" id="__config">{"x": 1}</script>'
        '<script src="x.js"></script>'
        '<script type="module">b()</script>'
        "<script type='text/javascript; charset=utf-8'>d()</script>"
        "</head><body><script>\nc()\n</script></body></html>"
    )
    assert CSP.inline_scripts(html) == ["a()", "b()", "d()", "\nc()\n"]
    # The CSP Level 2 hash of "alert('Hello, world.');", the example in the specification.
    assert CSP.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    out = CSP.add_policy(html, "default-src 'self'")
    assert out.startswith(
        '<html><head><meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="default-src'
    )
    assert CSP.add_policy(out, "default-src 'none'").count("Content-Security-Policy") == 1  # rebuilt, not stacked


# --------------------------------------------------------------------------- in the browser
def _watch(new_page, served_site, **size):
    watch = new_page(**size)
    watch.page.context.add_init_script(WATCH_VIOLATIONS)
    # Material only navigates instantly to URLs in its sitemap: hand it one for the test origin.
    published = _site_url().rstrip("/") + "/"

    def handle(route):
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(published, served_site))

    watch.page.route("**/sitemap.xml", handle)
    return watch


def _site_url() -> str:
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    return ""


def _clean(watch, where: str) -> None:
    violations = watch.page.evaluate("window.__cspViolations || []")
    csp_console = [e for e in watch.errors if "Content Security Policy" in e or "Content-Security-Policy" in e]
    assert not violations and not csp_console, f"{where}: {violations or csp_console}"
    assert not watch.errors, f"{where}: {watch.errors}"


@pytest.mark.browser
def test_every_page_loads_without_a_violation(new_page, served_site, built_site):
    watch = _watch(new_page, served_site)
    for path in html_pages(built_site):
        url = served_site + page_url_of(built_site, path)
        watch.page.goto(url, wait_until="networkidle")
        assert watch.page.evaluate("document.documentElement.classList.contains('lvm-js')"), url  # scripts ran
        _clean(watch, url)


@pytest.mark.browser
def test_quizzes_search_and_instant_navigation_with_the_policy_on(new_page, served_site):
    watch = _watch(new_page, served_site)
    page = watch.page
    page.goto(served_site, wait_until="networkidle")
    page.evaluate("window.__marker = 1")  # gone if any step below reloads the page

    def go(link_end: str) -> None:
        page.locator(f"a[href$='{link_end}']:visible").first.click()
        page.wait_for_url(re.compile(re.escape(link_end) + "(#.*)?$"))  # navigation.tracking may add a hash
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__marker") == 1, f"{link_end}: a full reload, not instant navigation"
        _clean(watch, link_end)

    # The two choice quizzes: answer every question with the first option, and check it.
    go("/quizzes/")
    for quiz_id in ("leading-or-managing", "which-style"):
        go(f"/quizzes/{quiz_id}/")
        root = f"#lvm-{quiz_id}"
        page.wait_for_selector(f"{root}[data-ready]", state="attached")
        for question in page.locator(f"{root} .lvm-q").all():
            question.locator("input").first.check()
            question.locator(".lvm-check").click()
        _clean(watch, f"{quiz_id}: answered")
        go("/quizzes/")

    # The self-assessment: rate every statement, show the result.
    go("/quizzes/self-assessment/")
    root = "#lvm-self-assessment"
    page.wait_for_selector(f"{root}[data-ready]", state="attached")
    for n, statement in enumerate(page.locator(f"{root} .lvm-q").all()):
        radios = statement.locator("input[type=radio]")
        radios.nth(n % radios.count()).check()
    page.locator(f"{root} .lvm-show").click()
    page.wait_for_selector(f"{root} .lvm-result:not([hidden]) svg")
    _clean(watch, "self-assessment: result")

    # Search, then follow a result (instant navigation from the search dialog).
    assert search(page, "delegating")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__marker") == 1, "the search result was a full reload"
    _clean(watch, "search")

    # The glossary: its filter, a trait tooltip (positioned by script), Material's tooltips and
    # the back-to-top button after scrolling.
    page.goto(served_site, wait_until="networkidle")
    page.evaluate("window.__marker = 1")
    go("/traits/")
    page.locator("input[name='lvm-tier']").last.check()
    page.locator("input[name='lvm-lean']").first.uncheck()
    page.wait_for_function("() => !document.querySelector('.lvm-filter-count').textContent.startsWith('Showing all')")
    page.locator("input[name='lvm-tier']").first.check()
    page.locator("input[name='lvm-lean']").first.check()
    trait_link = page.locator("a.lvm-trait-link[aria-description]:visible").first
    if trait_link.count():
        trait_link.hover()
        page.wait_for_timeout(300)
    page.locator("label[for^='__palette_']:visible").first.hover()
    page.wait_for_timeout(300)
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -500)
    page.wait_for_timeout(300)
    page.keyboard.press("Escape")
    _clean(watch, "glossary")

    # The cheat sheet's print button runs from the site's script, not an inline handler.
    page.goto(served_site, wait_until="networkidle")
    page.evaluate("window.__marker = 1")
    go("/cheat-sheet/")
    page.locator("[data-lvm-print]").click()
    assert page.evaluate("window.__printed") == 1
    # And the palette toggle, Material's inline start-up scripts and the site path all work.
    page.locator("label[for^='__palette_']:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    _clean(watch, "cheat sheet")
    assert site_url_path() in page.url
