"""Lighthouse mobile runs: this site and stock Material take turns on the same pages in the same
run, and the performance budget compares them.

The budget (a decision recorded on How this site is built), per listed page, on the median of 5
runs: a performance score of at least stock's median - 1, and main-thread blocking over the
whole load (``load_blocking``) at most stock's median + 15 ms; accessibility, best practices and
SEO 100, layout shift 0. Lighthouse's own Total Blocking Time, which starts counting at the first
paint, is reported beside it.
The listed pages (``lighthouse_pages``) are the home page, the longest page, every quiz page and,
for each script of the site's own that not every page loads, one page that loads it (a listed
page if one does, else the one with the most form controls, then elements).
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
LIGHTHOUSE_RUNS = 5  # runs per page and site, taking turns with stock; the median counts
LIGHTHOUSE_SCORE_SLACK = 1  # every listed page scores at least stock's median - this
LIGHTHOUSE_BLOCKING_SLACK_MS = 15  # median load blocking at most stock's median + this
LONG_TASK_MS = 50  # a task blocks for what it runs past this (as in Total Blocking Time)
LIGHTHOUSE_CALIBRATION_RUNS = 2  # discarded runs per site that measure the host's CPU
#: Headless Chromium's display compositor may hold back frames from a page that is busy loading
#: (viz "ThrottleUnresponsiveClient"): the first paint came about a second late in most runs here
#: (GoogleChrome/lighthouse#17148), so Lighthouse dated it after the start-up work and left that
#: work out of Total Blocking Time, on one run and not the next. Without the frame-rate limit the
#: first paint is recorded when the page paints. (Only here: the tests keep Chromium's defaults.)
LIGHTHOUSE_CHROMIUM_FLAGS = (*CHROMIUM_FLAGS, "--disable-frame-rate-limit")


def page_label(page: str) -> str:
    """A built page (``traits/index.html``) as the bench names it: its URL path, ``home`` for the root."""
    path = page[: -len("index.html")] if page.endswith("index.html") else page
    return path or "home"


def lighthouse_pages(site: Path, figures: dict) -> dict[str, tuple[str, str]]:
    """The pages the Lighthouse budget covers: ``{label: (URL path under the site root, why)}``.

    The home page, the longest page (most elements as built), every quiz page, and for each of the
    site's own scripts which not every page loads, one page that loads it: a page already listed
    if one does, else the one where it has most to do (most form controls, then most elements:
    the path builder rather than a path it only prints). Measuring all seven path pages added an
    hour a run and told nothing that page does not. ``figures`` is
    ``bench_weight.measure_site`` of this site (pages, own assets, which pages load what, quiz pages).
    """
    pages = figures["pages"]
    why: dict[str, list[str]] = {}
    if "index.html" in pages:
        why["index.html"] = ["home"]
    counted = {p: count_elements(site / p) for p in pages}
    sizes = {p: n for p, (n, _) in counted.items()}
    controls = {p: c for p, (_, c) in counted.items()}
    if sizes:
        longest = max(sizes, key=lambda p: (sizes[p], p))
        why.setdefault(longest, []).append(f"longest page, {sizes[longest]:,} elements")
    for page in sorted(figures.get("quiz_pages", ())):
        if page in pages:
            why.setdefault(page, []).append("quiz")
    for rel in sorted(figures.get("own", {})):
        loaders = [p for p in figures.get("loads", {}).get(rel, []) if p in sizes]
        if rel.endswith(".js") and 0 < len(loaders) < len(pages):
            # One page per script: a listed page that loads it, else the page where it has the
            # most to do: the most form controls (a builder over a page it only prints), then
            # the most elements.
            page = max(loaders, key=lambda p: (p in why, controls[p], sizes[p], p))
            why.setdefault(page, []).append(rel.rsplit("/", 1)[-1])
    ordered = sorted(why, key=lambda p: (p != "index.html", p))
    return {
        page_label(p): (p[: -len("index.html")] if p.endswith("index.html") else p, "; ".join(why[p])) for p in ordered
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


def cpu_multiplier(benchmark_index: float) -> float:
    """The CPU slowdown that makes this host emulate Lighthouse's reference phone: the mapping of
    Lighthouse's CPU throttling calculator (benchmarkIndex 2000 -> 6x, 1533 -> 4x, 1300 -> 3x,
    800 -> 2x, 150 -> 1x, straight lines between). Lighthouse's default of 4x assumes a host of
    about 1533; on a slower host 4x emulates a slower phone than intended, and every score drops
    with the host, stock Material's too. Rounded to a tenth, never below 1."""
    bi = benchmark_index
    if bi >= 1300:
        m = 3 + (bi - 1300) / 233
    elif bi >= 800:
        m = 2 + (bi - 800) / 500
    elif bi >= 150:
        m = 1 + (bi - 150) / 650
    else:
        m = 1.0
    return round(max(m, 1.0), 1)


def lighthouse_once(cmd: list[str], url: str, out: Path, multiplier: float | None = None) -> dict:
    """One Lighthouse mobile run -> {perf, a11y, bp, seo, cls, failing, cpu, ...}; ``multiplier``
    pins the CPU slowdown (``cpu_multiplier``), else Lighthouse's default of 4 applies."""
    args = cmd + [
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=" + " ".join(LIGHTHOUSE_CHROMIUM_FLAGS),
        "--max-wait-for-load=60000",
    ]
    if multiplier is not None:
        args.append(f"--throttling.cpuSlowdownMultiplier={multiplier:g}")
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
        "fcp": report["audits"]["first-contentful-paint"].get("numericValue", 0.0),
        # When the page really painted, unthrottled: far after the load event is the sign of the
        # headless frame hold-back (LIGHTHOUSE_CHROMIUM_FLAGS).
        "fcp_observed": _observed(report, "observedFirstContentfulPaint"),
        "tbt": report["audits"]["total-blocking-time"].get("numericValue", 0.0),
        "blocking": load_blocking(report),
        "cpu": report.get("environment", {}).get("benchmarkIndex", 0),
        "elements": report["audits"].get("dom-size", {}).get("numericValue"),
        "failing": failing,
    }


def load_blocking(report: dict) -> float:
    """Main-thread blocking over the whole load, in ms of the emulated phone: for every top-level
    task Lighthouse recorded from navigation start to the end of its trace, what it runs past
    50 ms once slowed by the run's CPU multiplier, summed.

    Total Blocking Time counts the same, but only between the first paint and the page's
    quiet point, so a page that paints before its start-up work is charged for that work and a
    page that paints after it is not: this site paints as early as stock Material or earlier, and
    the same script work landed on either side of the first paint from run to run. Counting from
    navigation start measures what the scripts cost whatever the paint does."""
    tasks = (report["audits"].get("main-thread-tasks", {}).get("details") or {}).get("items") or []
    throttling = report.get("configSettings", {}).get("throttling", {})
    simulated = report.get("configSettings", {}).get("throttlingMethod", "simulate") == "simulate"
    multiplier = float(throttling.get("cpuSlowdownMultiplier", 1)) if simulated else 1.0
    return float(sum(max(0.0, t.get("duration", 0.0) * multiplier - LONG_TASK_MS) for t in tasks))


def _observed(report: dict, key: str) -> float:
    items = (report["audits"].get("metrics", {}).get("details") or {}).get("items") or [{}]
    return float(items[0].get(key) or 0.0)


def lighthouse(
    cmd: list[str], sites: dict[str, Path], prefix: str, runs: int, work: Path, pages: dict[str, str]
) -> dict:
    """Median of ``runs`` per page (``{label: URL path}``) for each site: {site label: {page label:
    summary}}, plus ``"calibration"``: the host's benchmarkIndex and the CPU slowdown pinned from it.

    The sites take turns run by run, and the one that goes first alternates (this, stock, stock,
    this, this, stock, ...), so a busy machine or a warm cache favours neither.
    """
    results: dict[str, dict] = {label: {} for label in sites}
    with contextlib.ExitStack() as stack:
        bases = {label: stack.enter_context(serve(site, prefix)) for label, site in sites.items()}
        # Calibrate once: discarded runs on the first page measure the host's CPU (benchmarkIndex,
        # which moves a good deal from run to run on a shared 2-core host: the median of the
        # runs), and every run after it uses the same pinned slowdown.
        first = next(iter(pages.values()))
        bench = [
            lighthouse_once(cmd, bases[label] + first, work / f"lh-calibrate-{label}-{i}.json")["cpu"]
            for i in range(LIGHTHOUSE_CALIBRATION_RUNS)
            for label in turn_order(list(bases), i)
        ]
        multiplier = cpu_multiplier(statistics.median(bench))
        results["calibration"] = {"benchmark_index": statistics.median(bench), "multiplier": multiplier}
        print(
            f"  lighthouse: host benchmarkIndex {statistics.median(bench):.0f}, CPU slowdown {multiplier:g}x",
            file=sys.stderr,
        )
        for name, path in pages.items():
            runs_out: dict[str, list[dict]] = {label: [] for label in sites}
            for i in range(runs):
                for label in turn_order(list(bases), i):
                    print(f"  lighthouse {name} run {i + 1}/{runs}: {label}", file=sys.stderr)
                    out = work / f"lh-{label}-{name.strip('/').replace('/', '_') or 'home'}-{i}.json"
                    runs_out[label].append(lighthouse_once(cmd, bases[label] + path, out, multiplier))
            for label, got in runs_out.items():
                results[label][name] = summary = summarise_lighthouse(got)
                if summary["elements"] is None:  # no dom-size audit: count the built page's elements
                    summary["elements"] = static_elements(sites[label] / path / "index.html")
    return results


def turn_order(labels: list[str], run: int) -> list[str]:
    """Who goes first in run ``run`` (0-based): the given order on even runs, reversed on odd ones."""
    return labels if run % 2 == 0 else labels[::-1]


class _TagCounter(HTMLParser):
    CONTROLS = frozenset({"input", "select", "textarea"})

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self.controls = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1
        self.controls += tag in self.CONTROLS

    handle_startendtag = handle_starttag


def count_elements(page: Path) -> tuple[int, int]:
    """(elements, form controls) in a built HTML page as served (before scripts add any)."""
    counter = _TagCounter()
    counter.feed(page.read_text(encoding="utf-8"))
    return counter.count, counter.controls


def static_elements(page: Path) -> int:
    """Elements in a built HTML page as served (before scripts add any)."""
    return count_elements(page)[0]


def summarise_lighthouse(runs: list[dict]) -> dict:
    """Median performance, LCP, TBT and CPU index; worst accessibility, best practices, SEO and CLS."""
    return {
        "perf": statistics.median(r["perf"] for r in runs),
        "perf_all": [r["perf"] for r in runs],
        "a11y": min(r["a11y"] for r in runs),
        "bp": min(r["bp"] for r in runs),
        "seo": min(r["seo"] for r in runs),
        "cls": max(r["cls"] for r in runs),
        "lcp": statistics.median(r["lcp"] for r in runs),
        "fcp": statistics.median(r.get("fcp", 0.0) for r in runs),
        "fcp_observed": statistics.median(r.get("fcp_observed", 0.0) for r in runs),
        "tbt": statistics.median(r["tbt"] for r in runs),
        "tbt_all": [round(r["tbt"]) for r in runs],
        "blocking": statistics.median(r.get("blocking", 0.0) for r in runs),
        "blocking_all": [round(r.get("blocking", 0.0)) for r in runs],
        "cpu": statistics.median(r["cpu"] for r in runs),
        "elements": max((r.get("elements") or 0 for r in runs), default=0) or None,
        "failing": sorted(set().union(*(r["failing"] for r in runs))),
    }


def lighthouse_budget(stock: dict | None) -> tuple[float | None, float | None, str]:
    """What one page must reach against stock Material's medians on the same page, same run:
    (least performance score, most load blocking in ms, why). Nones without a stock figure.

    Score: at least stock - 1. Load blocking (``load_blocking``): at most stock + 15 ms."""
    if not stock:
        return None, None, "no stock Material run on this page"
    need = stock["perf"] - LIGHTHOUSE_SCORE_SLACK
    most = stock["blocking"] + LIGHTHOUSE_BLOCKING_SLACK_MS
    why = (
        f"score >= stock {stock['perf']:g} - {LIGHTHOUSE_SCORE_SLACK}; "
        f"load blocking <= stock {stock['blocking']:.0f} + {LIGHTHOUSE_BLOCKING_SLACK_MS} ms"
    )
    return need, most, why


def lighthouse_checks(results: dict, stock: dict | None = None, pages: dict | None = None) -> list[Check]:
    """One check per page: score and blocking time against stock (see ``lighthouse_budget``), and
    accessibility, best practices and SEO 100, layout shift 0. ``pages`` ({label: (path, why)})
    only adds why each page is measured."""
    checks = []
    for name, r in results.items():
        need, tbt_max, why = lighthouse_budget((stock or {}).get(name))
        ok = (
            need is not None
            and r["perf"] >= need
            and r["blocking"] <= tbt_max
            and r["a11y"] == 100
            and r["bp"] == 100
            and r["seo"] == 100
            and r["cls"] == 0
        )
        tbts = "/".join(str(t) for t in r.get("tbt_all", ()))
        blocks = "/".join(str(t) for t in r.get("blocking_all", ()))
        detail = (
            f"performance {r['perf']:g} (runs {'/'.join(str(p) for p in r['perf_all'])}), "
            f"load blocking {r['blocking']:.0f} ms{f' (runs {blocks})' if blocks else ''}, "
            f"TBT from first paint {r['tbt']:.0f} ms{f' (runs {tbts})' if tbts else ''}; budget: {why}; "
            f"accessibility {r['a11y']}, best practices {r['bp']}, SEO {r['seo']}, CLS {r['cls']:.3f}"
        )
        if "lcp" in r:
            detail += f"; median LCP {r['lcp'] / 1000:.2f} s, CPU benchmarkIndex {r['cpu']:.0f}"
        if r.get("fcp"):
            detail += f"; median FCP {r['fcp'] / 1000:.2f} s (painted at {r.get('fcp_observed', 0):.0f} ms unthrottled)"
        if pages and name in pages:
            detail += f"; measured as: {pages[name][1]}"
        if r["failing"]:
            detail += "; failing audits: " + ", ".join(r["failing"])
        checks.append(Check(f"Lighthouse mobile, {name}", ok, detail))
    return checks
