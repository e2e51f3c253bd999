"""One answer per idea: the lead/manage tags agree across data files, and the content keeps its rules.

These tests read the real data. They assert relations between entries, never counts, so adding
an entry only fails them when it contradicts another one. A lean is the kind of work an entry
mostly serves (the guide's reading): "leading" and "managing" contradict each other; "both" and
"neither" contradict nothing.
"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.links import Linker
from macros.models import ANCHORED
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
#: must not tag the same idea the opposite way, whatever reason is given. (Other linked entries,
#: such as traits, may differ when the question says why in ``key_reason``: a question about too
#: much control may point to a trait that is its antidote.)
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


def linked_leans(links):
    """(kind, id, lean) for every linked entry that carries a lean (dimensions carry none)."""
    for kind in ANCHORED:
        for entry_id in getattr(links, kind, []):
            value = lean(kind, entry_id)
            if isinstance(value, str):
                yield kind, entry_id, value


def test_quiz_answers_agree_with_the_entries_they_link():
    """A key agrees with the lean of every entry its question links, traits included, unless the
    question states why it may differ (``key_reason``); a reason with nothing to explain is stale."""
    wrong = []
    for quiz, question, answer in choice_questions():
        clashes = [
            f"{kind}/{i} is {value}" for kind, i, value in linked_leans(question.links) if (answer, value) in OPPOSITE
        ]
        concepts = [c for c in clashes if c.split("/")[0] in CONCEPT_KINDS]
        if concepts or (clashes and not question.key_reason):
            wrong.append(
                f"{quiz.id}/{question.id} is {answer}, but {clashes}: fix the key or the link, or add key_reason"
            )
        if question.key_reason and not clashes:
            wrong.append(f"{quiz.id}/{question.id}: key_reason explains a clash that no longer exists")
    for quiz in DATA.quizzes:
        for statement in quiz.statements:
            for kind in ("practices", "playbook", "traits"):
                for entry_id in getattr(statement, kind):
                    if (statement.pole, lean(kind, entry_id)) in OPPOSITE:
                        wrong.append(f"{quiz.id}/{statement.id} is {statement.pole}, {kind}/{entry_id} is not")
    assert not wrong, wrong


#: Words that join two separate actions in a scene. If only "both" scenes used them, the key
#: could be guessed from the wording instead of the work.
SECOND_ACTION = re.compile(r"\b(?:also|as well|the same week|at the same time|then also)\b", re.I)


def test_both_is_not_told_by_a_second_action():
    """A "both" scene can be one action serving both kinds of work, and a scene with a second
    action can be one kind only: neither the joining words nor their absence gives the key away."""
    joined = {answer for _, question, answer in choice_questions() if SECOND_ACTION.search(question.prompt)}
    single = {answer for _, question, answer in choice_questions() if not SECOND_ACTION.search(question.prompt)}
    assert len(joined) >= 2, f"every scene with a second action is keyed {joined}"
    assert "both" in single, "no single-action scene is keyed both"


# --------------------------------------------------------------------------- one piece of advice
def habit_stances():
    """{habit key: [(who, 'for' | 'against'), …]} from the playbook, practices and statements."""
    stances: dict[str, list[tuple[str, str]]] = {}
    for section in DATA.playbook:
        for key in section.advises:
            stances.setdefault(key, []).append((f"playbook/{section.id}", "for"))
        for key in section.advises_against:
            stances.setdefault(key, []).append((f"playbook/{section.id}", "against"))
    for practice in DATA.practices:
        for key in practice.advises:
            stances.setdefault(key, []).append((f"practices/{practice.id}", "for"))
    for quiz in DATA.quizzes:
        for statement in quiz.statements:
            if statement.habit:
                side = "against" if statement.reverse else "for"
                stances.setdefault(statement.habit, []).append((f"{quiz.id}/{statement.id}", side))
    return stances


def test_no_habit_is_advised_both_ways():
    """A practice or a self-assessment statement never advises against what a playbook section
    advises, or the other way round: the data marks each one's habits, and a key with both
    stances is a contradiction between pages."""
    clashes = {key: who for key, who in habit_stances().items() if {side for _, side in who} == {"for", "against"}}
    assert not clashes, clashes


def test_habit_keys_are_the_playbooks():
    """The playbook owns the how-to, so it names the habits: a key only a practice or a statement
    uses would never meet its contradiction (a typo hides a clash)."""
    owned = {k for section in DATA.playbook for k in (*section.advises, *section.advises_against)}
    strays = {key: who for key, who in habit_stances().items() if key not in owned}
    assert not strays, strays


#: Facts the guide states in more than one place, each with the one figure it uses. A sentence
#: about the fact (it names the topic, or its entry does: the one-to-ones section) that gives a
#: figure must give this one. {fact: (topic, figure pattern, aliases, the figure)}
FREQUENCY = (
    r"\b(?:once|twice|three times|four times) a (?:week|month|quarter|year)\b"
    r"|\bevery (?:week|month|quarter|year|two weeks|few weeks|six months|two months)\b"
    r"|\b(?:weekly|fortnightly|monthly|quarterly|yearly|annually)\b"
)
DURATION = (
    r"\b(?:\d+|five|ten|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)[- ]minutes?\b"
    r"|\b(?:an|one|two|half an) hours?\b|\bhour-long\b"
)
RECURRING_FACTS = {
    "career-talk rhythm": (r"\bcareers?\b", FREQUENCY, {"quarterly": "once a quarter"}, "once a quarter"),
    "one-to-one length": (
        r"\bone-(?:to|on)-ones?\b",
        DURATION,
        {"hour-long": "an hour", "one hour": "an hour"},
        "an hour",
    ),
}


def prose_sentences():
    """(where, context, sentence) for every sentence of prose in the data and the pages; the
    context is the id and name of the entry the sentence belongs to (the file for a page)."""

    def strings(node, context):
        if isinstance(node, str):
            yield context, node
        elif isinstance(node, dict):
            if isinstance(node.get("id"), str):
                context = f"{node['id']} {node.get('name', '')}"
            for value in node.values():
                yield from strings(value, context)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value, context)

    files = sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "data").rglob("*.md"))
    files += sorted((ROOT / "docs").rglob("*.md"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT).as_posix()
        chunks = strings(list(yaml.safe_load_all(text)), rel) if path.suffix == ".yaml" else [(rel, text)]
        for context, chunk in chunks:
            for sentence in re.split(r"(?<=[.;!?])\s+|\n\s*\n", chunk):
                yield rel, context, " ".join(sentence.split())


@pytest.mark.parametrize("fact", sorted(RECURRING_FACTS))
def test_one_figure_per_recurring_fact(fact):
    topic, figure, aliases, decided = RECURRING_FACTS[fact]
    found: dict[str, list[str]] = {}
    for rel, context, sentence in prose_sentences():
        if re.search(topic, sentence, re.I) or re.search(topic, context, re.I):
            for match in re.finditer(figure, sentence, re.I):
                value = match.group(0).lower()
                found.setdefault(aliases.get(value, value), []).append(f"{rel} ({context.split()[0]}): {sentence[:90]}")
    assert decided in found, f"no sentence gives the {fact} any more: update RECURRING_FACTS"
    wrong = {value: where for value, where in found.items() if value != decided}
    assert not wrong, f"the guide gives the {fact} as {decided!r}; these differ: {wrong}"


#: Rhythms longer than the self-assessment's scale ("how often in your working week"): a habit
#: the playbook sets quarterly or monthly rates "rarely" for a manager who follows it.
LONGER_THAN_A_WEEK = re.compile(
    r"\b(?:quarter|quarterly|month|monthly|year|yearly|annual|annually|fortnight|fortnightly)s?\b", re.I
)


def test_self_assessment_statements_happen_in_a_week():
    """Every rated statement is a habit that can show up in an ordinary week."""
    wrong = [
        f"{quiz.id}/{s.id}: {s.text}"
        for quiz in DATA.quizzes
        for s in quiz.statements
        if LONGER_THAN_A_WEEK.search(s.text)
    ]
    assert not wrong, f"the scale asks about a working week; these name a longer rhythm: {wrong}"


#: Playbook sections whose own reading (lean_why) names the gap their problem usually starts
#: as: a sign whose first-linked section is one of them carries that gap.
SECTION_GAPS = {"team-conflict": "under-managed", "burnout-wellbeing": "under-managed"}
GAP_LEAN = {"under-managed": "managing", "under-led": "leading", "under-supported": "both"}


#: A sentence that names the leading part of a situation, and the words the one rule files elsewhere:
#: relations work (both) or reasons for what stays as it is (clarifying, so managing).
LEADING_PART = re.compile(
    r"[^.;]*\b(?:is|are)\s+(?:the\s+)?leading(?:\s+part|\s+work)?\b[^.;]*"
    r"|[^.;]*\bthe\s+leading\s+part\s+is\b[^.;]*",
    re.I,
)
ELSEWHERE = re.compile(
    r"\b(?:listen\w*|coach\w*|grow\w*|develop\w*|recognis\w*|consult\w*|encourag\w*|"
    r"support\w*|reasons?|purpose|explain\w*)\b",
    re.I,
)
CHANGE = re.compile(r"\b(?:chang\w*|new|somewhere|direction)\b", re.I)


def test_the_leading_part_of_a_situation_follows_the_one_rule():
    """Where a playbook section names its leading part, that part is change work: not relations
    work (which counts for both) and not the reason for work that stays as it is (clarifying)."""
    wrong = []
    for entry in DATA.playbook:
        for sentence in LEADING_PART.findall(entry.lean_why or ""):
            if ELSEWHERE.search(sentence) and not CHANGE.search(sentence):
                wrong.append(f"playbook/{entry.id}: {sentence.strip()}")
    assert not wrong, wrong


def test_a_signs_gap_agrees_with_its_playbook_section():
    """A sign's gap is not the opposite of the lean of the section it sends readers to first,
    nor of the reading that section gives of where its problem starts."""
    wrong = []
    for sign in DATA.collections["signs"]:
        first = sign.playbook[0]
        if (GAP_LEAN[sign.gap], lean("playbook", first)) in OPPOSITE:
            wrong.append(f"signs/{sign.id} is {sign.gap}, playbook/{first} is {lean('playbook', first)}")
        if SECTION_GAPS.get(first, sign.gap) != sign.gap:
            wrong.append(f"signs/{sign.id} is {sign.gap}, playbook/{first} reads it as {SECTION_GAPS[first]}")
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
