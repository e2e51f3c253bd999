"""Frameworks a serious reader expects: Mintzberg's managerial roles."""

from __future__ import annotations

from .render import Href, render

#: Mintzberg's three groups, in his order, as they read on the page.
ROLE_GROUPS = {
    "interpersonal": "Interpersonal",
    "informational": "Informational",
    "decisional": "Decisional",
}


def render_managerial_roles(roles, href: Href) -> str:
    """Mintzberg's roles as a table grouped by his three groups (row ``id`` = the role's id).

    The page cites Mintzberg in the prose above the table; the examples are the guide's own."""
    groups = [(label, [r for r in roles if r.group == key]) for key, label in ROLE_GROUPS.items()]
    return render("managerial_roles.html", groups=groups, href=href)
