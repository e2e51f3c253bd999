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


def generated_from(*files: str) -> Markup:
    """The comment that marks a generated region and names what to edit."""
    names = ", ".join(escape(f) for f in files)
    return Markup(f"<!-- generated from {names}: edit the data, not this page -->")  # noqa: S704 (names escaped)


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
