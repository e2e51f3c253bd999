"""One job (run as a Markdown extension, lvm_site/extensions.py): make the search index read as text.

Material's search plugin indexes a page's HTML by its text, and text in adjacent table cells
(``...</td><td>...``, written without whitespace by the templates) runs together in result
snippets ("coping with changecoping with complexity"). This puts a line break between
adjacent cells and rows of the page's HTML before any builder's search reads it; a browser
ignores whitespace between cells, so the page looks the same.
"""

from __future__ import annotations

import re

_ADJACENT = re.compile(r"(</t[dhr]>|<tr(?:\s[^>]*)?>)(?=<t[dhr][\s>])")


def separate_cells(html: str) -> str:
    if "<table" not in html:
        return html
    return _ADJACENT.sub(r"\1\n", html)
