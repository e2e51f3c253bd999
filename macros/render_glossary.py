"""Traits: the A–Z glossary and the traits x principles matrix."""

from __future__ import annotations

import unicodedata
from typing import get_args

from .models import OTHER_LETTER, Lean, letter_id, letter_of
from .render import LABELS, Href, render


def sort_key(trait) -> tuple[str, str]:
    name = unicodedata.normalize("NFKD", trait.name)
    return ("".join(c for c in name if not unicodedata.combining(c)).casefold(), trait.id)


def served_principles(trait, principles) -> list:
    """Principles a trait serves: named by the trait, or naming the trait, in principle order."""
    return [p for p in principles if p.id in trait.principles or trait.id in p.traits]


def _groups(traits) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for trait in sorted(traits, key=sort_key):
        groups.setdefault(letter_of(trait.name), []).append(trait)
    return sorted(groups.items(), key=lambda item: (item[0] == OTHER_LETTER, item[0]))


def render_glossary(traits, principles, sources, href: Href) -> str:
    """The A–Z glossary: letter index, tier/lean filter (shown by JS), one section per trait.

    Letter groups are ``## A { #letter-a }``; each trait is ``### Name { #<id> }`` followed by an
    HTML block carrying ``data-tier``/``data-lean`` for the filter.
    """
    groups = _groups(traits)
    served = {t.id: served_principles(t, principles) for t in traits}
    counts = {tier: sum(1 for t in traits if t.tier == tier) for tier in LABELS["tier"]}
    href.needs_script("glossary-filter.js")
    return render(
        "glossary.md",
        groups=groups,
        traits=traits,
        principles=principles,
        sources=sources,
        served=served,
        counts=counts,
        total=len(traits),
        href=href,
        leans=get_args(Lean),
        letter_id=letter_id,
    )


def render_trait_matrix(traits, principles, href: Href) -> str:
    """Trait x principle table (rows A–Z): a check mark, with a text alternative, where it serves."""
    rows = [(t, {p.id for p in served_principles(t, principles)}) for t in sorted(traits, key=sort_key)]
    return render("trait_matrix.html", rows=rows, principles=principles, href=href)
