"""The sources page: every source, with back-links to where it is cited."""

from __future__ import annotations

from dataclasses import dataclass

from .data import references_of
from .models import KINDS
from .render import Href, render


@dataclass(frozen=True)
class Citation:
    kind: str
    entry_id: str
    name: str


def collect_citations(site) -> dict[str, list[Citation]]:
    """source id -> where it is cited, in site order: every entry of every kind whose model
    declares a reference to sources (a ``SourceId`` field, at any depth). An entry without an id
    of its own is cited as the entry it is part of (a crosswalk row: its dimension)."""
    out: dict[str, list[Citation]] = {s.id: [] for s in site.sources}
    for name, kind in KINDS.items():
        if name == "sources" or name not in site.collections:
            continue
        for record in site.collections[name]:
            cited = sorted({sid for _path, sid in references_of(record, "sources")})
            if not cited:
                continue
            if kind.part_of:  # cited as the entry it belongs to
                owner = KINDS[kind.owner_kind()]
                entry = site.collections[owner.name][getattr(record, kind.part_of)]
                citation = Citation(owner.name, entry.id, owner.entry_name(entry))
            else:
                citation = Citation(name, record.id, kind.entry_name(record))
            for sid in cited:
                if citation not in out[sid]:
                    out[sid].append(citation)
    return out


def render_sources(sources, citations: dict[str, list[Citation]], href: Href) -> str:
    """One section per source (``{#<id>}``) with its details and where the site cites it."""
    labels = {name: kind.label for name, kind in KINDS.items()}
    return render("sources.md", sources=sources, citations=citations, kind_labels=labels, href=href)
