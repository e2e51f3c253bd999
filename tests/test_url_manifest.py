"""Stable links: every URL in tests/url_manifest.txt still resolves. The manifest may grow: a new
page or entry is reported (append it with scripts/url_manifest.py --update), never a failure;
only the URLs already listed are a promise."""

from __future__ import annotations

import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import ROOT, resolve_link

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
        target = resolve_link(site, page, parsed.refresh.split("#")[0])
        if target is None or target.path.startswith("../") or not target.path.endswith("index.html"):
            return False
        return resolves(site, target.path[: -len("index.html")] + (f"#{anchor}" if anchor else ""))
    return not anchor or anchor in parsed.ids


def test_every_manifest_url_still_resolves(built_site):
    manifest = url_manifest.read_manifest()
    assert len(manifest) > 100
    gone = [u for u in manifest if not resolves(built_site, u)]
    assert not gone, (
        "these published URLs no longer work; add a redirect (mkdocs.yml) or an alias (data) "
        "for each:\n" + "\n".join(gone)
    )


class NewPublicUrls(UserWarning):
    """The site offers URLs the manifest does not list yet."""


def test_new_urls_are_reported_not_failed(built_site):
    """A new entry adds URLs: that must not fail the suite (adding a trait is one YAML entry),
    so they are reported as a warning with the command that appends them."""
    known = set(url_manifest.read_manifest())
    current = url_manifest.current_urls(built_site)
    assert len(set(current) & known) > 100, "the manifest and the site share almost nothing"
    missing = [u or "/" for u in current if u not in known]
    if missing:
        warnings.warn(
            NewPublicUrls(
                f"{len(missing)} public URL(s) not in tests/url_manifest.txt yet; run "
                "`python scripts/url_manifest.py SITE_DIR --update` and commit it: " + ", ".join(missing[:10])
            ),
            stacklevel=1,
        )


def test_a_removed_anchor_is_caught(built_site, tmp_path):
    """The check really fails when an entry's anchor disappears."""
    page = built_site / "traits" / "index.html"
    copy = tmp_path / "site" / "traits"
    copy.mkdir(parents=True)
    (copy / "index.html").write_text(page.read_text(encoding="utf-8").replace('id="empathetic"', 'id="x"'))
    assert resolves(built_site, "traits/#empathetic")
    assert not resolves(tmp_path / "site", "traits/#empathetic")
