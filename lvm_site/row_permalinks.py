"""Row ¶ links (a Markdown extension: lvm_site/extensions.py): table rows that are link targets get the ¶ of headings.

Some entries live in a table row with an id (the situational model's levels, the comparison
table's dimensions) rather than under a heading. This adds, at the end of such a row's
header cell, the link the ``toc`` extension gives every heading: ``<a class="headerlink"
href="#id" aria-label="Link to this section">¶</a>``. So the row can be linked to, and
copy-link.js copies its address like any heading's. Rows without an id, or without a row
header, are left alone. The ¶ is kept out of the search index (``data-search-exclude``).
"""

from __future__ import annotations

import html
import re

_ROW = re.compile(r'(<tr id="([^"]+)"[^>]*>\s*<th scope="row"[^>]*>)(.*?)(</th>)', re.S)


def _link(match: re.Match) -> str:
    start, ident, body, end = match.groups()
    if 'class="headerlink"' in body:
        return match.group(0)
    href = html.escape("#" + html.unescape(ident), quote=True)
    link = f'<a class="headerlink" href="{href}" aria-label="Link to this section" data-search-exclude>¶</a>'
    return f"{start}{body} {link}{end}"


def add_row_links(content: str) -> str:
    if "<tr id=" not in content:
        return content
    return _ROW.sub(_link, content)
