"""Lighthouse mobile runs: this site and stock Material take turns on the same pages in the same
run, and the performance budget compares them.

The budget (a decision recorded on How this site is built): the median of 5 runs per page is
at least stock's median + 1 (capped at 100) on every page, and at least 98 on pages with fewer
than 1,500 elements; accessibility, best practices and SEO 100, layout shift 0.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from bench_common import BenchError, Check
from sitekit import CHROMIUM, CHROMIUM_FLAGS, ROOT, serve

LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_RUNS = 5  # runs per page and site; the median counts
LIGHTHOUSE_MARGIN = 1  # this site's median >= stock's median + this (capped at 100), every page
LIGHTHOUSE_SMALL_PAGE = 1500  # elements: pages under this size ...
LIGHTHOUSE_SMALL_BUDGET = 98  # ... also score at least this
LIGHTHOUSE_PAGES = {  # label -> page path under the site root
    "home": "",
    "comparison": "leading-vs-managing/",
    "glossary": "traits/",
    "styles": "styles/",
    "quiz": "quizzes/leading-or-managing/",
}


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
        "elements": report["audits"].get("dom-size", {}).get("numericValue"),
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
                results[label][name] = summary = summarise_lighthouse(got)
                if summary["elements"] is None:  # no dom-size audit: count the built page's elements
                    summary["elements"] = static_elements(sites[label] / path / "index.html")
    return results


class _TagCounter(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1

    def handle_startendtag(self, tag, attrs):
        self.count += 1


def static_elements(page: Path) -> int:
    """Elements in a built HTML page as served (before scripts add any)."""
    counter = _TagCounter()
    counter.feed(page.read_text(encoding="utf-8"))
    return counter.count


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
        "elements": max((r.get("elements") or 0 for r in runs), default=0) or None,
        "failing": sorted(set().union(*(r["failing"] for r in runs))),
    }


def lighthouse_budget(this: dict, stock: dict | None) -> tuple[float | None, str]:
    """The performance score one page must reach, and why: stock's median + 1 (capped at 100),
    and at least 98 when the page has fewer than 1,500 elements. None without a stock figure."""
    if not stock:
        return None, "no stock Material run on this page"
    need = min(100, stock["perf"] + LIGHTHOUSE_MARGIN)
    why = f"stock {stock['perf']:g} + {LIGHTHOUSE_MARGIN}"
    elements = this.get("elements")
    if elements is not None and elements < LIGHTHOUSE_SMALL_PAGE and need < LIGHTHOUSE_SMALL_BUDGET:
        need, why = LIGHTHOUSE_SMALL_BUDGET, f"{elements:.0f} elements < {LIGHTHOUSE_SMALL_PAGE}"
    return need, why


def lighthouse_checks(results: dict, stock: dict | None = None) -> list[Check]:
    """One check per page: the performance budget against stock (see ``lighthouse_budget``), and
    accessibility, best practices and SEO 100, layout shift 0."""
    checks = []
    for name, r in results.items():
        need, why = lighthouse_budget(r, (stock or {}).get(name))
        ok = (
            need is not None
            and r["perf"] >= need
            and r["a11y"] == 100
            and r["bp"] == 100
            and r["seo"] == 100
            and r["cls"] == 0
        )
        detail = (
            f"performance {r['perf']:g} (runs {'/'.join(str(p) for p in r['perf_all'])}; "
            f"budget {'-' if need is None else f'{need:g}'}: {why}), accessibility "
            f"{r['a11y']}, best practices {r['bp']}, SEO {r['seo']}, CLS {r['cls']:.3f}"
        )
        if "lcp" in r:
            detail += f"; median LCP {r['lcp'] / 1000:.2f} s, TBT {r['tbt']:.0f} ms, CPU benchmarkIndex {r['cpu']:.0f}"
        if r["failing"]:
            detail += "; failing audits: " + ", ".join(r["failing"])
        checks.append(Check(f"Lighthouse mobile, {name}", ok, detail))
    return checks
