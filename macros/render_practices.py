"""Balancing practices: one section per practice."""

from __future__ import annotations

from .render import Href, render


def render_practices(practices, sources, href: Href, heading_depth: int = 3) -> str:
    """One section per balancing practice (``{#<id>}``)."""
    return render("practices.md", practices=practices, sources=sources, href=href, hashes="#" * heading_depth)
