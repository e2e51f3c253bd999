"""MkDocs hook with one job: make the search index read as text.

Material's search plugin indexes a page's HTML by its text, and text in adjacent table cells
(``...</td><td>...``, written without whitespace by the templates) runs together in result
snippets ("coping with changecoping with complexity"). This hook puts a line break between
adjacent cells and rows of the page content before the search plugin reads it; a browser
ignores whitespace between cells, so the page looks the same.
"""

from __future__ import annotations

import re

_ADJACENT = re.compile(r"(</t[dhr]>|<tr(?:\s[^>]*)?>)(?=<t[dhr][\s>])")


def on_page_content(html, page, config, files, **kwargs):
    if "<table" not in html:
        return html
    return _ADJACENT.sub(r"\1\n", html)
