"""Links from the page being rendered: to entries, pages and built files, in any URL style.

Where each kind of entry lives is declared once, in :data:`macros.models.KINDS` (its ``page``);
this module only turns "entry ``empathetic`` of kind ``traits``" into a URL relative to the
current page. URLs come from MkDocs' own machinery (:class:`mkdocs.structure.files.File` and
:func:`mkdocs.utils.get_relative_url`), so they are right with ``use_directory_urls`` on or off
and under any builder that keeps MkDocs' file model.

A :class:`Linker` is also the page's link context: renderers tell it which data files the page
was generated from (main.html links to them: "edit the data") and which scripts the page needs
(main.html loads them), so neither is parsed back from the output or written by hand.
"""

from __future__ import annotations

import copy
import re

from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from .models import KINDS

#: A kind's folder of entry files (``data/traits/``), which a page may be generated from.
_KIND_FOLDER = re.compile(r"data/[a-z_]+/")

#: kind -> the ``docs/`` page that shows it (derived from the registry; ``{id}``: a page per entry).
PAGES: dict[str, str] = {name: kind.page for name, kind in KINDS.items()}


def page_url(src: str, use_directory_urls: bool = True) -> str:
    """The site URL MkDocs gives a Markdown file (``styles/index.md`` -> ``styles/``)."""
    return File(src, src_dir=None, dest_dir="", use_directory_urls=use_directory_urls).url


class Linker:
    """The link context of one page: ``linker(kind, id=None)`` -> URL of an entry (or of the page
    listing that kind), relative to the current page; ``linker.page``/``linker.asset`` for other
    pages and built files; plus what the renderers record for the page (data files, scripts).

    ``current_url`` is the page's URL as MkDocs gives it (``traits/`` or ``traits.html``);
    ``files`` the build's :class:`~mkdocs.structure.files.Files` (without it, as in unit tests
    and under Zensical, target URLs come from a :class:`~mkdocs.structure.files.File` made for the
    path).

    ``link_from``: what relative links are written from, one rule per builder. MkDocs and
    ProperDocs leave raw HTML alone, so links are relative to the page's URL (the default).
    Zensical resolves every relative URL in a page's raw HTML from its Markdown file and rewrites
    it for the page's URL, so there links are relative to the Markdown file (``styles/index.md``).
    """

    def __init__(
        self,
        current_url: str,
        use_directory_urls: bool = True,
        files: Files | None = None,
        link_from: str | None = None,
    ):
        self.current_url = current_url
        self.link_from = link_from or current_url
        self.use_directory_urls = use_directory_urls
        self.files = files
        self._tooltips: set[tuple[str, str | None]] = set()
        self.data_files: list[str] = []
        self.scripts: list[str] = []
        #: Called with each data file as it is first noted (macros/__init__.py records it on page.meta).
        self.on_data = None

    # ------------------------------------------------------------------ URLs
    def _url_of(self, src: str) -> str:
        found = self.files.get_file_from_path(src) if self.files is not None else None
        return found.url if found is not None else page_url(src, self.use_directory_urls)

    def page(self, src: str, anchor: str | None = None) -> str:
        """The ``docs/`` page ``src`` (e.g. ``styles/index.md``), optionally at ``#anchor``."""
        url = self._url_of(src)
        if url == self.current_url and anchor:
            return f"#{anchor}"
        return get_relative_url(url, self.link_from) + (f"#{anchor}" if anchor else "")

    def asset(self, path: str) -> str:
        """A file the build writes (e.g. ``data/traits.json``), relative to the current page."""
        return get_relative_url(path, self.link_from)

    def __call__(self, kind: str, entry_id: str | None = None) -> str:
        record = KINDS[kind]
        if "{id}" in record.page:
            return self.page(record.page_of(entry_id))
        return self.page(record.page, entry_id)

    def in_json(self) -> Linker:
        """This link context for links a script reads from JSON (a ``data-*`` attribute): no
        builder rewrites those, so they are relative to the page's URL under every builder. It
        shares what the page records (tooltips, data files, scripts)."""
        if self.link_from == self.current_url:
            return self
        other = copy.copy(self)
        other.link_from = self.current_url
        return other

    # ------------------------------------------------------------------ what the page needs
    def tooltip(self, kind: str, entry_id: str | None = None) -> bool:
        """Whether a link to this entry should carry its definition (a tooltip, and a description
        for screen readers): only the first link to it on the page, and only when the entry is on
        another page. Hearing the same definition at every mention would be noise. The first one
        makes the page load tooltips.js."""
        key = (kind, entry_id)
        if key in self._tooltips or self(kind, entry_id).startswith("#"):
            return False
        self._tooltips.add(key)
        self.needs_script("tooltips.js")
        return True

    def needs_script(self, name: str) -> None:
        """The page loads ``assets/javascripts/<name>`` (once, in the order first asked)."""
        if name not in self.scripts:
            self.scripts.append(name)

    def uses_data(self, *paths: str) -> None:
        """The page was generated from these data files or folders (``data/traits/``), as paths
        from the project root."""
        for path in paths:
            if (path.endswith(".yaml") or _KIND_FOLDER.fullmatch(path)) and path not in self.data_files:
                self.data_files.append(path)
                if self.on_data is not None:
                    self.on_data(path)
