"""Principles, balancing practices and roles."""

from __future__ import annotations

from .render import Href, render


def render_principles(principles, traits, sources, href: Href, level: int = 3, practices=None) -> str:
    """One section per principle (``{#<id>}``): statement, why, lean, how to practise, traits, sources.

    ``practices`` (by id) names the practices a principle links to for its full how-to.
    """
    return render(
        "principles.md",
        principles=principles,
        traits=traits,
        sources=sources,
        practices=practices or {},
        href=href,
        hashes="#" * level,
    )


def render_practices(practices, sources, href: Href, level: int = 3) -> str:
    """One section per balancing practice (``{#<id>}``)."""
    return render("practices.md", practices=practices, sources=sources, href=href, hashes="#" * level)


def render_roles(roles, dimensions, sources, href: Href, level: int = 3) -> str:
    """One section per role (``{#<id>}``), with the systems its source names."""
    return render("roles.md", roles=roles, dimensions=dimensions, sources=sources, href=href, hashes="#" * level)


def render_role_matrix(roles, dimensions, href: Href) -> str:
    """Role x dimension: each role's typical lean, as a table."""
    return render("role_matrix.html", roles=roles, dimensions=dimensions, href=href)
