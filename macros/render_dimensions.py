"""Dimensions of leading vs managing: the comparison table, one section per dimension, the
crosswalk (which framework draws which contrast) and the printable cheat sheet."""

from __future__ import annotations

from .render import Href, render


def _crosswalk_by_dimension(crosswalk) -> dict[str, list]:
    out: dict[str, list] = {}
    for row in crosswalk:
        out.setdefault(row.dimension, []).append(row)
    return out


def render_comparison_table(dimensions, sources, href: Href) -> str:
    """The full table: one row per dimension (row id ``vs-<id>``), linked to its section and sources."""
    return render("comparison_table.html", dimensions=dimensions, sources=sources, href=href)


def render_dimension_sections(dimensions, sources, crosswalk, href: Href, heading_depth: int = 3) -> str:
    """One Markdown section per dimension, headed ``{#<id>}``, with example and who says so."""
    return render(
        "dimension_sections.md",
        dimensions=dimensions,
        sources=sources,
        crosswalk=_crosswalk_by_dimension(crosswalk),
        href=href,
        hashes="#" * heading_depth,
    )


def render_crosswalk_table(dimensions, sources, crosswalk, href: Href) -> str:
    """Framework by framework, only the contrasts each one draws, in its own terms.

    A dimension x framework grid was mostly empty ("not drawn") and too wide for a phone; this
    lists, per framework (in data order), its rows in dimension order.
    """
    by_dim = _crosswalk_by_dimension(crosswalk)
    order = [d for d in dimensions if d.id in by_dim]
    frameworks: dict[str, list] = {}
    for row in crosswalk:
        frameworks.setdefault(row.source, [])
    cells = {(r.dimension, r.source): r for r in crosswalk}
    for source, rows in frameworks.items():
        rows.extend((d, cells[(d.id, source)]) for d in order if (d.id, source) in cells)
    return render(
        "crosswalk_table.html",
        frameworks=[(sources[s], rows) for s, rows in frameworks.items()],
        total=len(order),
        href=href,
    )


def style_credit(style, sources) -> str:
    """Where a style is taken from, in one line for the cheat sheet: its origin ("Lewin, Lippitt
    and White (1939, as democratic)"), each later work that renamed or restated it, and the work
    whose advice on it the guide uses when that is none of these ("as used by Goleman (2000)")."""
    o = style.origin
    parts = [f"{o.surnames} ({o.year}{f', as {o.term}' if o.term else ''})"]
    parts += [f"{r.surnames} ({r.year})" for r in style.renamed]
    named = {o.source, *(r.source for r in style.renamed)}
    if style.advice_from and style.advice_from not in named:
        parts.append(f"as used by {sources[style.advice_from].cite}")
    return "; ".join(parts)


def render_cheat_sheet(dimensions, styles, href: Href, sources) -> str:
    """One printable page: every dimension's two sides, and each style in a line; its print button
    needs print.js (no inline handler: the Content-Security-Policy allows none)."""
    href.needs_script("print.js")
    credits = {s.id: style_credit(s, sources) for s in styles}
    return render("cheat_sheet.html", dimensions=dimensions, styles=styles, sources=sources, credits=credits, href=href)
