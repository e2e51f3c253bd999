"""Balancing practices: one section per practice."""

from __future__ import annotations

from .render import Href, render


def render_practices(practices, sources, href: Href, heading_depth: int = 3, playbook=None) -> str:
    """One section per balancing practice (``{#<id>}``); ``playbook`` (by id) names the playbook
    situations a practice links to for its full how-to."""
    return render(
        "practices.md",
        practices=practices,
        sources=sources,
        playbook=playbook or {},
        href=href,
        hashes="#" * heading_depth,
    )
