"""Leadership styles: the comparison matrix, one section per style, the situational guide."""

from __future__ import annotations

from .render import Href, render

#: How many of a style's traits the matrix shows: the first ones listed are its key traits.
KEY_TRAITS = 3


def render_style_matrix(styles, traits, href: Href) -> str:
    """All styles side by side: when to use, risk, reported effect, lean, key traits.

    One ``tbody`` row per style, its name linking to the style's section. The table is an
    ``lvm-stack``: on narrow screens each row becomes a card whose cells carry their labels.
    """
    return render("style_matrix.html", styles=styles, traits=traits, href=href, key_traits=KEY_TRAITS)


def render_style_sections(styles, traits, sources, href: Href, heading_depth: int = 2) -> str:
    """One Markdown section per style, headed ``{ #<id> }`` (aliases as extra anchors).

    Body: essence, other names, origin (with the name that publication used) and later names
    (linked sources), the work it serves (the guide's reading), how it works, when it works best,
    when it backfires, strengths, criticisms, reported effect (climate or outcomes, as the data states it), how it
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
        hashes="#" * heading_depth,
    )


def render_situational_model(levels, styles, sources, href: Href) -> str:
    """Hersey and Blanchard's levels as a table, one row per level (row id = level id),
    followed by the sources the levels cite (each once, in order of first citation)."""
    cited = list(dict.fromkeys(sid for level in levels for sid in level.sources))
    return render("situational_model.html", levels=levels, styles=styles, sources=sources, href=href, cited=cited)


def render_situation_guide(situations, styles, levels, href: Href, heading_depth: int = 3, sources=None) -> str:
    """One Markdown section per situation (``{ #<id> }``): what it looks like, the styles that
    fit and those to avoid (linked), why, and the matching situational level.

    ``sources`` is optional: when given, each section ends with its linked sources.
    """
    return render(
        "situation_guide.md",
        situations=situations,
        styles=styles,
        levels=levels,
        sources=sources,
        href=href,
        hashes="#" * heading_depth,
    )
