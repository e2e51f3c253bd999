"""One answer per idea: the lead/manage tags agree across data files, and the content keeps its rules.

These tests read the real data. They assert relations between entries, never counts, so adding
an entry only fails them when it contradicts another one. A lean is the kind of work an entry
mostly serves (the guide's reading): "leading" and "managing" contradict each other; "both" and
"neither" contradict nothing.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.links import Linker
from macros.render_styles import render_situation_guide, render_situational_model, render_style_sections

from .conftest import ROOT

DATA = load_site_data(ROOT / "data", ROOT)
OPPOSITE = {("leading", "managing"), ("managing", "leading")}

#: Site-wide decisions on ideas that more than one file tags. An entry whose id contains the key
#: (a style, a level, a situation, a practice, a principle, a trait, a quiz question …) must carry
#: this lean wherever it carries one: delegating and coaching are both kinds of work, and a new
#: or inexperienced team needs both (mainly managing structure, plus the leading work of why).
CONCEPTS = {"delegat": "both", "coach": "both", "new-team": "both"}

#: Kinds whose entries stand for an idea; a quiz answer or a situation that links one of them
#: must not tag the same idea the opposite way. (Trait links are left out on purpose: a question
#: about too much control may point to a trait that is its antidote.)
CONCEPT_KINDS = ("styles", "practices", "principles", "situational")

#: The pages whose prose this branch of the content owns: they must not hard-code data counts
#: or carry notes for contributors.
READER_PAGES = (
    "index.md",
    "leading-vs-managing.md",
    "cheat-sheet.md",
    "sources.md",
    "about/index.md",
    "styles/index.md",
    "styles/which-style-when.md",
)
NUMBER_WORDS = dict(
    enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
)


def lean(kind: str, entry_id: str) -> str | None:
    return getattr(DATA.collections[kind][entry_id], "lean", None)


def lean_tagged():
    """(kind, entry) for every entry in every collection that carries a lean."""
    for kind, collection in DATA.collections.items():
        for entry in collection:
            if isinstance(getattr(entry, "lean", None), str):
                yield kind, entry


def choice_questions():
    """(quiz, question, answer) for questions answered leading, managing or both."""
    for quiz in DATA.quizzes:
        for question in quiz.questions:
            if {o.id for o in question.options} <= {"leading", "managing", "both"}:
                yield quiz, question, next(o.id for o in question.options if o.correct)


# --------------------------------------------------------------------------- one answer per idea
def test_the_same_id_in_two_files_has_no_opposite_leans():
    """A trait and a style that share an id (Visionary) are one idea: one lean."""
    seen: dict[str, list[tuple[str, str]]] = {}
    for kind, entry in lean_tagged():
        seen.setdefault(entry.id, []).append((kind, entry.lean))
    clashes = {i: tags for i, tags in seen.items() if any((a[1], b[1]) in OPPOSITE for a in tags for b in tags)}
    assert not clashes, clashes


@pytest.mark.parametrize("key", sorted(CONCEPTS))
def test_decided_ideas_carry_the_decided_lean_everywhere(key):
    wrong = [
        f"{kind}/{entry.id}: {entry.lean}"
        for kind, entry in lean_tagged()
        if key in entry.id and entry.lean != CONCEPTS[key]
    ]
    wrong += [
        f"quiz {quiz.id}/{question.id}: {answer}"
        for quiz, question, answer in choice_questions()
        if key in question.id and answer != CONCEPTS[key]
    ]
    assert not wrong, f"'{key}' is decided as {CONCEPTS[key]!r} site-wide: {wrong}"


def test_quiz_answers_agree_with_the_entries_they_link():
    wrong = []
    for quiz, question, answer in choice_questions():
        for kind in CONCEPT_KINDS:
            for entry_id in getattr(question.links, kind):
                if (answer, lean(kind, entry_id)) in OPPOSITE:
                    wrong.append(f"{quiz.id}/{question.id} is {answer}, {kind}/{entry_id} is {lean(kind, entry_id)}")
    for quiz in DATA.quizzes:
        for statement in quiz.statements:
            for entry_id in statement.practices:
                if (statement.pole, lean("practices", entry_id)) in OPPOSITE:
                    wrong.append(f"{quiz.id}/{statement.id} is {statement.pole}, practice {entry_id} is not")
    assert not wrong, wrong


def test_situations_agree_with_their_level_and_their_styles():
    wrong = []
    for situation in DATA.situations:
        if situation.situational and (situation.lean, lean("situational", situation.situational)) in OPPOSITE:
            wrong.append(f"{situation.id} is {situation.lean}, level {situation.situational} is not")
        if all((situation.lean, lean("styles", s)) in OPPOSITE for s in situation.fits):
            wrong.append(f"{situation.id} is {situation.lean}, but every style that fits it is the opposite")
    for level in DATA.situational:
        if level.styles and all((level.lean, lean("styles", s)) in OPPOSITE for s in level.styles):
            wrong.append(f"level {level.id} is {level.lean}, but every style mapped to it is the opposite")
    assert not wrong, wrong


def test_no_style_is_the_opposite_of_every_trait_it_draws_on():
    wrong = [s.id for s in DATA.styles if all((s.lean, lean("traits", t)) in OPPOSITE for t in s.traits)]
    assert not wrong, wrong


# --------------------------------------------------------------------------- cited as published
def test_frameworks_come_first():
    """A practitioner article, above all an anonymous one, never leads a dimension's citations
    when a published framework is cited for it, and every framework the crosswalk credits with a
    dimension is cited by that dimension."""
    sources = DATA.sources
    wrong = []
    for d in DATA.dimensions:
        kinds = [sources[s].kind for s in d.sources]
        if any(k != "practitioner-article" for k in kinds) and kinds[0] == "practitioner-article":
            wrong.append(f"{d.id}: starts with {d.sources[0]}")
        if sources[d.sources[0]].label and "anonymous" in sources[d.sources[0]].label.lower():
            wrong.append(f"{d.id}: an anonymous post is its first citation")
    for row in DATA.crosswalk:
        if row.source not in DATA.dimensions[row.dimension].sources:
            wrong.append(f"crosswalk credits {row.source} with {row.dimension}, which does not cite it")
    assert not wrong, wrong


def test_styles_cite_every_work_that_named_them():
    """Origin and later names link to sources: each is also in the style's sources (the sources
    page lists it there), and a later name is later than the origin."""
    wrong = []
    for style in DATA.styles:
        for named in (style.origin, *style.renamed):
            if named.source not in style.sources:
                wrong.append(f"{style.id}: {named.source} not in sources")
        for later in style.renamed:
            if later.year < style.origin.year or not later.term:
                wrong.append(f"{style.id}: later name {later.term!r} ({later.year}) before the origin or unnamed")
    assert not wrong, wrong


def test_how_it_differs_notes_come_in_pairs():
    pairs = {(s.id, d.style) for s in DATA.styles for d in s.distinct_from}
    assert all(a != b for a, b in pairs)
    missing = sorted((b, a) for a, b in pairs if (b, a) not in pairs)
    assert not missing, f"add the note on the other side too: {missing}"


def test_the_situational_model_carries_no_slii_labels():
    """Hersey and Blanchard's levels and Blanchard's SLII are different models: never mixed."""
    slii = re.compile(r"\bSLII\b|\bD[1-4]\b|\b(?:Directing|Supporting|development level)\b", re.I)
    wrong = [
        f"{level.id}.{field}"
        for level in DATA.situational
        for field in ("name", "readiness", "behaviour", "summary")
        if slii.search(getattr(level, field))
    ]
    assert not wrong, wrong


# --------------------------------------------------------------------------- judgement marked
def test_every_lean_on_the_styles_pages_is_marked_as_our_reading():
    pages = {
        "styles": render_style_sections(DATA.styles, DATA.traits, DATA.sources, Linker("styles/")),
        "guide": render_situation_guide(DATA.situations, DATA.styles, DATA.situational, Linker("styles/x/")),
    }
    for name, html in pages.items():
        page = BeautifulSoup(html, "html.parser")
        for badge in page.select(".lvm-lean"):
            label = badge.find_parent("dd").find_previous_sibling("dt").get_text()
            assert "our reading" in label, (name, label)
        for label in ("Styles that fit", "Styles to avoid"):
            for dt in page.find_all("dt", string=re.compile(label)):
                assert "our reading" in dt.get_text(), (name, dt.get_text())
    model = BeautifulSoup(
        render_situational_model(DATA.situational, DATA.styles, DATA.sources, Linker("styles/x/")), "html.parser"
    )
    heads = [th.get_text() for th in model.select("thead th")]
    assert [h for h in heads if "styles" in h.lower() or "work" in h.lower()] and all(
        "our reading" in h for h in heads if "styles" in h.lower() or "work" in h.lower()
    ), heads


# --------------------------------------------------------------------------- reader pages
@pytest.mark.parametrize("rel", READER_PAGES)
def test_reader_pages_hard_code_no_data_counts(rel):
    """Counts come from the data: "ten styles" goes stale when someone adds an eleventh."""
    text = (ROOT / "docs" / rel).read_text(encoding="utf-8").lower()
    nouns = {
        "styles": ("styles", "leadership styles"),
        "dimensions": ("dimensions", "contrasts"),
        "traits": ("traits", "characteristics"),
        "situations": ("situations",),
        "situational": ("levels",),
        "sources": ("sources",),
    }
    found = []
    for kind, words in nouns.items():
        n = len(DATA.collections[kind])
        for number in (str(n), NUMBER_WORDS.get(n, str(n))):
            for word in words:
                if re.search(rf"\b{number}\s+(?:\w+\s+)?{word}\b", text):
                    found.append(f"{number} {word}")
    assert not found, f"{rel}: {found}"


@pytest.mark.parametrize("rel", READER_PAGES)
def test_reader_pages_carry_no_contributor_notes(rel):
    text = (ROOT / "docs" / rel).read_text(encoding="utf-8")
    notes = re.compile(r"\bYAML\b|edit the data|pull request|data/\w+\.yaml|only as images?\b", re.I)
    assert not notes.findall(text), f"{rel}: move contributor notes to about/contributing.md"
