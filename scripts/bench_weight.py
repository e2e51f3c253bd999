"""Page weight: what a cold page makes the browser fetch, per page and for the whole site, and the
static budgets (own CSS+JS, quiz code only on quiz pages, median cold page vs stock, build time
per page vs stock, nothing left over in the deployed folder, every asset present and local).

What a "cold page" weighs: the HTML plus every local file it makes the browser fetch on a first
visit with an empty cache: stylesheets, scripts, images, icons, files named by ``url()`` in
those stylesheets, and Material's runtime fetches (the search worker named in the page's
``__config`` JSON, ``search/search_index.json``, and ``sitemap.xml`` when
``navigation.instant`` is on), each file counted once per page. "gzip" is ``gzip -9`` of each
file, summed.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from bench_common import KIB, Check, kib
from sitekit import resolve

GZIP_LEVEL = 9
OWN_ASSETS_BUDGET = 15 * KIB  # own CSS + JS that one page loads, gzip (the page that loads most)
PAGE_RATIO_BUDGET = 1.05  # median cold page vs stock (raw and gzip)
BUILD_RATIO_BUDGET = 1.5  # strict build time per page vs stock
QUIZ_JS = "assets/javascripts/quiz.js"  # the single quiz script of earlier builds
#: The quiz scripts: choice quizzes and the self-assessment (and the older single script).
QUIZ_SCRIPTS = (
    "assets/javascripts/quiz-start.js",
    "assets/javascripts/quiz-choice.js",
    "assets/javascripts/self-assessment.js",
    QUIZ_JS,
)
QUIZ_CALL = re.compile(r"\{\{-?\s*quiz\s*\(")


def quiz_loaders(figures: dict) -> set[str]:
    """The pages that load any quiz script."""
    return {page for script in QUIZ_SCRIPTS for page in figures["loads"].get(script, [])}


_FETCHED_RELS = {"stylesheet", "icon", "apple-touch-icon", "preload", "modulepreload", "manifest"}


class _PageParser(HTMLParser):
    """Collects the URLs a page makes the browser fetch, and Material's ``__config`` JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.config_text: str | None = None
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & _FETCHED_RELS and a.get("href"):
                self.urls.append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.urls.append(a["src"])
            elif a.get("id") == "__config":
                self._in_config, self.config_text = True, ""
        elif tag in ("img", "source", "input") and (a.get("src") or a.get("srcset")):
            if tag == "input" and a.get("type", "").lower() != "image":
                return
            src = a.get("src") or a["srcset"].split(",")[0].strip().split(" ")[0]
            self.urls.append(src)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_config = False

    def handle_data(self, data):
        if self._in_config:
            self.config_text += data


def parse_page(html: str) -> tuple[list[str], dict | None]:
    """(URLs the markup loads, the ``__config`` JSON or None)."""
    parser = _PageParser()
    parser.feed(html)
    config = None
    if parser.config_text:
        try:
            config = json.loads(parser.config_text)
        except json.JSONDecodeError:
            config = None
    return parser.urls, config


#: A page that loads this script fetches the search worker and index only when the reader reaches
#: for search (overrides/assets/javascripts/search-on-demand.js), not on load.
SEARCH_ON_DEMAND = "search-on-demand.js"


def runtime_urls(config: dict | None, on_demand: bool = False) -> list[str]:
    """What Material's bundle fetches at load, relative to the page: search worker and index (unless
    ``on_demand``: the page defers them until search is used), sitemap."""
    if not config:
        return []
    base = (config.get("base") or ".").rstrip("/") + "/"
    urls = []
    if config.get("search") and not on_demand:  # the worker's URL is relative to the page; the index under base
        urls += [config["search"], base + "search/search_index.json"]
    if "navigation.instant" in (config.get("features") or []):
        urls.append(base + "sitemap.xml")
    return urls


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")


def css_urls(css: str) -> list[str]:
    """Local-looking URLs a stylesheet names (``url()`` and ``@import``), data: URIs left out."""
    found = [m.group(2).strip() for m in _CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return [u for u in found if not u.startswith(("data:", "#"))]


@dataclass
class PageWeight:
    page: str
    raw: int = 0
    gzip: int = 0
    files: list[str] = field(default_factory=list)  # every local file fetched, the page first
    missing: list[str] = field(default_factory=list)  # referenced but not in the site
    external: list[str] = field(default_factory=list)  # off-site URLs (there should be none)

    @property
    def requests(self) -> int:
        return len(self.files)


class Sizer:
    """Raw and gzip sizes of site files, each computed once."""

    def __init__(self, site: Path):
        self.site = site
        self._cache: dict[str, tuple[int, int]] = {}

    def __call__(self, rel: str) -> tuple[int, int]:
        if rel not in self._cache:
            data = (self.site / rel).read_bytes()
            self._cache[rel] = (len(data), len(gzip.compress(data, GZIP_LEVEL, mtime=0)))
        return self._cache[rel]


def page_weight(site: Path, page: str, sizer: Sizer | None = None) -> PageWeight:
    """The cold-load weight of one built page (``page`` relative to ``site``, e.g. ``traits/index.html``)."""
    sizer = sizer or Sizer(site)
    weight = PageWeight(page)
    html = (site / page).read_text(encoding="utf-8")
    urls, config = parse_page(html)
    on_demand = any(u.split("?")[0].endswith("/" + SEARCH_ON_DEMAND) for u in urls)
    queue = [(page, u) for u in urls + runtime_urls(config, on_demand)]
    seen = {page}
    weight.files.append(page)
    while queue:
        origin, url = queue.pop(0)
        target = resolve(origin, url)
        if target is None or target.path.startswith("../"):
            weight.external.append(url)
            continue
        rel = target.path
        if rel in seen:
            continue
        seen.add(rel)
        if not (site / rel).is_file():
            weight.missing.append(rel)
            continue
        weight.files.append(rel)
        if rel.endswith(".css"):
            css = (site / rel).read_text(encoding="utf-8", errors="replace")
            queue += [(rel, u) for u in css_urls(css)]
    for rel in weight.files:
        raw, gz = sizer(rel)
        weight.raw += raw
        weight.gzip += gz
    return weight


def content_pages(site: Path) -> list[str]:
    """Built pages a reader lands on: every HTML file with Material's ``__config``, less 404.html."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel != "404.html" and 'id="__config"' in path.read_text(encoding="utf-8", errors="replace"):
            pages.append(rel)
    return pages


def own_assets(site: Path, overrides: Path) -> dict[str, tuple[int, int]]:
    """The project's own CSS and JS that the site ships: ``{site path: (raw, gzip)}``."""
    sizer = Sizer(site)
    found = {}
    assets = overrides / "assets"
    for src in sorted(assets.rglob("*")) if assets.is_dir() else []:
        if src.suffix in (".css", ".js") and src.is_file():
            rel = "assets/" + src.relative_to(assets).as_posix()
            if (site / rel).is_file():
                found[rel] = sizer(rel)
    return found


def quiz_pages(docs: Path) -> set[str]:
    """Built paths of the pages whose Markdown calls the quiz() macro (use_directory_urls)."""
    pages = set()
    for md in docs.rglob("*.md"):
        if QUIZ_CALL.search(md.read_text(encoding="utf-8")):
            stem = md.relative_to(docs).with_suffix("").as_posix()
            if stem == "index" or stem.endswith("/index"):
                pages.add(stem[: -len("index")] + "index.html")
            else:
                pages.add(stem + "/index.html")
    return pages


def leftovers(site: Path) -> dict[str, tuple[int, int]]:
    """Files the deployed folder should not hold: ``{"maps"|"lunr": (count, bytes)}``."""
    maps = [p for p in site.rglob("*.map") if p.is_file()]
    lunr_dir = site / "assets" / "javascripts" / "lunr"
    lunr = [p for p in lunr_dir.rglob("*") if p.is_file()] if lunr_dir.is_dir() else []
    return {
        "maps": (len(maps), sum(p.stat().st_size for p in maps)),
        "lunr": (len(lunr), sum(p.stat().st_size for p in lunr)),
    }


def folder_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def measure_site(site: Path, docs: Path | None = None, overrides: Path | None = None) -> dict:
    """Every static figure of one built site (no timing)."""
    sizer = Sizer(site)
    pages = content_pages(site)
    weights = [page_weight(site, p, sizer) for p in pages]
    index = site / "search" / "search_index.json"
    figures = {
        "pages": pages,
        "weights": weights,
        "search_index": sizer("search/search_index.json") if index.is_file() else (0, 0),
        "folder": folder_size(site),
        "leftovers": leftovers(site),
        "own": own_assets(site, overrides) if overrides else {},
    }
    if weights:
        figures["median_raw"] = statistics.median(w.raw for w in weights)
        figures["median_gzip"] = statistics.median(w.gzip for w in weights)
        figures["max_raw"] = max(w.raw for w in weights)
        figures["max_gzip"] = max(w.gzip for w in weights)
        figures["median_requests"] = statistics.median(w.requests for w in weights)
        figures["heaviest"] = max(weights, key=lambda w: w.gzip).page
    if docs is not None:
        figures["quiz_pages"] = quiz_pages(docs)
    figures["loads"] = {}  # site file -> pages that load it
    for w in weights:
        for rel in w.files[1:]:
            figures["loads"].setdefault(rel, []).append(w.page)
    return figures


def check_budgets(this: dict, stock: dict, times: dict | None = None) -> list[Check]:
    """The static budgets (plus build time when ``times`` holds per-page seconds for both builds)."""
    checks = []
    # Per page, not all files together: a script that loads only on its own page (the path
    # builder, a quiz) costs the readers of that page, not every reader (issue 24's rule).
    own = this["own"]
    per_page = {w.page: sum(own[f][1] for f in w.files if f in own) for w in this.get("weights", [])}
    worst_page, own_gzip = max(per_page.items(), key=lambda item: item[1], default=("-", 0))
    total = sum(gz for _raw, gz in own.values())
    checks.append(
        Check(
            "own CSS+JS",
            own_gzip <= OWN_ASSETS_BUDGET,
            f"{kib(own_gzip)} gzip on {worst_page}, the page that loads most of it "
            f"(budget {kib(OWN_ASSETS_BUDGET)}); {kib(total)} in all files",
        )
    )

    loaders = quiz_loaders(this)
    quiz = this.get("quiz_pages", set())
    wrong = sorted(loaders - quiz)
    lacking = sorted(quiz - loaders)
    detail = f"quiz.js on {len(loaders)} page(s), {len(quiz)} quiz page(s)"
    if wrong:
        detail += "; also on " + ", ".join(wrong)
    if lacking:
        detail += "; missing on " + ", ".join(lacking)
    checks.append(Check("quiz code only on quiz pages", not wrong and not lacking, detail))

    for kind in ("raw", "gzip"):
        mine, base = this.get(f"median_{kind}"), stock.get(f"median_{kind}")
        if mine is None or not base:
            checks.append(Check(f"median cold page ({kind})", False, "no pages measured"))
            continue
        r = mine / base
        checks.append(
            Check(
                f"median cold page ({kind})",
                r <= PAGE_RATIO_BUDGET,
                f"{kib(mine)} vs stock {kib(base)} = {r:.3f}x (budget {PAGE_RATIO_BUDGET}x)",
            )
        )

    if times:
        r = times["this"] / times["stock"]
        checks.append(
            Check(
                "strict build time per page",
                r <= BUILD_RATIO_BUDGET,
                f"{times['this'] * 1000:.0f} ms vs stock {times['stock'] * 1000:.0f} ms = {r:.2f}x "
                f"(budget {BUILD_RATIO_BUDGET}x)",
            )
        )

    for key, label in (("maps", "source maps"), ("lunr", "search language files")):
        count, size = this["leftovers"][key]
        checks.append(Check(f"{label} left in the deployed folder", count == 0, f"{count} file(s), {kib(size)}"))

    broken = sorted({m for w in this["weights"] for m in w.missing})
    external = sorted({e for w in this["weights"] for e in w.external})
    checks.append(
        Check(
            "every asset a page loads exists, none off-site",
            not broken and not external,
            f"{len(broken)} missing, {len(external)} off-site"
            + (": " + ", ".join((broken + external)[:5]) if broken or external else ""),
        )
    )
    return checks
