"""Principles: one section per principle."""

from __future__ import annotations

from .render import Href, render


def render_principles(
    principles, traits, sources, href: Href, heading_depth: int = 3, practices=None, playbook=None
) -> str:
    """One section per principle (``{#<id>}``): statement, why, lean, how to practise, traits, sources.

    ``practices`` and ``playbook`` (by id) name the practices and playbook situations it links to.
    """
    return render(
        "principles.md",
        principles=principles,
        traits=traits,
        sources=sources,
        practices=practices or {},
        playbook=playbook or {},
        href=href,
        hashes="#" * heading_depth,
    )
