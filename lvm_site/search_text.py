"""One job (run as a Markdown extension, lvm_site/extensions.py): make the search index read as text.

Material's search plugin indexes a page's HTML by its text, and text in adjacent elements
(``...</td><td>...``, ``<dt>Leading</dt><dd>Moves...``, written without whitespace by the
templates) runs together in result snippets ("LeadingMoves the organisation"). This step, a
Markdown extension so that every builder's search reads it:

- puts a line break between adjacent table cells and rows, between adjacent blocks of a
  description list, and after a ``<br>`` that text follows ("New manager?<br>Start...": the
  index drops the ``<br>``); a browser ignores that whitespace, so the page looks the same;
- ends each label (a ``<dt>``, a lean badge) with punctuation that only the index reads, in a
  ``hidden`` span (not drawn, not announced): the snippet says "Leading: Moves the organisation"
  and "Both. Our reading: ...", where the page shows the label by its layout.

Both steps are pure functions of the HTML (:func:`cells_apart`, :func:`labels_apart`).
"""

from __future__ import annotations

import re

_ADJACENT = re.compile(r"(</t[dhr]>|<tr(?:\s[^>]*)?>)(?=<t[dhr][\s>])")
_ADJACENT_BLOCK = re.compile(r"(</(?:dt|dd|div)>)(?=<(?:dt|dd|div)[\s>])")
_BREAK = re.compile(r"(<br\s*/?>)(?=[^\s<])")
#: A label's end: a description term, or a lean badge (``<span class="lvm-lean ...">Both</span>``).
_DT_END = re.compile(r"([^:?!.\s>])(\s*)(</dt>)")
_BADGE = re.compile(r'(<span class="lvm-lean\b[^"]*">[^<]*[^<.\s])(</span>)')


def cells_apart(html: str) -> str:
    """A line break between adjacent cells, rows and description-list blocks, and after a <br>."""
    if "<table" in html:
        html = _ADJACENT.sub(r"\1\n", html)
    if "<dl" in html:
        html = _ADJACENT_BLOCK.sub(r"\1\n", html)
    if "<br" in html:
        html = _BREAK.sub(r"\1\n", html)
    return html


def labels_apart(html: str) -> str:
    """Punctuation only the search index reads after each label (unless it has its own)."""
    if "<dt" in html:
        html = _DT_END.sub(r"\1<span hidden>:</span>\2\3", html)
    if "lvm-lean" in html:
        html = _BADGE.sub(r"\1<span hidden>.</span>\2", html)
    return html


def separate_cells(html: str) -> str:
    """The page's HTML as the search index should read it (both steps above)."""
    return labels_apart(cells_apart(html))
