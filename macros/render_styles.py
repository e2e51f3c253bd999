"""Leadership styles: the comparison matrix, one section per style, the situational guide."""

from __future__ import annotations

from .render import Href, render

#: How the climate effect reads on the page (the word itself, never a colour alone).
CLIMATE = {
    "positive": "Positive",
    "negative": "Negative",
    "mixed": "Mixed",
    "not-reported": "Not reported",
}

#: How many of a style's traits the matrix shows: the first ones listed are its key traits.
KEY_TRAITS = 3


def render_styles_matrix(styles, traits, href: Href) -> str:
    """All styles side by side: when to use, risk, climate, lean, key traits.

    One ``tbody`` row per style, its name linking to the style's section. The table is an
    ``lvm-stack``: on narrow screens each row becomes a card whose cells carry their labels.
    """
    return render("styles_matrix.html", styles=styles, traits=traits, href=href, climate=CLIMATE, key_traits=KEY_TRAITS)


def render_style_sections(styles, traits, sources, href: Href, level: int = 2) -> str:
    """One Markdown section per style, headed ``{ #<id> }`` (aliases as extra anchors).

    Body: essence, other names, origin (with the name that publication used) and later names
    (linked sources), the work it serves (the guide's reading), how it works, when it works best,
    when it backfires, strengths, criticisms, effect on climate (as the data states it), how it
    differs from a near neighbour, traits, scenario, sources.
    """
    styles = list(styles)
    return render(
        "style_sections.md",
        styles=styles,
        styles_by_id={s.id: s for s in styles},
        traits=traits,
        sources=sources,
        href=href,
        hashes="#" * level,
        climate=CLIMATE,
    )


def render_situational_model(levels, styles, sources, href: Href) -> str:
    """Hersey and Blanchard's four levels as a table, one row per level (row id = level id),
    followed by the sources the levels cite (each once, in order of first citation)."""
    cited = list(dict.fromkeys(sid for level in levels for sid in level.sources))
    return render("situational_model.html", levels=levels, styles=styles, sources=sources, href=href, cited=cited)


def _check_anchors(situations, levels) -> None:
    """Situations and levels share one page: an id or alias may not name both."""
    taken = {anchor: level.id for level in levels for anchor in (level.id, *level.aliases)}
    for situation in situations:
        for anchor in (situation.id, *situation.aliases):
            if anchor in taken:
                raise ValueError(
                    f"data/situations.yaml: entry {situation.id!r}: id or alias {anchor!r} clashes with "
                    f"situational level {taken[anchor]!r} (both are anchors on one page); choose another id"
                )


def render_situation_guide(situations, styles, levels, href: Href, level: int = 3, sources=None) -> str:
    """One Markdown section per situation (``{ #<id> }``): what it looks like, the styles that
    fit and those to avoid (linked), why, and the matching situational level.

    ``sources`` is optional: when given, each section ends with its linked sources.
    """
    _check_anchors(situations, levels)
    return render(
        "situation_guide.md",
        situations=situations,
        styles=styles,
        levels=levels,
        sources=sources,
        href=href,
        hashes="#" * level,
    )
