"""Principles: one section per principle."""

from __future__ import annotations

from .render import Href, render


def render_principles(principles, traits, sources, href: Href, heading_depth: int = 3) -> str:
    """One section per principle (``{#<id>}``): statement, why, how to practise, traits, sources."""
    return render(
        "principles.md", principles=principles, traits=traits, sources=sources, href=href, hashes="#" * heading_depth
    )
