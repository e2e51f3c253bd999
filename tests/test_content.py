"""The built site carries every entry with its anchor, the open data, edit links and the cheat sheet."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup

from macros.links import PAGES, page_url
from macros.models import ANCHORED, KINDS

from .conftest import FIXTURES, ROOT, html_pages, page_url_of, real_data

DATA = real_data()


def ids_in(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


@pytest.mark.build
@pytest.mark.parametrize("kind", ANCHORED)
def test_every_entry_has_its_anchor_on_its_page(built_site, kind):
    page = built_site / page_url(PAGES[kind]) / "index.html"
    ids = ids_in(page)
    missing = [e.id for e in DATA.collections[kind] if e.id not in ids]
    assert not missing, f"{kind} without an anchor on {page_url(PAGES[kind])}: {missing}"
    aliases = [a for e in DATA.collections[kind] for a in e.aliases if a not in ids]
    assert not aliases, aliases


# Lodhi's lists, as the article prints them: every name stays a trait in its tier (new traits may
# be added; none of these may go).
LODHI_KEY = (
    "Accessible, Active-Listener, Adaptable, Collaborative, Continuously Learning, Customer-Obsessed, "
    "Decisive, Domain Experience, Empathetic, Employee-Obsessed, Ethical, Inclusive, Innovative, "
    "Passionate, People Developer, Resilient, Results-Oriented, Self-Aware, Strong Business Acumen, "
    "Strong Communicator, Strategic, Technically Astute, Transparent, Trustworthy, Visionary"
).split(", ")
LODHI_BONUS = (
    "Assertive, Attentive, Authentic, Charismatic, Communicative, Courageous, Creative, Cultural "
    "Competence, Curious, Emotional Intelligence, Flexibility, Focused, High Standards, Humility, "
    "Inspirational, Optimistic, Reflective, Respectful, Risk-Taker, Roll-Up Sleeves, Supportive, Self-Care"
).split(", ")


@pytest.mark.build
def test_content_counts():
    tiers = {t.name: t.tier for t in DATA.traits}
    assert all(tiers.get(name) == "key" for name in LODHI_KEY), "every key trait of Lodhi's list"
    assert all(tiers.get(name) == "bonus" for name in LODHI_BONUS), "every bonus trait of Lodhi's list"
    assert len(DATA.styles) >= 10  # the seed's styles (ids are for ever); new ones may join
    assert DATA.principles and DATA.practices
    assert {r.id for r in DATA.roles} >= {
        "manager",
        "senior-manager",
        "people-manager",
        "it-operations-manager",
        "leader",
    }
    assert "first-line-manager" in DATA.roles["manager"].aliases, "the old id keeps working"
    assert len(DATA.dimensions) >= 14


def seed_traits() -> dict[str, str]:
    """The seed articles' traits, ``{id: name}`` (tests/fixtures/seed_traits.txt)."""
    lines = (FIXTURES / "seed_traits.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip() and not line.startswith("#"))


SEED_STYLES = (
    "visionary",
    "coaching",
    "affiliative",
    "democratic",
    "pacesetting",
    "commanding",
    "transformational",
    "transactional",
    "servant",
    "laissez-faire",
)
SEED_PRINCIPLES = ("set-direction", "align-and-inspire", "empower-and-delegate", "serve-and-remove-obstacles")
SEED_ROLES = ("first-line-manager", "senior-manager", "people-manager", "it-operations-manager", "leader")


def test_the_seed_content_is_all_there():
    """What the seed articles name stays (as an entry, or an alias of one); new entries are welcome."""
    seed = seed_traits()
    assert len(seed) == 47, "tests/fixtures/seed_traits.txt: the seed names 47 traits; never delete a line"
    seeds = {"traits": seed, "styles": SEED_STYLES, "principles": SEED_PRINCIPLES, "roles": SEED_ROLES}
    for kind, ids in seeds.items():
        known = {i for e in DATA.collections[kind] for i in (e.id, *e.aliases)}
        missing = [i for i in ids if i not in known]
        assert not missing, f"{kind} of the seed missing from data/{kind}.yaml: {missing}"
    names = {t.name.casefold() for t in DATA.traits}
    renamed = [n for n in seed.values() if n.casefold() not in names]
    assert not renamed, f"seed trait names no longer on the site: {renamed}"


def test_every_entry_is_complete_and_every_reference_resolves():
    """Structure, whatever the counts: every trait has every required field filled, both tiers are used,
    every role leans on every dimension, the crosswalk covers every dimension, and every id a
    trait names (related, distinct_from, principles, sources) is an entry."""
    ids = {
        kind: {i for e in DATA.collections[kind] for i in (e.id, *e.aliases)}
        for kind in ("traits", "principles", "sources")
    }
    for trait in DATA.traits:
        for field, info in type(trait).model_fields.items():
            if info.is_required():
                assert getattr(trait, field) not in (None, "", [], {}), f"trait {trait.id}: empty {field}"
        for field, kind in (("related", "traits"), ("distinct_from", "traits"), ("principles", "principles")):
            for ref in getattr(trait, field):
                ref = getattr(ref, "trait", ref)  # distinct_from entries: {trait, note}
                assert ref in ids[kind], f"trait {trait.id}: {field} {ref!r} is not an id in data/{kind}.yaml"
        for ref in trait.sources:
            ref_id = getattr(ref, "id", ref)
            assert ref_id in ids["sources"], f"trait {trait.id}: source {ref_id!r} unknown"
    assert {t.tier for t in DATA.traits} == {"key", "bonus"}
    for role in DATA.roles:
        assert set(role.leans) == {d.id for d in DATA.dimensions}, f"{role.id}: a lean for every dimension"
    assert {d.id for d in DATA.dimensions} == {c.dimension for c in DATA.crosswalk}, "crosswalk covers all"


@pytest.mark.build
def test_named_systems_are_marked_as_named_only(built_site):
    """Lodhi's systems are images in the source: the site must say so, never list their parts."""
    systems = [s for r in DATA.roles for s in r.systems]
    assert len(systems) >= 6
    assert all(not s.described_in_source for s in systems)
    html = (built_site / "roles" / "index.html").read_text(encoding="utf-8")
    assert html.count("named only; its parts are not listed in the source") == len(systems)
    assert "23 Operational Management Steady-State" in html or "Steady-State" in html


@pytest.mark.build
def test_open_data_is_published_and_valid(built_site):
    index = json.loads((built_site / "data" / "index.json").read_text(encoding="utf-8"))
    assert index["licence"]["name"] == "CC BY-SA 4.0"
    for name, entry in index["files"].items():
        data = json.loads((built_site / entry["data"]).read_text(encoding="utf-8"))
        schema = json.loads((built_site / entry["schema"]).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator(schema).validate(data)
        checked_in = json.loads((ROOT / entry["schema"]).read_text(encoding="utf-8"))
        assert schema == checked_in, f"{name}: published schema differs from schemas/"
    traits = json.loads((built_site / "data" / "traits.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in traits] == [t.id for t in DATA.traits.entries], "every trait, in data order"


@pytest.mark.build
def test_every_page_has_a_working_edit_link(built_site):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo = re.search(r"^repo_url: (\S+)", config, re.M).group(1).rstrip("/")
    edit_uri = re.search(r"^edit_uri: (\S+)", config, re.M).group(1)
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue
        link = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("a[rel=edit]")
        assert link is not None, page
        data_edit = f"{repo}/{edit_uri.removesuffix('docs/')}data/"
        data_tree = data_edit.replace("/edit/", "/tree/", 1)  # a folder of entry files (data/traits/)
        if link["href"].startswith((data_edit, data_tree)):  # a generated page: its data (see the next test)
            src = "data/" + link["href"].removeprefix(data_edit).removeprefix(data_tree)
            assert (ROOT / src).exists(), f"{page_url_of(built_site, page)}: edit link to missing {src}"
            continue
        assert link["href"].startswith(f"{repo}/{edit_uri}"), link["href"]
        src = link["href"][len(f"{repo}/{edit_uri}") :]
        assert (ROOT / "docs" / src).is_file(), f"{page_url_of(built_site, page)}: edit link to missing {src}"


@pytest.mark.build
def test_generated_pages_link_to_the_data_files_to_edit(built_site):
    """On a generated page the edit button opens its main YAML file (where its entries are), and no
    contributor note shows to readers; a prose page's button opens its Markdown."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    repo = re.search(r"^repo_url: (\S+)", config, re.M).group(1).rstrip("/")
    edit_uri = re.search(r"^edit_uri: (\S+)", config, re.M).group(1)
    data_edit = f"{repo}/{edit_uri.removesuffix('docs/')}"
    expected = {
        "traits/index.html": {KINDS["traits"].data_file()},  # data/traits.yaml, or the folder data/traits/
        "styles/index.html": {KINDS["styles"].data_file()},
        "leading-vs-managing/index.html": {KINDS["dimensions"].data_file()},
        "quizzes/self-assessment/index.html": {"data/quizzes/self-assessment.yaml"},
    }
    docs_edit = f"{repo}/{edit_uri}"
    for page in html_pages(built_site):
        rel = page.relative_to(built_site).as_posix()
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        button = doc.select_one("a.md-content__button[href]")
        if rel in expected:
            # A generated page's edit button opens its main data file, which exists.
            assert button is not None, f"{rel}: no edit button"
            # A folder of entry files (data/traits/) opens as GitHub's listing of the folder.
            base = data_edit.replace("/edit/", "/tree/", 1) if button["href"].endswith("/") else data_edit
            path = button["href"][len(base) :]
            assert button["href"].startswith(base) and path in expected[rel], (rel, button["href"])
            assert (ROOT / path).exists(), f"{rel}: edit link to missing {path}"
        assert not doc.select(".lvm-edit-data"), f"{rel}: a contributor note on a reader page"
    about = BeautifulSoup((built_site / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.select_one("a.md-content__button")["href"] == docs_edit + "about/index.md"  # prose: the page


@pytest.mark.build
def test_schemas_are_up_to_date():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "scripts/export_schemas.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_cheat_sheet_prints_on_one_page(new_page, served_site, paper):
    watch = new_page()
    watch.page.goto(served_site + "cheat-sheet/", wait_until="networkidle")
    pdf = watch.page.pdf(format=paper, print_background=False)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 1, f"the cheat sheet prints on {pages} {paper} pages"


# --------------------------------------------------------------------------- one answer per idea
#: The site-wide answers (issue 13): delegating and coaching are both leading and managing work;
#: a new or inexperienced team needs both, mostly managing. Every entry that stands for one of
#: these ideas must carry that lean, whichever file it lives in.
DECIDED = {
    "delegating": ("both", [("principles", "empower-and-delegate"), ("practices", "delegate-when-necessary")]),
    "coaching": ("both", [("traits", "people-developer"), ("traits", "supportive")]),
    "caring for people is manager work too": ("both", [("traits", "employee-obsessed"), ("roles", "people-manager")]),
    "choosing the mix for the context": ("both", [("practices", "recognise-the-context")]),
}


@pytest.mark.parametrize("idea", sorted(DECIDED))
def test_one_answer_per_idea_across_data_files(idea):
    lean, entries = DECIDED[idea]
    found = {(kind, eid): DATA.collections[kind][eid].lean for kind, eid in entries if eid in DATA.collections[kind]}
    assert found, f"{idea}: none of its entries exist any more; update DECIDED"
    wrong = {key: value for key, value in found.items() if value != lean}
    assert not wrong, f"{idea} is '{lean}' site-wide, but: {wrong}"


def test_a_new_team_gets_structure_and_the_reasons_why():
    """The one answer for a new or inexperienced team: managing structure plus explaining why."""
    steps = " ".join(DATA.practices["recognise-the-context"].how).lower()
    assert "new or inexperienced team" in steps and "structure" in steps and "why" in steps


def test_a_how_to_is_written_once_and_linked():
    """A principle that delegates points to the practice holding the full how-to, not a copy."""
    how_tos = [p for p in DATA.practices if "delegat" in p.id]
    assert len(how_tos) == 1, "one full delegation how-to"
    for principle in DATA.principles:
        if "delegat" in " ".join(principle.steps).lower():
            assert how_tos[0].id in principle.practices, principle.id


# --------------------------------------------------------------------------- near-duplicate traits
NEAR_DUPLICATES = [
    ("adaptable", "flexibility"),
    ("resilient", "optimistic"),
    ("active-listener", "attentive"),
    ("people-developer", "employee-obsessed"),
    ("people-developer", "supportive"),
    ("employee-obsessed", "supportive"),
    ("transparent", "communicative"),
    ("strong-communicator", "communicative"),
    ("innovative", "creative"),
    ("empathetic", "emotional-intelligence"),
    ("visionary", "inspirational"),
]


def test_near_duplicate_traits_say_how_they_differ_both_ways():
    notes = {(t.id, d.trait) for t in DATA.traits for d in t.distinct_from}
    missing = [(a, b) for a, b in NEAR_DUPLICATES for pair in ((a, b), (b, a)) if pair not in notes]
    assert not missing, f"a 'how it differs' note is missing for {missing}"
    one_way = sorted((a, b) for a, b in notes if (b, a) not in notes)
    assert not one_way, f"a 'how it differs' note needs its mirror on the other trait: {one_way}"
    behaviours = {}
    for t in DATA.traits:
        for b in t.behaviours:
            assert b not in behaviours, f"{t.id} repeats a behaviour of {behaviours[b]}"
            behaviours[b] = t.id


#: What Project Oxygen's 2018 list of ten manager behaviours says, by the trait that cites it. Cite
#: it for a new trait only by adding the list item it supports here.
OXYGEN_2018 = {
    "active-listener": "is a good communicator: listens and shares information",
    "communicative": "is a good communicator: listens and shares information",
    "transparent": "is a good communicator: listens and shares information",
    "strong-communicator": "is a good communicator",
    "people-developer": "is a good coach; supports career development and discusses performance",
    "supportive": "creates an inclusive team environment, showing concern for success and well-being",
    "employee-obsessed": "creates an inclusive team environment, showing concern for success and well-being",
    "inclusive": "creates an inclusive team environment",
    "results-oriented": "is productive and results-oriented",
    "strategic": "has a clear vision and strategy for the team",
    "visionary": "has a clear vision and strategy for the team",
    "technically-astute": "has key technical skills to help advise the team",
    "collaborative": "collaborates across the company",
    "decisive": "is a strong decision maker",
}


def test_project_oxygen_is_cited_only_for_what_its_list_says():
    citing = {t.id for t in DATA.traits if "project-oxygen" in t.sources}
    assert citing <= set(OXYGEN_2018), f"no item of the 2018 list supports: {sorted(citing - set(OXYGEN_2018))}"


@pytest.mark.build
def test_our_reading_is_marked_as_ours(built_site):
    """Leans and examples are the guide's judgement; the pages say so next to each one."""

    def entries(kind, selector):
        page = BeautifulSoup(
            (built_site / page_url(PAGES[kind]) / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        return [e.get_text(" ") for e in page.select(selector)]

    traits = entries("traits", ".lvm-trait")
    assert len(traits) == len(DATA.traits)
    for label in ("Lean (our reading)", "What it looks like (our examples)", "Why this lean (our reading)"):
        assert all(label in t for t in traits), label
    roles = entries("roles", ".lvm-role")
    assert len(roles) == len(DATA.roles) and all("Typical lean (our reading)" in r for r in roles)
    principles = entries("principles", ".lvm-principle, .lvm-practice")
    assert len(principles) == len(DATA.principles) + len(DATA.practices)
    assert all("Lean (our reading)" in p for p in principles)


NUMBER_WORDS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))


@pytest.mark.parametrize(
    ("page", "kind", "noun"),
    [
        ("traits.md", "traits", r"(traits|characteristics)"),
        ("roles.md", "roles", "roles"),
        ("principles.md", "principles", "principles"),
        ("principles.md", "practices", "practices"),
    ],
)
def test_pages_do_not_hard_code_entry_counts(page, kind, noun):
    """A new entry must not make the prose wrong: counts come from the data."""
    n = len(DATA.collections[kind])
    words = {str(n), NUMBER_WORDS.get(n, str(n))}
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    for word in words:
        found = re.search(rf"\b{word}\s+(\w+\s+)?{noun}\b", text, re.I)
        assert not found or "Lodhi" in text[max(0, found.start() - 80) : found.start()], (page, found.group(0))


def test_every_trait_cites_the_list_it_comes_from():
    """Lodhi's article is the source of every trait's name; other sources back the lean."""
    missing = [t.id for t in DATA.traits if t.tier in ("key", "bonus") and "lodhi-linkedin" not in t.sources]
    assert not missing, missing
