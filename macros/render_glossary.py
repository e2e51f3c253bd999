"""Trait glossary: A–Z entries, the traits x principles matrix, abbreviations for tooltips."""

from __future__ import annotations

import re
import unicodedata

from .render import Href, render

TIERS = {"key": "Key trait", "bonus": "Bonus trait"}
EMPHASES = {"leading": "Leading", "managing": "Managing", "both": "Both"}
OTHER = "#"  # index group for names that do not start with a letter A–Z


def letter_of(name: str) -> str:
    """The index letter of a name: its first letter without accents, upper case (or ``#``)."""
    first = unicodedata.normalize("NFKD", name.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else OTHER


def letter_id(letter: str) -> str:
    """Anchor of a letter group: ``letter-a`` … ``letter-z``, ``letter-other``."""
    return "letter-other" if letter == OTHER else f"letter-{letter.lower()}"


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
    return sorted(groups.items(), key=lambda item: (item[0] == OTHER, item[0]))


def _check_anchors(traits, letters: list[str]) -> None:
    """Letter anchors share the page with trait ids and aliases: refuse a clash."""
    taken = {letter_id(letter) for letter in letters}
    for trait in traits:
        for anchor in (trait.id, *trait.aliases):
            if anchor in taken:
                raise ValueError(
                    f"data/traits.yaml: entry {trait.id!r}: id or alias {anchor!r} clashes with the "
                    "glossary's letter anchor of the same name; choose another id"
                )


def render_glossary(traits, principles, sources, href: Href) -> str:
    """The A–Z glossary: letter index, tier/lean filter (shown by JS), one section per trait.

    Letter groups are ``## A { #letter-a }``; each trait is ``### Name { #<id> }`` followed by an
    HTML block carrying ``data-tier``/``data-lean`` for the filter.
    """
    groups = _groups(traits)
    _check_anchors(traits, [letter for letter, _ in groups])
    served = {t.id: served_principles(t, principles) for t in traits}
    counts = {tier: sum(1 for t in traits if t.tier == tier) for tier in TIERS}
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
        tiers=TIERS,
        emphases=EMPHASES,
        letter_id=letter_id,
    )


def render_trait_matrix(traits, principles, href: Href) -> str:
    """Trait x principle table (rows A–Z): a check mark, with a text alternative, where it serves."""
    rows = [(t, {p.id for p in served_principles(t, principles)}) for t in sorted(traits, key=sort_key)]
    return render("trait_matrix.html", rows=rows, principles=principles, href=href, tiers=TIERS)


_SPACE = re.compile(r"\s+")

#: Phrases that contain a trait name but do not mean the trait. The abbr extension tries longer
#: names first, so each of these wins over the trait inside it and shows its own (true) title.
NOT_TRAITS = {
    "Creative Commons": "The non-profit whose free licences let people share and reuse work.",
}


def render_abbreviations(traits) -> str:
    """Markdown ``*[Name]: definition`` lines (abbr extension) for every trait.

    Matching is by the exact, case-sensitive name as written in the data ("Focused", not
    "focused"): capitalised trait names get a tooltip, everyday lower-case words do not.
    Definitions are written raw: Python-Markdown puts them in a ``title`` attribute and escapes
    them there. Whitespace is folded onto one line (a line break would end the definition and
    spill the rest onto every page); a name the syntax cannot hold is skipped. Phrases in
    ``NOT_TRAITS`` that contain a trait's name get their own line, so they are not mistaken
    for the trait.
    """
    lines = []
    for trait in traits:
        name = _SPACE.sub(" ", trait.name).strip()
        definition = _SPACE.sub(" ", trait.definition).strip()
        if not name or not definition or "\\" in name or "]" in name or definition in ("''", '""'):
            continue
        lines.append(f"*[{name}]: {definition}")
    names = [_SPACE.sub(" ", t.name).strip() for t in traits]
    for phrase, title in NOT_TRAITS.items():
        if any(re.search(rf"\b{re.escape(n)}\b", phrase) for n in names if n):
            lines.append(f"*[{phrase}]: {title}")
    return "\n".join(lines) + ("\n" if lines else "")
