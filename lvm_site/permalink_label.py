"""Markdown extension with one job: name the ¶ permalinks without making each one a tooltip.

The ``toc`` extension gives every heading's ¶ link ``title="Link to this section"``. With
``content.tooltips`` on, Material mounts a tooltip on every element with a ``title`` when a page
loads, and on long pages (the glossary has ~60 headings) that work shows up as main-thread
blocking time on phones. This tree processor, run right after ``toc``, moves the title to
``aria-label``: screen readers announce the same name, and the page mounts no tooltip for it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class PermalinkLabel(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if "headerlink" in (link.get("class") or "").split() and link.get("title"):
                link.set("aria-label", link.attrib.pop("title"))


class PermalinkLabelExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API name)
        md.treeprocessors.register(PermalinkLabel(md), "permalink_label", 4)  # after toc (5)


def makeExtension(**kwargs) -> PermalinkLabelExtension:  # noqa: N802 (Python-Markdown's API name)
    return PermalinkLabelExtension(**kwargs)
