"""Offline check of every internal link and #anchor in the built site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from .conftest import html_pages, site_url_path

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


def resolve(site: Path, base_path: str, page: Path, url: str) -> tuple[Path, str] | None:
    """Map a link to (file in the site, fragment); None for external/special links."""
    parsed = urlparse(url)
    if parsed.scheme in ("mailto", "tel", "data", "javascript") or parsed.netloc:
        return None
    page_url = "/" + page.relative_to(site).as_posix()
    if page.name == "404.html":
        page_url = base_path + "404.html"
    else:
        page_url = base_path + page.relative_to(site).as_posix()
    target = urljoin(page_url, parsed.path) if parsed.path else page_url
    target = unquote(target)
    assert target.startswith(base_path), f"{url} leaves the site's path {base_path}"
    rel = target[len(base_path) :]
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path, parsed.fragment


def broken_links(site: Path) -> tuple[int, list[str]]:
    """(links checked, ``page:line: url -> problem`` for each broken one) over a built site."""
    base_path = site_url_path()
    cache: dict[Path, _Collector] = {}
    broken = []
    checked = 0
    for page in html_pages(site):
        cache.setdefault(page, parse(page))
        for line, url in cache[page].links:
            target = resolve(site, base_path, page, url)
            if target is None:
                continue
            path, fragment = target
            checked += 1
            where = f"{page.relative_to(site)}:{line}: {url}"
            if not path.exists():
                broken.append(f"{where} -> missing {path.relative_to(site)}")
                continue
            if fragment and path.suffix == ".html":
                cache.setdefault(path, parse(path))
                if unquote(fragment) not in cache[path].ids:
                    broken.append(f"{where} -> no #{fragment} in {path.relative_to(site)}")
    return checked, broken


def test_every_internal_link_and_anchor_resolves(built_site):
    checked, broken = broken_links(built_site)
    assert checked > 100
    assert not broken, "\n".join(broken)
