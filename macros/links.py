"""Where each kind of entry lives, and relative links between pages.

``PAGES`` is the one place that says which page shows which collection: every
deep link (``traits.md#empathetic``) is built from it, so moving a collection
to another page is a one-line change here plus a redirect in mkdocs.yml.
"""

from __future__ import annotations

import posixpath

PAGES: dict[str, str] = {
    "dimensions": "leading-vs-managing.md",
    "crosswalk": "leading-vs-managing.md",
    "principles": "principles.md",
    "practices": "principles.md",
    "roles": "roles.md",
    "traits": "traits.md",
    "styles": "styles/index.md",
    "situational": "styles/which-style-when.md",
    "situations": "styles/which-style-when.md",
    "playbook": "playbook.md",
    "signs": "playbook.md",
    "managerial_roles": "frameworks.md",
    "sources": "sources.md",
    "quizzes": "quizzes/{id}.md",
}


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a Markdown file (``styles/index.md`` -> ``styles/``)."""
    stem = src[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def relative(target: str, current: str) -> str:
    """``target`` URL relative to the directory of ``current`` page URL."""
    base = current if current.endswith("/") or not current else posixpath.dirname(current) + "/"
    path, _, fragment = target.partition("#")
    rel = posixpath.relpath("/" + path, "/" + base) if path != base else "."
    if path.endswith("/") and rel != ".":
        rel += "/"
    if rel == "./":
        rel = "."
    if rel == "." and fragment:
        rel = ""
    return rel + (f"#{fragment}" if fragment else "") or "."


class Linker:
    """``linker(kind, id=None)`` -> relative URL from the current page."""

    def __init__(self, current_url: str, use_directory_urls: bool = True):
        self.current_url = current_url
        self.use_directory_urls = use_directory_urls
        self._tooltips: set[tuple[str, str | None]] = set()

    def tooltip(self, kind: str, entry_id: str | None = None) -> bool:
        """Whether a link to this entry should carry its definition (a tooltip, and a description
        for screen readers): only the first link to it on the page, and only when the entry is on
        another page. Hearing the same definition at every mention would be noise."""
        key = (kind, entry_id)
        if key in self._tooltips or self(kind, entry_id).startswith("#"):
            return False
        self._tooltips.add(key)
        return True

    @property
    def tooltips_given(self) -> bool:
        """Whether any link on this page carries a definition (main.html then loads tooltips.js)."""
        return bool(self._tooltips)

    def page(self, src: str, anchor: str | None = None) -> str:
        url = page_url(src, self.use_directory_urls)
        return relative(url + (f"#{anchor}" if anchor else ""), self.current_url)

    def asset(self, path: str) -> str:
        """A file the build writes (e.g. ``data/traits.json``), relative to the current page."""
        return relative(path, self.current_url)

    def __call__(self, kind: str, entry_id: str | None = None) -> str:
        src = PAGES[kind]
        if "{id}" in src:
            return self.page(src.format(id=entry_id))
        return self.page(src, entry_id)
