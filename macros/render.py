"""Shared rendering machinery: one Jinja environment with autoescaping.

Renderers (``macros/render_*.py``) are pure functions: they take records from
:mod:`macros.data` plus the page's link context (:class:`Href`) and return a
string of HTML or Markdown. They never read files or global state other than
the templates in ``macros/templates``; what a page needs besides its HTML (the
data files it was generated from, the scripts it loads) they tell the link
context. Every value that comes from data is escaped by Jinja's
autoescape (HTML) and, inside Markdown headings, by the ``md`` filter.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup, escape

from .inline import plain_inline, render_inline

TEMPLATES = Path(__file__).parent / "templates"


class Href(Protocol):
    """The link context a renderer gets for the page it renders (:class:`macros.links.Linker`)."""

    def __call__(self, kind: str, entry_id: str | None = None) -> str:
        """URL of an entry (or of the page listing that kind), relative to the page."""

    def page(self, src: str, anchor: str | None = None) -> str:
        """URL of a ``docs/`` page, relative to the page."""

    def asset(self, path: str) -> str:
        """URL of a file the build writes (``data/traits.json``), relative to the page."""

    def tooltip(self, kind: str, entry_id: str | None = None) -> bool:
        """Whether this link carries the entry's definition (the first on the page does)."""

    def needs_script(self, name: str) -> None:
        """The page loads ``assets/javascripts/<name>``."""

    def uses_data(self, *paths: str) -> None:
        """The page was generated from these data files."""


#: How each value of a closed list reads on the page: one place for every label (the words
#: themselves, never a colour alone). A test checks that every value the models allow has one.
LABELS: dict[str, dict[str, str]] = {
    "lean": {"leading": "Leading", "managing": "Managing", "both": "Both", "neither": "Neither"},
    "tier": {"key": "Key trait", "bonus": "Bonus trait"},
    "climate": {"positive": "Positive", "negative": "Negative", "mixed": "Mixed", "not-reported": "Not reported"},
    "source_kind": {
        "research": "Research",
        "book": "Book",
        "popular-book": "Book for general readers",
        "essay": "Essay",
        "practitioner-article": "Practitioner article",
        "guidance": "Official guidance",
    },
    "pole": {"leading": "Leading", "managing": "Managing"},
}

# Markdown's escapable characters (Python-Markdown's, with tables' "|"); "~" is not one here
# (no tilde extension): "\\~" would show its backslash.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


def md_escape(value: object) -> Markup:
    """HTML-escape ``& < >`` (quotes are text in a heading; escaping them would show "&#39;" in
    the table of contents, which escapes again), then backslash-escape Markdown syntax."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(str(value), quote=False)))  # noqa: S704 (input escaped first)


_LIST_FILE = re.compile(r"data/([a-z_]+)\.yaml")


def _current_file(path: str) -> str:
    """Where a kind's entries are now: ``data/traits.yaml`` names ``data/traits/`` once the
    traits are one Markdown file each (scripts/to_markdown.py), so templates need not change."""
    from .models import KINDS

    match = _LIST_FILE.fullmatch(path)
    kind = KINDS.get(match.group(1)) if match else None
    return kind.data_file() if kind is not None else path


@pass_context
def generated_from(context, *files: str) -> Markup:
    """The comment that marks a generated region and names what to edit. It also tells the
    page's link context (``href`` in the template) that the page was generated from ``files``:
    main.html then links to them ("edit the data, not this page")."""
    files = tuple(_current_file(f) for f in files)
    context["href"].uses_data(*files)
    names = ", ".join(escape(f) for f in files)
    return Markup(f"<!-- generated from {names}: edit the data, not this page -->")  # noqa: S704 (names escaped)


def edit_url(repo_url: str | None, edit_uri: str | None, docs_dir: str, path: str) -> str | None:
    """The repository's edit URL of ``path`` (relative to the project root), from MkDocs' own
    ``repo_url`` and ``edit_uri`` (which points into ``docs_dir``; Zensical drops its trailing
    slash); None when there is none."""
    if not repo_url or not edit_uri:
        return None
    docs = docs_dir.rstrip("/") + "/"
    base = edit_uri if "://" in edit_uri else repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    base = base.rstrip("/") + "/"
    if not base.endswith("/" + docs):
        return None
    if path.endswith("/"):  # a folder of entries (data/traits/): its listing, where each file opens
        base = base.replace("/edit/", "/tree/", 1)
    return base[: -len(docs)] + path


_NUMBER_WORDS = (
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip


def in_words(number: int) -> str:
    """A count from the data as prose writes it (``styles|length|in_words`` -> "ten"; digits from
    21 on), for pages and templates alike: neither pins a count that the data can change."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["md"] = md_escape
    env.filters["inline"] = render_inline  # entry text -> HTML: the only way (macros/inline.py)
    env.filters["plain"] = plain_inline  # entry text where HTML cannot go (attributes, JSON)
    env.filters["in_words"] = in_words
    env.filters["extract"] = lambda key, container: container[key]  # ids|map("extract", traits): the entries
    env.globals["generated_from"] = generated_from
    env.globals["labels"] = LABELS
    return env


ENV = _environment()


def render(template: str, **context: object) -> str:
    """Render ``macros/templates/<template>`` with autoescaping on."""
    return ENV.get_template(template).render(**context).strip() + "\n"
