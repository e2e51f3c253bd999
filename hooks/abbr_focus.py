"""MkDocs hook with one job: make trait tooltips work for keyboard users, at build time.

Python-Markdown's ``abbr`` extension writes ``<abbr title="…">`` for every trait name (the
definitions are appended to each page by macros.on_post_page_macros) and Material's
``content.tooltips`` shows the title on hover or focus, but an ``abbr`` cannot take focus.
This hook adds a small Markdown tree processor, run right after ``abbr``, that

- gives the first ``abbr`` of each term on a page ``tabindex="0"``: one tab stop per term,
  not one per mention; an ``abbr`` inside a link is left alone (the link takes focus);
- unwraps ``abbr`` inside headings: a heading is no place for a tooltip (on the glossary it
  would repeat the definition printed just below, and a style named like a trait would show
  the trait's definition).

It works on the element tree, not on HTML text, and ships no JavaScript.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace ``child`` by its text (and keep its tail) inside ``parent``."""
    text = (child.text or "") + (child.tail or "")
    index = list(parent).index(child)
    if index:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(child)


class AbbrFocus(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        self._walk(root, seen, in_heading=False, in_link=False)

    def _walk(self, node: etree.Element, seen: set[str], in_heading: bool, in_link: bool) -> None:
        for child in list(node):
            if child.tag == "abbr":
                if in_heading:
                    _unwrap(node, child)
                    continue
                title = child.get("title", "")
                if not in_link and title not in seen:
                    child.set("tabindex", "0")
                    seen.add(title)
                continue
            self._walk(child, seen, in_heading or child.tag in _HEADINGS, in_link or child.tag == "a")


class AbbrFocusExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(AbbrFocus(md), "abbr_focus", 6)  # after abbr (7), before toc (5)


def on_config(config, **kwargs):
    config.markdown_extensions.append(AbbrFocusExtension())
    return config
