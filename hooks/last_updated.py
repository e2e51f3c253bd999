"""MkDocs hook with one job: date each page by the last commit that changed its content.

A page's content is its Markdown file plus the data files it is generated from
(``page.meta["lvm_data"]``: a list of ``{"path": "data/x.yaml", ...}`` set by the macros
module). The hook reads the git history once per build (one ``git log``) and gives each page
``page.meta["lvm_updated"]``: the latest commit date of those files, as ``YYYY-MM-DD`` (UTC;
``lvm_updated_text`` says it in words, "5 March 2026"), which
overrides/partials/lvm-page-facts.html shows in a ``<time datetime>``. A trait edit thus dates
the glossary, not the home page.

Outside a git work tree (a tarball), without git, or in a shallow clone (whose history would
date every file by the clone's one commit) pages simply get no date; the build goes on.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.last_updated")

#: Repository-relative path -> latest commit date (UTC, "YYYY-MM-DD"); None outside git.
_dates: dict[str, str] | None = None
_root: Path | None = None


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


def on_config(config, **kwargs):
    global _root, _dates
    _root, _dates = read_history(Path(config.config_file_path).resolve().parent)
    return config


def page_sources(page, config) -> list[Path]:
    """The files a page's content comes from: its Markdown and its data files."""
    project = Path(config.config_file_path).resolve().parent
    files = [Path(page.file.abs_src_path).resolve()] if page.file.abs_src_path else []
    for entry in page.meta.get("lvm_data") or []:
        files.append((project / entry["path"]).resolve())
    return files


def on_page_context(context, page, config, nav, **kwargs):
    if _dates is None or _root is None:
        return context
    found = []
    for path in page_sources(page, config):
        try:
            rel = path.relative_to(_root).as_posix()
        except ValueError:
            continue
        if rel in _dates:
            found.append(_dates[rel])
        elif path.is_dir():  # a folder of entries (data/traits/): its latest file
            inside = [date for name, date in _dates.items() if name.startswith(rel + "/")]
            found.extend([max(inside)] if inside else [])
    if found:
        latest = max(found)
        day = datetime.strptime(latest, "%Y-%m-%d")
        page.meta["lvm_updated"] = latest
        page.meta["lvm_updated_text"] = f"{day.day} {day:%B %Y}"
    return context
