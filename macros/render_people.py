"""Principles, balancing practices and roles."""

from __future__ import annotations

from .render import Href, render


def render_principles(principles, traits, sources, href: Href, heading_depth: int = 3) -> str:
    """One section per principle (``{#<id>}``): statement, why, how to practise, traits, sources."""
    return render(
        "principles.md", principles=principles, traits=traits, sources=sources, href=href, hashes="#" * heading_depth
    )


def render_practices(practices, sources, href: Href, heading_depth: int = 3) -> str:
    """One section per balancing practice (``{#<id>}``)."""
    return render("practices.md", practices=practices, sources=sources, href=href, hashes="#" * heading_depth)


def render_roles(roles, dimensions, sources, href: Href, heading_depth: int = 3) -> str:
    """One section per role (``{#<id>}``), with the systems its source names."""
    return render(
        "roles.md", roles=roles, dimensions=dimensions, sources=sources, href=href, hashes="#" * heading_depth
    )


def render_role_matrix(roles, dimensions, href: Href) -> str:
    """Role x dimension: each role's typical lean, as a table."""
    return render("role_matrix.html", roles=roles, dimensions=dimensions, href=href)
