"""The sources page: every source, with back-links to where it is cited."""

from __future__ import annotations

from dataclasses import dataclass

from .render import Href, render

#: Collections whose entries cite sources, with the label shown in back-links.
CITING = {
    "dimensions": "Leading vs managing",
    "crosswalk": "Crosswalk",
    "principles": "Principles",
    "practices": "Balancing practices",
    "roles": "Roles",
    "traits": "Trait glossary",
    "styles": "Leadership styles",
    "situational": "Situational model",
    "situations": "Which style when",
    "playbook": "New manager's playbook",
}


@dataclass(frozen=True)
class Citation:
    kind: str
    entry_id: str
    name: str


def _cited_ids(record) -> set[str]:
    ids = set(getattr(record, "sources", ()) or ())
    for attr in ("source",):
        value = getattr(record, attr, None)
        if isinstance(value, str):
            ids.add(value)
    for attr in ("origin", "climate"):
        nested = getattr(record, attr, None)
        if nested is not None and getattr(nested, "source", None):
            ids.add(nested.source)
    return ids


def collect_citations(site) -> dict[str, list[Citation]]:
    """source id -> where it is cited (in site order)."""
    out: dict[str, list[Citation]] = {s.id: [] for s in site.sources}
    for kind in CITING:
        for record in site.collections[kind]:
            for sid in sorted(_cited_ids(record)):
                if kind == "crosswalk":
                    citation = Citation("dimensions", record.dimension, site.dimensions[record.dimension].name)
                else:
                    citation = Citation(kind, record.id, record.name)
                if citation not in out[sid]:
                    out[sid].append(citation)
    return out


def render_sources(sources, citations: dict[str, list[Citation]], href: Href) -> str:
    """One section per source (``{#<id>}``) with its details and where the site cites it."""
    kinds = {
        "research": "Research",
        "book": "Book",
        "essay": "Essay",
        "practitioner-article": "Practitioner article",
        "guidance": "Official guidance",
    }
    return render("sources.md", sources=sources, citations=citations, labels=CITING, kinds=kinds, href=href)
