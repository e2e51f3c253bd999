"""Roles: one section per role, and the role x dimension matrix."""

from __future__ import annotations

from .render import Href, render


def render_roles(roles, dimensions, sources, href: Href, heading_depth: int = 3) -> str:
    """One section per role (``{#<id>}``), with the systems its source names."""
    return render(
        "roles.md", roles=roles, dimensions=dimensions, sources=sources, href=href, hashes="#" * heading_depth
    )


def render_role_matrix(roles, dimensions, href: Href) -> str:
    """Role x dimension: each role's typical lean, as a table."""
    return render("role_matrix.html", roles=roles, dimensions=dimensions, href=href)
