#!/usr/bin/env python3
"""Performance benchmark and budgets (``make bench``): the command line and the report.

Builds a snapshot of the project twice over: once as it is, once with stock Material settings
(``bench_builds.py``). Then it measures both builds the same way (page weight,
``bench_weight.py``; optionally Lighthouse, ``bench_lighthouse.py``) and prints one table
(metric | this site | stock | ratio | budget | verdict), then one PASS/FAIL line per budget.
Exit status: 0 all budgets pass, 1 one fails, 2 the bench could not run (a build failed, a
tool is missing). Copying, building and serving come from ``sitekit.py``, shared with the tests.

Usage::

    python scripts/bench.py                  # builds (median of 5 each), page weights, budgets
    python scripts/bench.py --lighthouse     # + Lighthouse mobile, median of 5, this site and stock, taking turns
    python scripts/bench.py --serve-check    # + time until `mkdocs serve` shows a data edit, this site and stock
    python scripts/bench.py --runs 1         # a quick look (one build each)

Only the standard library and PyYAML are used (Lighthouse is an optional npm tool).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_builds import (
    SERVE_RATIO_BUDGET,
    STOCK_CONFIG,
    serve_check,
    snapshot_project,
    timed_build,
    timed_zensical_build,
    zensical_exe,
)
from bench_common import KIB, BenchError, Check, kib
from bench_lighthouse import (
    LIGHTHOUSE_BLOCKING_SLACK_MS,
    LIGHTHOUSE_RUNS,
    LIGHTHOUSE_SCORE_SLACK,
    LIGHTHOUSE_VERSION,
    find_lighthouse,
    lighthouse,
    lighthouse_budget,
    lighthouse_checks,
    lighthouse_pages,
)
from bench_weight import (
    BUILD_RATIO_BUDGET,
    OWN_ASSETS_BUDGET,
    PAGE_RATIO_BUDGET,
    check_budgets,
    measure_site,
    quiz_loaders,
)
from sitekit import CHROMIUM, site_url_path


# =========================================================================== report
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


def _ms_row(label: str, r: dict, st: dict | None, key: str, budget: str, result: str) -> list[str]:
    """One Lighthouse figure in ms, this site against stock, as a report row."""
    return [
        f"Lighthouse {label} (median)",
        f"{r[key]:.0f} ms",
        f"{st[key]:.0f} ms" if st else "-",
        ratio(r[key], st[key]) if st else "-",
        budget,
        result,
    ]


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
            need, tbt_max, _ = lighthouse_budget(st)
            rows.append(
                [
                    f"Lighthouse mobile perf, {name} (median of {len(r['perf_all'])})",
                    f"{r['perf']:g}",
                    f"{st['perf']:g}" if st else "-",
                    ratio(r["perf"], st["perf"]) if st else "-",
                    f">= {need:g} (stock - {LIGHTHOUSE_SCORE_SLACK})" if need is not None else "no stock run",
                    verdict(checks, f"Lighthouse mobile, {name}"),
                ]
            )

            rows.append(
                _ms_row(
                    f"load blocking, {name}",
                    r,
                    st,
                    "blocking",
                    f"<= {tbt_max:.0f} ms (stock + {LIGHTHOUSE_BLOCKING_SLACK_MS})"
                    if tbt_max is not None
                    else "no stock run",
                    verdict(checks, f"Lighthouse mobile, {name}"),
                )
            )
            rows.append(_ms_row(f"TBT from first paint, {name}", r, st, "tbt", "reported", ""))
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
        site, base = sc["this"], sc["stock"]
        rows.append(
            [
                f"mkdocs serve: data edit shown (median of {len(site['times'])})",
                f"{site['median']:.2f} s",
                f"{base['median']:.2f} s",
                f"{sc['ratio']:.2f}x",
                f"<= {SERVE_RATIO_BUDGET}x stock",
                verdict(checks, "mkdocs serve picks up a data edit"),
            ]
        )
    return rows


# =========================================================================== main
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="builds of each config; the median is reported (5)")
    ap.add_argument("--lighthouse", action="store_true", help="also run Lighthouse mobile (needs npm, chromium)")
    ap.add_argument(
        "--lighthouse-runs",
        type=int,
        default=LIGHTHOUSE_RUNS,
        help=f"Lighthouse runs per page and site; the median counts ({LIGHTHOUSE_RUNS})",
    )
    ap.add_argument("--lighthouse-bin", help="path of the lighthouse CLI (else node_modules, else npm install)")
    default_dir = Path(tempfile.gettempdir()) / f"lvm-lighthouse-{LIGHTHOUSE_VERSION}"
    ap.add_argument(
        "--lighthouse-dir", default=str(default_dir), help="where to npm-install lighthouse when it is not found"
    )
    ap.add_argument(
        "--lighthouse-pages",
        help="comma-separated subset of the Lighthouse pages, named by URL path (home, traits/, ...); default "
        "all: home, the longest page, every quiz page and one page per script of its own",
    )
    ap.add_argument("--serve-check", action="store_true", help="also time `mkdocs serve` picking up a data edit")
    ap.add_argument("--serve-edits", type=int, default=5, help="data edits of each site in the serve check (5)")
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


def zensical_comparison(project: Path, work: Path, this: dict, times: dict) -> str:
    """The same project built by Zensical (README: "Builders") beside the MkDocs build: build
    time and page weight. Information, not a budget: Zensical is pre-1.0."""
    built = timed_zensical_build(project, work / "zensical")
    other = measure_site(work / "zensical", project / "docs", project / "overrides")
    rows = [
        [
            "build (strict, whole site)",
            f"{times['build_this']:.1f} s",
            f"{built:.1f} s",
            ratio(built, times["build_this"]),
        ],
        ["pages", str(len(this["pages"])), str(len(other["pages"])), ratio(len(other["pages"]), len(this["pages"]))],
    ]
    for kind in ("raw", "gzip"):
        key = f"median_{kind}"
        rows.append([f"median page ({kind})", kib(this[key]), kib(other[key]), ratio(other[key], this[key])])
    head = ["Zensical vs MkDocs", "MkDocs", "Zensical", "ratio"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    return "\n".join(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [head, *rows])


def run(args, work: Path) -> int:
    load_start = os.getloadavg()[0]
    project = snapshot_project(work / "project")
    out_this, out_stock = work / "site", work / "stock"
    build_this, build_stock = [], []
    builds = (("mkdocs.yml", out_this, build_this), (STOCK_CONFIG, out_stock, build_stock))
    for i in range(max(1, args.runs)):  # taking turns (who goes first alternates): load hits both alike
        order = builds if i % 2 == 0 else builds[::-1]
        print(f"build {i + 1}/{args.runs}: {', '.join(config for config, _, _ in order)}", file=sys.stderr)
        for config, out, times in order:
            times.append(timed_build(project, config, out))

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
    # The serve check runs before Lighthouse: it takes seconds, and a failure here must not throw
    # away half an hour of Lighthouse runs.
    if args.serve_check:
        print("serve check: mkdocs serve, then data edits", file=sys.stderr)
        extra["serve"] = sc = serve_check(work, max(1, args.serve_edits))
        site, base = sc["this"], sc["stock"]
        checks.append(
            Check(
                "mkdocs serve picks up a data edit",
                sc["ratio"] <= SERVE_RATIO_BUDGET,
                f"median {site['median']:.2f} s against stock's {base['median']:.2f} s, {sc['ratio']:.2f}x "
                f"(budget {SERVE_RATIO_BUDGET}x; site {', '.join(f'{t:.2f}' for t in site['times'])} s, "
                f"stock {', '.join(f'{t:.2f}' for t in base['times'])} s)",
            )
        )
    if args.lighthouse:
        cmd = find_lighthouse(args.lighthouse_bin, Path(args.lighthouse_dir))
        if not cmd or not Path(CHROMIUM).exists():
            raise BenchError(f"--lighthouse needs lighthouse@{LIGHTHOUSE_VERSION} (npm) and {CHROMIUM}")
        prefix = site_url_path((project / "mkdocs.yml").read_text(encoding="utf-8"))
        sites = {"this": out_this, "stock": out_stock}  # the budget compares them, page by page, same run
        listed = lighthouse_pages(out_this, this)
        wanted = [p.strip() for p in args.lighthouse_pages.split(",")] if args.lighthouse_pages else list(listed)
        unknown = sorted(set(wanted) - set(listed))
        if unknown:
            raise BenchError(
                f"--lighthouse-pages: not a listed page: {', '.join(unknown)} (listed: {', '.join(listed)})"
            )
        pages = {name: listed[name][0] for name in wanted}
        lh = lighthouse(cmd, sites, prefix, args.lighthouse_runs, work, pages)
        extra["lighthouse_this"], extra["lighthouse_stock"] = lh["this"], lh.get("stock")
        extra["lighthouse_calibration"] = lh["calibration"]
        extra["lighthouse_pages"] = {name: listed[name] for name in wanted}
        checks += lighthouse_checks(extra["lighthouse_this"], extra["lighthouse_stock"], listed)

    print(table(report_rows(this, stock, times, checks, extra)))
    print()
    if zensical_exe():
        print(zensical_comparison(project, work, this, times), end="\n\n")
    cores = os.cpu_count() or 1
    print(
        f"machine: {cores} cores, load average {load_start:.1f} at start, {os.getloadavg()[0]:.1f} at end "
        "(timings and Lighthouse scores drift when other work shares the machine)"
    )
    if extra.get("lighthouse_this"):
        cpus = [r["cpu"] for r in extra["lighthouse_this"].values()]
        cal = extra.get("lighthouse_calibration") or {}
        if cal:
            print(
                f"Lighthouse CPU slowdown pinned at {cal['multiplier']:g}x for every run, from the host's "
                f"benchmarkIndex {cal['benchmark_index']:.0f} (Lighthouse's calculator; its default 4x "
                "assumes about 1533)"
            )
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
