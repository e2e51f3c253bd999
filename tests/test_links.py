"""Offline check of every internal link and #anchor in the built site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import html_pages, resolve_link

pytestmark = pytest.mark.build


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        for key in ("href", "src"):
            if attrs.get(key) is not None and not (tag == "link" and "canonical" in (attrs.get("rel") or "")):
                self.links.append((self.getpos()[0], attrs[key]))


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links checked, ``page:line: url -> problem`` for each broken one) over a built site, in
    any URL style (``use_directory_urls`` true or false)."""
    cache: dict[Path, _Collector] = {}
    broken = []
    checked = 0
    for page in html_pages(site):
        cache.setdefault(page, parse(page))
        for line, url in cache[page].links:
            target = resolve_link(site, page, url)
            if target is None:
                continue
            checked += 1
            where = f"{page.relative_to(site)}:{line}: {url}"
            if target.path.startswith("../"):
                broken.append(f"{where} -> leaves the site's path")
                continue
            path, fragment = site / target.path, target.fragment
            if not path.exists():
                broken.append(f"{where} -> missing {path.relative_to(site)}")
                continue
            if fragment and path.suffix == ".html":
                cache.setdefault(path, parse(path))
                if fragment not in cache[path].ids:
                    broken.append(f"{where} -> no #{fragment} in {path.relative_to(site)}")
    return checked, broken


def test_every_internal_link_and_anchor_resolves(built_site):
    checked, broken = broken_links(built_site)
    assert checked > 100
    assert not broken, "\n".join(broken)
