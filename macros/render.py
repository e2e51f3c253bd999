"""Shared rendering machinery: one Jinja environment with autoescaping.

Renderers (``macros/render_*.py``) are pure functions: they take records from
:mod:`macros.data` plus a link function and return a string of HTML or
Markdown. They never read files or global state other than the templates in
``macros/templates``. Every value that comes from data is escaped by Jinja's
autoescape (HTML) and, inside Markdown headings, by the ``md`` filter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"

#: ``href(kind, id=None)`` -> URL of an entry (or of the page listing that kind),
#: relative to the page being rendered.
Href = Callable[..., str]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def md_escape(value: object) -> Markup:
    """HTML-escape, then backslash-escape Markdown syntax (for headings)."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(value))))  # noqa: S704 (input escaped first)


_GENERATED = ("<!-- generated from ", ": edit the data, not this page -->")
_GENERATED_RE = re.compile(re.escape(_GENERATED[0]) + r"(.*?)" + re.escape(_GENERATED[1]))


def generated_from(*files: str) -> Markup:
    """The comment that marks a generated region and names what to edit."""
    names = ", ".join(escape(f) for f in files)
    return Markup(f"{_GENERATED[0]}{names}{_GENERATED[1]}")  # noqa: S704 (names escaped)


def data_files_in(text: str) -> list[str]:
    """The data files (not folders) named by the generated-region comments in ``text``, in order, once each."""
    found: dict[str, None] = {}
    for names in _GENERATED_RE.findall(text):
        for name in names.split(", "):
            if name.endswith(".yaml"):
                found.setdefault(name, None)
    return list(found)


def edit_url(repo_url: str | None, edit_uri: str | None, docs_dir: str, path: str) -> str | None:
    """The repository's edit URL of ``path`` (relative to the project root), from MkDocs' own
    ``repo_url`` and ``edit_uri`` (which points into ``docs_dir``); None when there is none."""
    if not repo_url or not edit_uri:
        return None
    docs = docs_dir.rstrip("/") + "/"
    base = edit_uri if "://" in edit_uri else repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    if not base.endswith("/" + docs):
        return None
    return base[: -len(docs)] + path


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
    env.globals["generated_from"] = generated_from
    return env


ENV = _environment()


def render(template: str, **context: object) -> str:
    """Render ``macros/templates/<template>`` with autoescaping on."""
    return ENV.get_template(template).render(**context).strip() + "\n"


def names_by_id(collection) -> dict[str, str]:
    return {entry.id: entry.name for entry in collection}
