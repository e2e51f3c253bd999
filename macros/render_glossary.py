"""Trait glossary: A–Z entries, the traits x principles matrix, abbreviations for tooltips."""

from __future__ import annotations

from .render import Href, render


def render_glossary(traits, principles, sources, href: Href) -> str:
    raise NotImplementedError


def render_trait_matrix(traits, principles, href: Href) -> str:
    raise NotImplementedError


def render_abbreviations(traits) -> str:
    """Markdown ``*[Name]: definition`` lines (abbr extension) for every trait."""
    return ""
