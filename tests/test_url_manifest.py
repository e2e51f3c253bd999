"""Stable links: every URL in tests/url_manifest.txt still resolves, and new ones are listed."""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.build

sys.path.insert(0, str(ROOT / "scripts"))
import url_manifest  # noqa: E402


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refresh: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "refresh":
            self.refresh = (attrs.get("content") or "").split("url=", 1)[-1]


def _parse(path: Path) -> _Ids:
    parser = _Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolves(site: Path, url: str) -> bool:
    path, _, anchor = ("" if url == "/" else url).partition("#")
    page = site / path / "index.html"
    if not page.exists():
        return False
    parsed = _parse(page)
    if parsed.refresh:  # a redirect (mkdocs-redirects): follow it once, keeping the anchor
        target = (page.parent / parsed.refresh.split("#")[0]).resolve()
        rel = target.relative_to(site.resolve()).as_posix() if target.is_relative_to(site.resolve()) else None
        if rel is None:
            return False
        rel = rel[: -len("index.html")] if rel.endswith("index.html") else rel.rstrip("/") + "/"
        return resolves(site, rel + (f"#{anchor}" if anchor else ""))
    return not anchor or anchor in parsed.ids


def test_every_manifest_url_still_resolves(built_site):
    manifest = url_manifest.read_manifest()
    assert len(manifest) > 100
    gone = [u for u in manifest if not resolves(built_site, u)]
    assert not gone, (
        "these published URLs no longer work; add a redirect (mkdocs.yml) or an alias (data) "
        "for each:\n" + "\n".join(gone)
    )


def test_manifest_lists_every_current_url(built_site):
    known = set(url_manifest.read_manifest())
    missing = [u or "/" for u in url_manifest.current_urls(built_site) if (u or "/") not in known]
    assert not missing, (
        "new public URLs: run `python scripts/url_manifest.py SITE_DIR --update` and commit "
        "tests/url_manifest.txt:\n" + "\n".join(missing)
    )


def test_a_removed_anchor_is_caught(built_site, tmp_path):
    """The check really fails when an entry's anchor disappears."""
    page = built_site / "traits" / "index.html"
    copy = tmp_path / "site" / "traits"
    copy.mkdir(parents=True)
    (copy / "index.html").write_text(page.read_text(encoding="utf-8").replace('id="empathetic"', 'id="x"'))
    assert resolves(built_site, "traits/#empathetic")
    assert not resolves(tmp_path / "site", "traits/#empathetic")
