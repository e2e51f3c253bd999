"""Search as people type it (issue 19): everyday phrasings find the playbook situation they mean,
short words match their stems, synonyms from data/search_synonyms.yaml, snippets that read as
text and never a whole table.

Browser checks drive Debian's Chromium through the real search (Material's worker with
workers/search-stem.js around it); the rest read the built site or the synonym loader.
"""

from __future__ import annotations

import json
import re

import pytest

from macros.data import DataError
from macros.search_synonyms import load_synonyms, phrase_key

from .conftest import ROOT, search

#: Situation id on the playbook page -> how a new manager might type it. Our own list: add the
#: phrasings of a new situation here when you add it to data/playbook.yaml.
PHRASINGS = {
    "one-to-ones": ["one to one", "one on one", "1:1", "1-1", "one-to-one", "ones", "how to run a 1:1"],
    "feedback": ["how to give feedback", "giving feedback", "feedback to a colleague"],
    "delegating": ["how to delegate", "delegating work", "hand off tasks"],
    "underperformance": ["someone is underperforming", "poor performance", "low performer"],
    "first-90-days": ["first 90 days", "first three months as a manager", "new manager first weeks"],
    "former-peers": ["managing former peers", "managing my friends", "promoted over my friends"],
    "psychological-safety": ["psychological safety", "afraid to speak up", "team afraid to admit mistakes"],
    "managing-up": ["managing up", "my boss", "working with my manager"],
    "prioritising": ["saying no", "prioritise my time"],
    "team-meetings": ["team meetings", "working agreement", "meeting norms"],
    "remote-hybrid": ["remote team", "hybrid team", "managing remotely"],
    "team-conflict": ["conflict in my team", "two people not getting on", "team conflict", "difficult conversation"],
    "burnout-wellbeing": ["burnout", "wellbeing"],
    "hiring": ["hiring", "interview questions", "structured interview"],
    "onboarding": ["onboarding a new hire", "new starter", "first day of a new employee"],
    "career-and-reviews": ["performance review", "career conversation", "annual review"],
    "setting-goals": ["setting goals", "smart goals", "goal setting"],
    "absence-and-leave": ["sick leave", "off sick", "return to work", "flexible working request", "fit note"],
    "misconduct-and-grievances": ["disciplinary", "misconduct", "grievance", "whistleblowing", "blow the whistle"],
}
#: Each must bring the one-to-ones section first: the issue's own examples.
ONE_TO_ONE = ["one to one", "one on one", "1:1", "1-1", "one-to-one"]
MARKS = "() => [...document.querySelectorAll('.md-search-result mark')].map(m => m.textContent)"
TEASERS = "() => [...document.querySelectorAll('.md-search-result__article')].map(a => a.innerText)"


def sections(links: list[str]) -> list[str]:
    """Result links to sections (page#id), best first, relative to the site root."""
    return [link.split("/field-guide/", 1)[-1].lstrip("./") for link in links if "#" in link]


@pytest.mark.browser
def test_everyday_phrasings_find_their_playbook_situation(new_page, served_site):
    page = new_page().page
    page.goto(served_site)
    misses = {}
    for situation, phrasings in PHRASINGS.items():
        for query in phrasings:
            found = sections(search(page, query))
            if f"playbook/#{situation}" not in found[:3]:
                misses[query] = found[:3]
            if query in ONE_TO_ONE and found[:1] != ["playbook/#one-to-ones"]:
                misses[query] = found[:3]
    assert not misses, misses


@pytest.mark.browser
def test_short_words_match_whole_words_only(new_page, served_site):
    """ "one to one": "to" is a stop word (not highlighted inside "told" or "top"), "one" matches
    its stem ("one", "ones"), and nothing is marked missing."""
    page = new_page().page
    page.goto(served_site)
    search(page, "one to one")
    marks = {m.lower() for m in page.evaluate(MARKS)}
    assert marks and all(re.fullmatch(r"ones?|meet(?:s|ings?)?", m) for m in marks), marks
    missing = page.locator(".md-search-result__terms").all_inner_texts()
    assert not any("one" in m for m in missing), missing


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height"), [(1280, 800), (390, 844)])
def test_snippets_read_as_text_and_are_never_a_whole_table(new_page, served_site, width, height):
    page = new_page(width=width, height=height).page
    for query in ("change vs stability", "coaching", "cheat sheet leading"):
        page.goto(served_site, wait_until="networkidle")
        page.keyboard.press("/")  # opens the search box at any width
        search(page, query)
        for teaser in page.evaluate(TEASERS):
            # an excerpt of about 48 words, plus the section title and the "Missing:" line
            assert len(teaser.split()) <= 75, f"{query}: a {len(teaser.split())}-word snippet: {teaser[:200]}"
            runs = re.search(r"\b(Leading|Managing)[A-Z][a-z]", teaser)
            assert not runs, f"{query}: label runs into text: {teaser[:200]}"


# --------------------------------------------------------------------------- the index and data
def test_index_drops_stop_words_before_stemming(built_site):
    """Stemming first turned "one" into "on", a stop word, and dropped it."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pipeline = index["config"]["pipeline"]
    assert pipeline.index("stopWordFilter") < pipeline.index("stemmer"), pipeline


def test_synonyms_are_published_for_the_search_worker(built_site):
    pairs = json.loads((built_site / "search" / "synonyms.json").read_text(encoding="utf-8"))
    table = dict(pairs)
    for typed in ("1:1", "1-1", "one on one", "one to one", "one-to-one"):
        assert phrase_key(table[phrase_key(typed)]) == "one to one meeting", typed
    lengths = [len(key.split()) for key, _ in pairs]
    assert lengths == sorted(lengths, reverse=True), "longest phrase first"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('- search: "x"\n  also: ["1:1", "one on one"]\n- search: "y"\n  also: ["1-1"]\n', "already a synonym"),
        ('- search: "x"\n  also: []\n', "field 'also'"),
        ('- search: "x"\n  also: ["1:1", "one on one", "1-1"]\n', "listed twice"),
        ('- search: "x"\n  also: [12]\n', "not a quoted phrase"),
        ('- search: "x"\n', "exactly the fields"),
    ],
)
def test_bad_synonyms_stop_the_build_with_one_line(tmp_path, text, problem):
    (tmp_path / "search_synonyms.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_synonyms(tmp_path)
    line = str(err.value)
    assert "\n" not in line and line.startswith("data/search_synonyms.yaml:") and problem in line, line


def test_real_synonyms_load():
    assert load_synonyms(ROOT / "data")
