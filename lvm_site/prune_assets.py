"""One post-build step (lvm_site/postbuild.py): keep the deployed folder lean.

It removes what a reader's browser never loads:
- source maps (``*.map``: fetched only with developer tools open);
- lunr language files for languages the search plugin is not configured for (an
  English-only site needs none: English is built into lunr itself).
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: Support files the search worker loads whenever any non-English language is configured.
_LUNR_SHARED = {"lunr.stemmer.support.min.js", "lunr.multi.min.js"}


def prune(site: Path, langs: set[str] | None = None) -> None:
    """Remove source maps and the lunr language files ``langs`` (search languages) do not need."""
    site = Path(site)
    for path in site.rglob("*.map"):
        path.unlink()
    lunr = site / "assets" / "javascripts" / "lunr"
    if not lunr.is_dir():
        return
    langs = set(langs or ["en"])
    if langs <= {"en"}:
        shutil.rmtree(lunr)
        return
    keep = _LUNR_SHARED | {f"lunr.{lang}.min.js" for lang in langs}
    for path in (lunr / "min").glob("*.js"):
        if path.name not in keep:
            path.unlink()
