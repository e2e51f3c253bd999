"""One post-build step (lvm_site/postbuild.py): date each page by the last commit that changed its content.

A page's content is its Markdown file plus the data files it is generated from. The theme
(overrides/partials/lvm-page-facts.html) leaves a marker under each page,
``<p class="lvm-updated" data-lvm-sources="data/x.yaml ..." hidden></p>``, naming the data files
the macros recorded on ``page.meta.lvm_data``; the page's Markdown file is found from the page's
place in the built site (``traits/index.html`` or ``traits.html`` -> ``docs/traits.md``). This
step reads the git history once (one ``git log``) and replaces each marker with the latest commit
date of those files, ``<p class="lvm-updated">Last updated <time datetime="2026-03-05">5 March
2026</time></p>`` (UTC). A trait edit thus dates the glossary, not the home page. Being a
post-build step, it works after any builder.

Outside a git work tree (a tarball), without git, or in a shallow clone (whose history would
date every file by the clone's one commit) the markers are removed and pages simply get no date;
the build goes on.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("lvm_site.last_updated")

_MARKER = re.compile(r'<p class="lvm-updated" data-lvm-sources="([^"]*)"[^>]*>\s*</p>')


def _git(cwd: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:  # fixed arguments, no shell
        done = subprocess.run([git, *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)  # noqa: S603
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(project: Path) -> tuple[Path | None, dict[str, str] | None]:
    """(repository root, path -> latest commit date) for the repository holding ``project``."""
    top = _git(project, "rev-parse", "--show-toplevel")
    if not top:
        return None, None
    if (_git(project, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        log.info("last_updated: shallow clone, pages get no date (check out the whole history)")
        return None, None
    out = _git(project, "log", "--format=@%ct", "--name-only", "--no-renames")
    if out is None:
        return None, None
    dates: dict[str, str] = {}
    stamp = ""
    for line in out.splitlines():
        if line.startswith("@"):
            stamp = datetime.fromtimestamp(int(line[1:]), tz=UTC).strftime("%Y-%m-%d")
        elif line and stamp > dates.get(line, ""):
            dates[line] = stamp
    return Path(top.strip()), dates


def page_markdown(page: Path, site_dir: Path, docs_dir: Path) -> Path | None:
    """The Markdown file a built page comes from, from its place in the site (any URL style)."""
    rel = page.relative_to(site_dir)
    if rel.name == "index.html":
        folder = rel.parent
        candidates = [docs_dir / folder / "index.md", docs_dir / folder / "README.md"]
        if folder.parts:
            candidates.insert(0, docs_dir / folder.with_suffix(".md"))
    else:
        candidates = [docs_dir / rel.with_suffix(".md")]
    return next((c for c in candidates if c.is_file()), None)


def date_text(day: str) -> str:
    """``2026-03-05`` -> ``5 March 2026`` (English month names, whatever the locale)."""
    months = "January February March April May June July August September October November December".split()
    year, month, date = day.split("-")
    return f"{int(date)} {months[int(month) - 1]} {year}"


def latest(files: list[Path], root: Path, dates: dict[str, str]) -> str | None:
    found = []
    for path in files:
        try:
            rel = path.resolve().relative_to(root).as_posix()
        except ValueError:
            continue
        if rel in dates:
            found.append(dates[rel])
        elif path.is_dir():  # a folder of entries (data/traits/): its latest file
            inside = [date for name, date in dates.items() if name.startswith(rel + "/")]
            found.extend([max(inside)] if inside else [])
    return max(found) if found else None


def fill_dates(site_dir: Path, project_dir: Path, docs_dir: Path) -> int:
    """Replace every page's date marker; returns how many pages got a date."""
    site_dir, project_dir, docs_dir = Path(site_dir), Path(project_dir).resolve(), Path(docs_dir)
    root, dates = read_history(project_dir)
    dated = 0
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if 'class="lvm-updated" data-lvm-sources=' not in text:
            continue

        def replace(match: re.Match, page=page) -> str:
            nonlocal dated
            if root is None or dates is None:
                return ""
            files = [project_dir / p for p in html.unescape(match.group(1)).split()]
            source = page_markdown(page, site_dir, docs_dir)
            day = latest(([source] if source else []) + files, root, dates)
            if day is None:
                return ""
            dated += 1
            return f'<p class="lvm-updated">Last updated <time datetime="{day}">{date_text(day)}</time></p>'

        page.write_text(_MARKER.sub(replace, text), encoding="utf-8")
    return dated
