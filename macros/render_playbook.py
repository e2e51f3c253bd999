"""The new manager's playbook: one section per situation, and the signs of a gap (under-managed,
under-led, under-supported)."""

from __future__ import annotations

from .models import PLAYBOOK_GROUPS
from .render import Href, render

#: How each gap reads on the page (words, never a colour alone), in table order.
GAPS = {
    "under-managed": "Under-managed",
    "under-led": "Under-led",
    "under-supported": "Under-supported (relations work, which belongs to both)",
}


def render_playbook(playbook, traits, practices, styles, sources, href: Href, heading_depth: int = 2) -> str:
    """One Markdown section per situation, headed ``{ #<id> }`` (aliases as extra anchors).

    Body: summary, steps, a workplace example, the lead/manage balance (marked as the guide's
    reading), common mistakes, related traits, practices and styles, sources.
    """
    return render(
        "playbook.md",
        playbook=playbook,
        playbook_by_id={p.id: p for p in playbook},
        traits=traits,
        practices=practices,
        styles=styles,
        sources=sources,
        href=href,
        hashes="#" * heading_depth,
    )


def render_team_signs(signs, playbook, href: Href) -> str:
    """The diagnostic table: one group per gap (in :data:`GAPS` order), each sign a
    row (``id`` = the sign's id) with what you see, what to do first and links to the playbook
    situations that say how. Signs keep their file order within a group."""
    return render("team_signs.html", signs=list(signs), playbook=playbook, gaps=GAPS, href=href)


def render_playbook_index(playbook, href: Href) -> str:
    """The short list at the top of the playbook: every situation, grouped by whose situation it
    is (your own work, your people, your team, your boss), each a link to its section on the page.
    Situations keep their file order within a group; empty groups are left out."""
    groups = [(key, label, [p for p in playbook if p.group == key]) for key, label in PLAYBOOK_GROUPS.items()]
    return render("playbook_index.html", groups=[g for g in groups if g[2]], href=href)
