"""The site's page transforms as Python-Markdown extensions, so every builder that renders
Markdown with Python-Markdown (MkDocs, ProperDocs, Zensical) applies them from mkdocs.yml's
``markdown_extensions`` (no MkDocs hooks):

- ``lvm_site.extensions:RowPermalinksExtension``: table rows with an id get a ¶ link
  (lvm_site/row_permalinks.py);
- ``lvm_site.extensions:SearchTextExtension``: adjacent table cells are apart in the search
  index (lvm_site/search_text.py);
- ``lvm_site.permalink_label``: heading ¶ links named by ``aria-label``, not a ``title``.

The first two work on the finished HTML of the page (a postprocessor that runs after
Python-Markdown has put the raw HTML, i.e. the macros' tables, back), as the hooks did.
"""

from __future__ import annotations

from markdown import Extension
from markdown.postprocessors import Postprocessor

from .row_permalinks import add_row_links
from .search_text import separate_cells


class _HtmlStep(Postprocessor):
    def __init__(self, md, step):
        super().__init__(md)
        self.step = step

    def run(self, text: str) -> str:
        return self.step(text)


class RowPermalinksExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API name)
        # Priority 5: after raw HTML is restored (raw_html, 30) and amp_substitute (20).
        md.postprocessors.register(_HtmlStep(md, add_row_links), "lvm_row_permalinks", 5)


class SearchTextExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's API name)
        # After the row links (5), so the ¶ they add sits inside its cell as before.
        md.postprocessors.register(_HtmlStep(md, separate_cells), "lvm_search_text", 4)
