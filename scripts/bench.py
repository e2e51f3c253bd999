#!/usr/bin/env python3
"""Performance benchmark and budgets (``make bench``).

Builds a snapshot of the project twice over: once as it is, once with stock Material settings
(the same mkdocs.yml without ``theme.custom_dir``, ``extra_css``, ``extra_javascript`` and
``hooks``; the macros plugin stays, so the pages have the same content). Then it measures both
builds the same way and prints one table (metric | this site | stock | ratio | budget | verdict),
then one PASS/FAIL line per budget. Exit status: 0 all budgets pass, 1 one fails, 2 the bench
could not run (a build failed, a tool is missing).

Usage::

    python scripts/bench.py                  # builds (median of 5 each), page weights, budgets
    python scripts/bench.py --lighthouse     # + Lighthouse mobile, median of 3, five pages
    python scripts/bench.py --serve-check    # + time until `mkdocs serve` shows a data edit
    python scripts/bench.py --runs 1         # a quick look (one build each)

What a "cold page" weighs: the HTML plus every local file it makes the browser fetch on a first
visit with an empty cache: stylesheets, scripts, images, icons, files named by ``url()`` in
those stylesheets, and Material's runtime fetches (the search worker named in the page's
``__config`` JSON, ``search/search_index.json``, and ``sitemap.xml`` when
``navigation.instant`` is on), each file counted once per page. "gzip" is ``gzip -9`` of each
file, summed. Only the standard library and PyYAML are used (Lighthouse is an optional npm tool).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "overrides", "hooks", "data")
BUILD_ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
STOCK_CONFIG = "mkdocs-stock.yml"
#: Keys removed from mkdocs.yml to get "stock Material settings".
STOCK_DROP = (("theme", "custom_dir"), ("extra_css",), ("extra_javascript",), ("hooks",))
KIB = 1024
GZIP_LEVEL = 9

# Budgets (issue 8).
OWN_ASSETS_BUDGET = 15 * KIB  # own CSS + JS shipped, gzip, all files together
PAGE_RATIO_BUDGET = 1.05  # median cold page vs stock (raw and gzip)
BUILD_RATIO_BUDGET = 1.5  # strict build time per page vs stock
LIGHTHOUSE_PERF_BUDGET = 98  # mobile performance, median of 3
SERVE_BUDGET_S = 2.0  # `mkdocs serve`: data edit -> served page shows it
QUIZ_JS = "assets/javascripts/quiz.js"  # the single quiz script of earlier builds
#: The quiz scripts: choice quizzes and the self-assessment (and the older single script).
QUIZ_SCRIPTS = ("assets/javascripts/quiz-choice.js", "assets/javascripts/self-assessment.js", QUIZ_JS)
QUIZ_CALL = re.compile(r"\{\{-?\s*quiz\s*\(")


def quiz_loaders(figures: dict) -> set[str]:
    """The pages that load any quiz script."""
    return {page for script in QUIZ_SCRIPTS for page in figures["loads"].get(script, [])}


LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_PAGES = {  # label -> page path under the site root
    "home": "",
    "comparison": "leading-vs-managing/",
    "glossary": "traits/",
    "styles": "styles/",
    "quiz": "quizzes/leading-or-managing/",
}
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


class BenchError(Exception):
    """The bench could not measure (exit status 2)."""


# =========================================================================== config
class Tagged:
    """A YAML node under a tag the safe loader does not know (``!!python/name:…``, ``!ENV``), kept as is."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r})"


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Loader.add_multi_constructor("", _construct_tagged)  # only tags without a safe constructor get here
_Dumper.add_representer(Tagged, _represent_tagged)


def stock_config(text: str) -> str:
    """mkdocs.yml text -> the same config with stock Material settings (see ``STOCK_DROP``).

    A full copy, not ``INHERIT`` (which merges and so cannot remove a key); unknown tags survive.
    """
    config = yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    for path in STOCK_DROP:
        parent = config
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(parent, dict):
            parent.pop(path[-1], None)
    header = "# Generated by scripts/bench.py: mkdocs.yml with stock Material settings.\n"
    return header + yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def snapshot_project(dest: Path) -> Path:
    """Copy the project (so edits made elsewhere during the run do not leak in) plus the stock config."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.part.yaml"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    (dest / STOCK_CONFIG).write_text(stock_config((dest / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
    return dest


def mkdocs_exe() -> str:
    exe = Path(sys.executable).with_name("mkdocs")
    return str(exe) if exe.exists() else (shutil.which("mkdocs") or "mkdocs")


def build(project: Path, config: str, site_dir: Path) -> float:
    """One strict build; returns its wall time in seconds (process start to exit)."""
    cmd = [mkdocs_exe(), "build", "--strict", "--config-file", str(project / config), "--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=project, env=BUILD_ENV, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-25:])
        raise BenchError(f"strict build of {config} failed:\n{tail}")
    return elapsed


# =========================================================================== page weight
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


def runtime_urls(config: dict | None) -> list[str]:
    """What Material's bundle fetches at load, relative to the page: search worker, index, sitemap."""
    if not config:
        return []
    base = (config.get("base") or ".").rstrip("/") + "/"
    urls = []
    if config.get("search"):
        urls += [base + config["search"], base + "search/search_index.json"]
    if "navigation.instant" in (config.get("features") or []):
        urls.append(base + "sitemap.xml")
    return urls


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")


def css_urls(css: str) -> list[str]:
    """Local-looking URLs a stylesheet names (``url()`` and ``@import``), data: URIs left out."""
    found = [m.group(2).strip() for m in _CSS_URL.finditer(css)] + [m.group(2) for m in _CSS_IMPORT.finditer(css)]
    return [u for u in found if not u.startswith(("data:", "#"))]


_ORIGIN = "http://site.invalid/"


def resolve(from_rel: str, url: str) -> str | None:
    """A URL found in site file ``from_rel`` -> the site-relative file path, or None if off-site."""
    target = urlparse(urljoin(_ORIGIN + from_rel, url))
    if f"{target.scheme}://{target.netloc}/" != _ORIGIN:
        return None
    path = unquote(target.path).lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


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
    queue = [(page, u) for u in urls + runtime_urls(config)]
    seen = {page}
    weight.files.append(page)
    while queue:
        origin, url = queue.pop(0)
        rel = resolve(origin, url)
        if rel is None:
            weight.external.append(url)
            continue
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


# =========================================================================== budgets
@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def check_budgets(this: dict, stock: dict, times: dict | None = None) -> list[Check]:
    """The static budgets (plus build time when ``times`` holds per-page seconds for both builds)."""
    checks = []
    own_gzip = sum(gz for _raw, gz in this["own"].values())
    checks.append(
        Check("own CSS+JS", own_gzip <= OWN_ASSETS_BUDGET, f"{kib(own_gzip)} gzip (budget {kib(OWN_ASSETS_BUDGET)})")
    )

    loaders = quiz_loaders(this)
    quiz = this.get("quiz_pages", set())
    wrong = sorted(loaders - quiz)
    lacking = sorted(quiz - loaders)
    detail = f"quiz scripts on {len(loaders)} page(s), {len(quiz)} quiz page(s)"
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


# =========================================================================== lighthouse
class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a typical host serves them: text types gzip-compressed on request."""

    COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlparse(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path) and path.endswith(self.COMPRESS):
            body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def site_url_path(config_text: str) -> str:
    """The path part of site_url (``/field-guide/``): the site is served under it."""
    config = yaml.load(config_text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    return urlparse(str(config.get("site_url") or "/")).path or "/"


@contextlib.contextmanager
def serve(site: Path, prefix: str):
    """Serve ``site`` on 127.0.0.1 under ``prefix``; yields the base URL."""
    prefix = prefix.strip("/")
    with tempfile.TemporaryDirectory(prefix="lvm-bench-www-") as www:
        root = Path(www)
        if prefix:
            mount = root / prefix
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(site.resolve(), target_is_directory=True)
        else:
            root = site
        handler = functools.partial(_GzipHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
        finally:
            server.shutdown()
            server.server_close()


def find_lighthouse(explicit: str | None, install_dir: Path) -> list[str] | None:
    """The command that runs Lighthouse, installing the pinned version into ``install_dir`` if needed."""
    candidates = [
        explicit,
        os.environ.get("LIGHTHOUSE"),
        str(ROOT / "node_modules" / ".bin" / "lighthouse"),
        str(install_dir / "node_modules" / ".bin" / "lighthouse"),
    ]
    for cand in candidates:
        if cand and Path(cand).is_file():
            return [cand]
    if not shutil.which("npm"):
        return None
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {install_dir} (npm) ...", file=sys.stderr)
    install_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(install_dir),
            "--no-audit",
            "--no-fund",
            "--silent",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        capture_output=True,
        text=True,
    )
    exe = install_dir / "node_modules" / ".bin" / "lighthouse"
    if result.returncode != 0 or not exe.is_file():
        print(result.stderr[-2000:], file=sys.stderr)
        return None
    return [str(exe)]


def lighthouse_once(cmd: list[str], url: str, out: Path) -> dict:
    """One Lighthouse mobile run -> {perf, a11y, bp, seo, cls, failing}."""
    args = cmd + [
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(CHROMIUM_FLAGS),
        "--max-wait-for-load=60000",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.is_file():
        raise BenchError(f"lighthouse failed on {url}:\n{result.stderr[-1500:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    cats = report["categories"]
    failing = set()
    for key in ("accessibility", "best-practices", "seo"):
        for ref in cats[key]["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failing.add(f"{key}:{ref['id']}")
    return {
        "perf": round((cats["performance"]["score"] or 0) * 100),
        "a11y": round((cats["accessibility"]["score"] or 0) * 100),
        "bp": round((cats["best-practices"]["score"] or 0) * 100),
        "seo": round((cats["seo"]["score"] or 0) * 100),
        "cls": report["audits"]["cumulative-layout-shift"].get("numericValue", 0.0),
        "lcp": report["audits"]["largest-contentful-paint"].get("numericValue", 0.0),
        "tbt": report["audits"]["total-blocking-time"].get("numericValue", 0.0),
        "cpu": report.get("environment", {}).get("benchmarkIndex", 0),
        "failing": failing,
    }


def lighthouse(
    cmd: list[str], sites: dict[str, Path], prefix: str, runs: int, work: Path, pages: list[str] | None = None
) -> dict:
    """Median of ``runs`` per page in ``LIGHTHOUSE_PAGES`` for each site: {site label: {page label: summary}}.

    The sites take turns run by run (this, stock, this, stock, ...), so a busy machine hits both alike.
    """
    results: dict[str, dict] = {label: {} for label in sites}
    with contextlib.ExitStack() as stack:
        bases = {label: stack.enter_context(serve(site, prefix)) for label, site in sites.items()}
        for name, path in LIGHTHOUSE_PAGES.items():
            if pages and name not in pages:
                continue
            runs_out: dict[str, list[dict]] = {label: [] for label in sites}
            for i in range(runs):
                for label, base in bases.items():
                    print(f"  lighthouse {name} run {i + 1}/{runs}: {label}", file=sys.stderr)
                    out = work / f"lh-{label}-{name}-{i}.json"
                    runs_out[label].append(lighthouse_once(cmd, base + path, out))
            for label, got in runs_out.items():
                results[label][name] = summarise_lighthouse(got)
    return results


def summarise_lighthouse(runs: list[dict]) -> dict:
    """Median performance (and LCP, TBT, CPU index); worst accessibility, best practices, SEO and CLS."""
    return {
        "perf": statistics.median(r["perf"] for r in runs),
        "perf_all": [r["perf"] for r in runs],
        "a11y": min(r["a11y"] for r in runs),
        "bp": min(r["bp"] for r in runs),
        "seo": min(r["seo"] for r in runs),
        "cls": max(r["cls"] for r in runs),
        "lcp": statistics.median(r["lcp"] for r in runs),
        "tbt": statistics.median(r["tbt"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "failing": sorted(set().union(*(r["failing"] for r in runs))),
    }


def lighthouse_checks(results: dict) -> list[Check]:
    checks = []
    for name, r in results.items():
        ok = (
            r["perf"] >= LIGHTHOUSE_PERF_BUDGET
            and r["a11y"] == 100
            and r["bp"] == 100
            and r["seo"] == 100
            and r["cls"] == 0
        )
        detail = (
            f"performance {r['perf']:g} (runs {'/'.join(str(p) for p in r['perf_all'])}), accessibility "
            f"{r['a11y']}, best practices {r['bp']}, SEO {r['seo']}, CLS {r['cls']:.3f}"
        )
        if "lcp" in r:
            detail += f"; median LCP {r['lcp'] / 1000:.2f} s, TBT {r['tbt']:.0f} ms, CPU benchmarkIndex {r['cpu']:.0f}"
        if r["failing"]:
            detail += "; failing audits: " + ", ".join(r["failing"])
        checks.append(Check(f"Lighthouse mobile, {name}", ok, detail))
    return checks


# =========================================================================== serve check
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 (loopback only)
            return resp.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(url: str, predicate, timeout: float, proc: subprocess.Popen) -> float | None:
    """Poll ``url`` every 50 ms until ``predicate(html)``; seconds taken, or None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            raise BenchError("mkdocs serve exited early")
        html = fetch(url)
        if html is not None and predicate(html):
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def _edit_trait_definition(data_dir: Path, marker: str) -> None:
    """Put ``marker`` at the start of the first trait's definition (a data value shown on traits/)."""
    path = data_dir / "traits.yaml"
    traits = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = traits[0]
    first["definition"] = f"{marker} {first['definition'].split(' ', 1)[-1]}"
    path.write_text(yaml.safe_dump(traits, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def serve_check(work: Path, edits: int) -> dict:
    """Start `mkdocs serve` in a copy of the project, edit data, time until the page shows it."""
    project = snapshot_project(work / "serve-project")
    port = free_port()
    prefix = site_url_path((project / "mkdocs.yml").read_text(encoding="utf-8")).strip("/")
    url = f"http://127.0.0.1:{port}/{prefix + '/' if prefix else ''}traits/"
    log = (work / "serve.log").open("w")
    proc = subprocess.Popen(
        [mkdocs_exe(), "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=BUILD_ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    times = []
    try:
        first = wait_for(url, lambda html: "<html" in html, 300, proc)
        if first is None:
            raise BenchError("mkdocs serve did not serve traits/ within 300 s")
        time.sleep(2)  # let the watcher settle after the first build
        for i in range(edits):
            marker = f"Benchedit{os.getpid()}x{i}"
            _edit_trait_definition(project / "data", marker)
            taken = wait_for(url, lambda html, m=marker: m in html, 120, proc)
            if taken is None:
                raise BenchError(f"the served page did not show the data edit within 120 s (see {work / 'serve.log'})")
            times.append(taken)
            time.sleep(1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return {"times": times, "median": statistics.median(times), "first": first}


# =========================================================================== report
def kib(n: float) -> str:
    return f"{n / KIB:.1f} KiB"


def size(n: float) -> str:
    return f"{n / KIB / KIB:.2f} MiB" if n >= KIB * KIB else kib(n)


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}x" if a is not None and b else "-"


def table(rows: list[list[str]]) -> str:
    """A Markdown pipe table, padded so it also reads well in a terminal."""
    head = ["metric", "this site", "stock", "ratio", "budget", "verdict"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(head), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *(line(r) for r in rows)])


def verdict(checks: list[Check], name: str) -> str:
    for c in checks:
        if c.name == name:
            return "PASS" if c.ok else "FAIL"
    return ""


def report_rows(this: dict, stock: dict, times: dict, checks: list[Check], extra: dict) -> list[list[str]]:
    n_this, n_stock = len(this["pages"]), len(stock["pages"])
    t, s = times["build_this"], times["build_stock"]
    own_raw = sum(r for r, _ in this["own"].values())
    own_gz = sum(g for _, g in this["own"].values())
    rows = [
        [f"build time, strict (median of {times['runs']})", f"{t:.2f} s", f"{s:.2f} s", ratio(t, s), "", ""],
        [
            "build time per page",
            f"{t / n_this * 1000:.0f} ms",
            f"{s / n_stock * 1000:.0f} ms",
            ratio(t / n_this, s / n_stock),
            f"<= {BUILD_RATIO_BUDGET}x stock",
            verdict(checks, "strict build time per page"),
        ],
        ["pages", str(n_this), str(n_stock), ratio(n_this, n_stock), "", ""],
        *(
            [
                f"cold page, {stat} {kind}",
                kib(this[f"{stat}_{kind}"]),
                kib(stock[f"{stat}_{kind}"]),
                ratio(this[f"{stat}_{kind}"], stock[f"{stat}_{kind}"]),
                f"<= {PAGE_RATIO_BUDGET}x stock" if stat == "median" else "",
                verdict(checks, f"median cold page ({kind})") if stat == "median" else "",
            ]
            for stat in ("median", "max")
            for kind in ("raw", "gzip")
        ),
        [
            "requests per cold page (median)",
            f"{this['median_requests']:g}",
            f"{stock['median_requests']:g}",
            ratio(this["median_requests"], stock["median_requests"]),
            "",
            "",
        ],
        [
            "own CSS+JS shipped (gzip)",
            f"{kib(own_gz)} ({kib(own_raw)} raw, {len(this['own'])} files)",
            "0 KiB",
            "-",
            f"<= {kib(OWN_ASSETS_BUDGET)}",
            verdict(checks, "own CSS+JS"),
        ],
        [
            "pages loading quiz scripts",
            f"{len(quiz_loaders(this))} of {n_this}",
            "0",
            "-",
            f"quiz pages only ({len(this.get('quiz_pages', ()))})",
            verdict(checks, "quiz code only on quiz pages"),
        ],
        [
            "search index (raw / gzip)",
            f"{kib(this['search_index'][0])} / {kib(this['search_index'][1])}",
            f"{kib(stock['search_index'][0])} / {kib(stock['search_index'][1])}",
            ratio(this["search_index"][0], stock["search_index"][0]),
            "",
            "",
        ],
        [
            "deployed folder",
            f"{size(this['folder'][1])} ({this['folder'][0]} files)",
            f"{size(stock['folder'][1])} ({stock['folder'][0]} files)",
            ratio(this["folder"][1], stock["folder"][1]),
            "",
            "",
        ],
    ]
    for key, label in (("maps", "source maps left (*.map)"), ("lunr", "search language files left (lunr)")):
        (c1, b1), (c2, b2) = this["leftovers"][key], stock["leftovers"][key]
        name = "source maps" if key == "maps" else "search language files"
        rows.append(
            [
                label,
                f"{c1} ({kib(b1)})",
                f"{c2} ({kib(b2)})",
                "-",
                "0",
                verdict(checks, f"{name} left in the deployed folder"),
            ]
        )
    lh_this, lh_stock = extra.get("lighthouse_this"), extra.get("lighthouse_stock") or {}
    if lh_this:
        for name, r in lh_this.items():
            st = lh_stock.get(name)
            rows.append(
                [
                    f"Lighthouse mobile perf, {name} (median of {len(r['perf_all'])})",
                    f"{r['perf']:g}",
                    f"{st['perf']:g}" if st else "-",
                    ratio(r["perf"], st["perf"]) if st else "-",
                    f">= {LIGHTHOUSE_PERF_BUDGET}",
                    verdict(checks, f"Lighthouse mobile, {name}"),
                ]
            )
            rows.append(
                [
                    f"Lighthouse a11y/BP/SEO, CLS, {name}",
                    f"{r['a11y']}/{r['bp']}/{r['seo']}, {r['cls']:.3f}",
                    f"{st['a11y']}/{st['bp']}/{st['seo']}, {st['cls']:.3f}" if st else "-",
                    "-",
                    "100/100/100, 0",
                    verdict(checks, f"Lighthouse mobile, {name}"),
                ]
            )
    sc = extra.get("serve")
    if sc:
        rows.append(
            [
                f"mkdocs serve: data edit shown (median of {len(sc['times'])})",
                f"{sc['median']:.2f} s",
                "-",
                "-",
                f"<= {SERVE_BUDGET_S:g} s",
                verdict(checks, "mkdocs serve picks up a data edit"),
            ]
        )
    return rows


# =========================================================================== main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="builds of each config; the median is reported (5)")
    ap.add_argument("--lighthouse", action="store_true", help="also run Lighthouse mobile (needs npm, chromium)")
    ap.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (3)")
    ap.add_argument("--lighthouse-bin", help="path of the lighthouse CLI (else node_modules, else npm install)")
    default_dir = Path(tempfile.gettempdir()) / f"lvm-lighthouse-{LIGHTHOUSE_VERSION}"
    ap.add_argument(
        "--lighthouse-dir", default=str(default_dir), help="where to npm-install lighthouse when it is not found"
    )
    ap.add_argument(
        "--lighthouse-pages",
        help=f"comma-separated subset of the Lighthouse pages ({', '.join(LIGHTHOUSE_PAGES)}); default all",
    )
    ap.add_argument("--no-lighthouse-stock", action="store_true", help="run Lighthouse on this site only")
    ap.add_argument("--serve-check", action="store_true", help="also time `mkdocs serve` picking up a data edit")
    ap.add_argument("--serve-edits", type=int, default=3, help="data edits in the serve check (3)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (builds, reports)")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="lvm-bench-"))
    try:
        return run(args, work)
    except BenchError as err:
        print(f"bench: {err}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def run(args, work: Path) -> int:
    load_start = os.getloadavg()[0]
    project = snapshot_project(work / "project")
    out_this, out_stock = work / "site", work / "stock"
    build_this, build_stock = [], []
    for i in range(max(1, args.runs)):  # interleaved, so machine load hits both alike
        print(f"build {i + 1}/{args.runs}: this site, stock", file=sys.stderr)
        build_this.append(build(project, "mkdocs.yml", out_this))
        build_stock.append(build(project, STOCK_CONFIG, out_stock))

    this = measure_site(out_this, project / "docs", project / "overrides")
    stock = measure_site(out_stock, project / "docs", None)
    if not this["pages"] or not stock["pages"]:
        raise BenchError("no pages found in a build")
    if set(this["pages"]) != set(stock["pages"]):
        print(
            "note: the two builds have different pages: " + ", ".join(sorted(set(this["pages"]) ^ set(stock["pages"]))),
            file=sys.stderr,
        )
    times = {
        "runs": len(build_this),
        "build_this": statistics.median(build_this),
        "build_stock": statistics.median(build_stock),
    }
    times["this"] = times["build_this"] / len(this["pages"])
    times["stock"] = times["build_stock"] / len(stock["pages"])
    checks = check_budgets(this, stock, times)

    extra: dict = {}
    if args.lighthouse:
        cmd = find_lighthouse(args.lighthouse_bin, Path(args.lighthouse_dir))
        if not cmd or not Path(CHROMIUM).exists():
            raise BenchError(f"--lighthouse needs lighthouse@{LIGHTHOUSE_VERSION} (npm) and {CHROMIUM}")
        prefix = site_url_path((project / "mkdocs.yml").read_text(encoding="utf-8"))
        sites = {"this": out_this} if args.no_lighthouse_stock else {"this": out_this, "stock": out_stock}
        pages = [p.strip() for p in args.lighthouse_pages.split(",")] if args.lighthouse_pages else None
        unknown = sorted(set(pages or ()) - set(LIGHTHOUSE_PAGES))
        if unknown:
            raise BenchError(f"--lighthouse-pages: unknown page(s) {', '.join(unknown)}")
        lh = lighthouse(cmd, sites, prefix, args.lighthouse_runs, work, pages)
        extra["lighthouse_this"], extra["lighthouse_stock"] = lh["this"], lh.get("stock")
        checks += lighthouse_checks(extra["lighthouse_this"])
    if args.serve_check:
        print("serve check: mkdocs serve, then data edits", file=sys.stderr)
        extra["serve"] = sc = serve_check(work, max(1, args.serve_edits))
        checks.append(
            Check(
                "mkdocs serve picks up a data edit",
                sc["median"] <= SERVE_BUDGET_S,
                f"median {sc['median']:.2f} s over {len(sc['times'])} edits "
                f"({', '.join(f'{t:.2f}' for t in sc['times'])} s; budget {SERVE_BUDGET_S:g} s)",
            )
        )

    print(table(report_rows(this, stock, times, checks, extra)))
    print()
    cores = os.cpu_count() or 1
    print(
        f"machine: {cores} cores, load average {load_start:.1f} at start, {os.getloadavg()[0]:.1f} at end "
        "(timings and Lighthouse scores drift when other work shares the machine)"
    )
    if extra.get("lighthouse_this"):
        cpus = [r["cpu"] for r in extra["lighthouse_this"].values()]
        print(
            f"Lighthouse CPU benchmarkIndex per page (median of runs): {', '.join(f'{c:.0f}' for c in cpus)}; "
            "Lighthouse warns below 1000 (a slow or busy CPU inflates TBT and lowers the score)"
        )
    print("heaviest page (gzip): " + this["heaviest"])
    for rel, (raw, gz) in this["own"].items():
        pages = this["loads"].get(rel, [])
        print(f"own asset {rel}: {kib(raw)} raw, {kib(gz)} gzip, loaded by {len(pages)} page(s)")
    print()
    for c in checks:
        print(f"{'PASS' if c.ok else 'FAIL'}  {c.name}: {c.detail}")
    if args.json:
        payload = {
            "times": times,
            "builds_this": build_this,
            "builds_stock": build_stock,
            "this": _jsonable(this),
            "stock": _jsonable(stock),
            "extra": extra,
            "checks": [c.__dict__ for c in checks],
        }
        Path(args.json).write_text(json.dumps(payload, indent=1, default=list), encoding="utf-8")
    return 0 if all(c.ok for c in checks) else 1


def _jsonable(fig: dict) -> dict:
    out = {k: v for k, v in fig.items() if k != "weights"}
    out["weights"] = [{"page": w.page, "raw": w.raw, "gzip": w.gzip, "files": w.files} for w in fig["weights"]]
    return out


if __name__ == "__main__":
    sys.exit(main())
