"""The registry of kinds of entry (macros.models.KINDS) and the checks derived from it.

Every kind is one record; a kind that lacks its data file, model, renderer, template or page
fails here, loudly, by name. Anchors on a page are checked in the loader, with the same one
short line (file:line, entry, field) as every other data error.
"""

from __future__ import annotations

import importlib
import re
import shutil
from pathlib import Path
from typing import get_args

import pytest

from macros import models, search_synonyms
from macros.data import DataError, load_site_data, page_anchors, references_of
from macros.links import PAGES, Linker
from macros.models import ANCHORED, COLLECTIONS, KINDS, QuizLinks, Record
from macros.render import LABELS, TEMPLATES

from .conftest import MINIMAL, ROOT


# --------------------------------------------------------------------------- the registry is complete
@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_has_its_data_file_model_renderer_template_and_page(name):
    kind = KINDS[name]
    assert kind.name == name
    assert isinstance(kind.model, type) and issubclass(kind.model, Record), f"{name}: model is not a Record"
    data = ROOT / "data" / name if kind.one_file_per_entry else ROOT / kind.data_file()
    assert data.exists(), f"{name}: no {data.relative_to(ROOT)} (every kind has its data file)"
    module = importlib.import_module(f"macros.{kind.renderer}")
    assert any(n.startswith("render_") for n in vars(module)), f"{name}: macros/{kind.renderer}.py renders nothing"
    assert (TEMPLATES / kind.template).is_file(), f"{name}: no macros/templates/{kind.template}"
    assert kind.template.split(".")[0] in (ROOT / "macros" / f"{kind.renderer}.py").read_text(encoding="utf-8"), (
        f"{name}: macros/{kind.renderer}.py does not use its template {kind.template}"
    )
    entries = load_site_data(ROOT / "data", ROOT).collections[name]
    assert len(entries), f"{name}: no entries"
    page = kind.page_of(getattr(next(iter(entries)), "id", None))
    assert (ROOT / "docs" / page).is_file(), f"{name}: no page docs/{page}"


def test_every_data_file_is_a_kind():
    """A data file the registry does not know would be silently ignored: refuse it."""
    known = {f"{name}.yaml" for name in COLLECTIONS} | {k.name for k in KINDS.values() if k.one_file_per_entry}
    known.add(search_synonyms.FILE)  # not entries: the search's synonym map (macros/search_synonyms.py)
    known |= {k.name for k in KINDS.values() if k.sections}  # a folder of Markdown entry files
    stray = sorted(p.name for p in (ROOT / "data").iterdir() if p.name not in known and not p.name.startswith("."))
    assert not stray, f"data/ holds {stray}: declare each kind in macros/models.py KINDS"


def test_every_page_of_an_anchored_kind_calls_a_macro():
    for name in ANCHORED:
        text = (ROOT / "docs" / KINDS[name].page).read_text(encoding="utf-8")
        assert "{{" in text, f"docs/{KINDS[name].page} shows {name} but calls no macro"


def test_derived_lists_follow_the_registry():
    from macros import _modules
    from macros.render_quiz import LINK_KINDS

    assert set(PAGES) == set(KINDS)
    assert list(LINK_KINDS) == list(ANCHORED) == list(QuizLinks.model_fields)
    assert {k.renderer for k in KINDS.values()} <= set(_modules(KINDS))
    assert set(COLLECTIONS) == {n for n, k in KINDS.items() if not k.one_file_per_entry}


def test_a_new_kind_is_picked_up_everywhere(monkeypatch):
    """What the recipe in CONTRIBUTING promises: one registry record and the kind is linked,
    quiz-linkable and checked, with nothing else listed again."""

    class Widget(models.Entry):
        name: str

    kind = models.Kind(
        name="widgets", model=Widget, page="widgets.md", label="Widgets", renderer="render_widgets", template="w.md"
    )
    monkeypatch.setitem(KINDS, "widgets", kind)
    assert Linker("traits/")("widgets", "w") == "../widgets/#w"
    assert kind.anchors(Widget(id="w", name="W", aliases=["old-w"])) == [("w", "id"), ("old-w", "aliases[0]")]


# --------------------------------------------------------------------------- labels and references
def test_every_closed_value_has_one_label():
    """Each value a model allows in a closed list reads the same everywhere: one label, in render.LABELS."""

    def values(model, field):
        return set(get_args(model.model_fields[field].annotation))

    assert set(get_args(models.StyleLean)) == set(LABELS["lean"])
    assert values(models.Trait, "tier") == set(LABELS["tier"])
    assert values(models.Climate, "effect") == set(LABELS["climate"])
    assert values(models.Source, "kind") == set(LABELS["source_kind"])
    assert values(models.Statement, "pole") == set(LABELS["pole"])


def test_citations_come_from_the_declared_reference_fields():
    site = load_site_data(MINIMAL, MINIMAL.parent)
    style = next(iter(site.styles))
    found = references_of(style, "sources")
    paths = {path for path, _ in found}
    assert "origin.source" in paths and any(p.startswith("sources[") for p in paths)


# --------------------------------------------------------------------------- anchors, checked in the loader
@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The minimal data beside a docs/ folder with one page per kind (headings of their own)."""
    shutil.copytree(MINIMAL, tmp_path / "data")
    for kind in KINDS.values():
        if "{id}" not in kind.page:
            page = tmp_path / "docs" / kind.page
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(f"# {kind.label}\n\n## About this page\n\n{{{{ macro() }}}}\n", encoding="utf-8")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def only_problem(project: Path) -> str:
    with pytest.raises(DataError) as info:
        load_site_data(project / "data", project)
    assert len(info.value.problems) == 1, info.value.problems
    line = info.value.problems[0]
    assert "\n" not in line and "Traceback" not in line
    return line


def test_the_project_fixture_is_clean(project):
    load_site_data(project / "data", project)


def test_an_id_equal_to_another_kinds_id_on_the_same_page(project):
    edit(project / "data" / "situations.yaml", "- id: crisis\n", "- id: crisis\n  aliases: [s1-telling]\n")
    line = only_problem(project)
    assert line.startswith("data/situations.yaml:")
    assert "entry 'crisis', field 'aliases[0]': anchor 's1-telling' is also situational entry 's1-telling'" in line
    assert "styles/which-style-when.md" in line


def test_an_id_equal_to_a_docs_heading_on_its_page(project):
    edit(project / "data" / "roles.yaml", "name: Leader", "name: Leader\n  aliases: [about-this-page]")
    line = only_problem(project)
    assert line.startswith("data/roles.yaml:") and "field 'aliases[0]': anchor 'about-this-page'" in line
    assert "the heading 'About this page' at docs/roles.md:3" in line


def test_an_id_equal_to_an_explicit_heading_id_or_html_id(project):
    page = project / "docs" / "principles.md"
    page.write_text(page.read_text() + "\n## Steps { #recognise-the-context }\n", encoding="utf-8")
    assert "anchor 'recognise-the-context' is also the heading" in only_problem(project)
    page.write_text('# P\n\n<div id="set-direction"></div>\n', encoding="utf-8")
    assert "anchor 'set-direction' is also the element with id=\"set-direction\" at docs/principles.md:3" in (
        only_problem(project)
    )


def test_an_id_equal_to_a_glossary_letter_anchor(project):
    edit(project / "data" / "traits.yaml", "- id: visionary\n", "- id: visionary\n  aliases: [letter-e]\n")
    line = only_problem(project)
    assert "entry 'visionary', field 'aliases[0]': anchor 'letter-e' is also a heading the page makes" in line


def test_an_id_equal_to_a_comparison_row_anchor(project):
    edit(project / "data" / "dimensions.yaml", "id: risk", "id: vs-change-vs-stability")
    found = []
    with pytest.raises(DataError) as info:
        load_site_data(project / "data", project)
    found = [p for p in info.value.problems if "anchor 'vs-change-vs-stability'" in p]
    assert found and found[0].startswith("data/dimensions.yaml:")


def test_two_statements_sharing_a_link_key(project, monkeypatch):
    monkeypatch.setattr("macros.data.statement_key", lambda sid: "abcdef" if sid in ("s-one", "s-two") else sid)
    line = only_problem(project)
    assert line.startswith("data/quizzes/mini-self.yaml:10: entry 'mini-self', field 'statements[1].id'")
    assert "share the link key 'abcdef'" in line


def test_docs_headings_become_anchors_as_toc_makes_them(tmp_path):
    page = tmp_path / "p.md"
    page.write_text(
        "# Title\n\n## What's new? { #news .x }\n\n```\n## not a heading\n```\n\n### Más allá\n\n## {{ macro() }}\n",
        encoding="utf-8",
    )
    assert set(page_anchors(page)) == {"title", "news", "mas-alla"}


def test_the_real_pages_have_no_anchor_clash():
    load_site_data(ROOT / "data", ROOT, ROOT / "docs")


def test_counts_in_prose_come_from_the_data():
    from macros.render import in_words

    assert [in_words(n) for n in (0, 1, 10, 15, 20, 21, 47)] == ["no", "one", "ten", "fifteen", "twenty", "21", "47"]
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"(?i)\b(the )?(four|five|ten|fifteen) (styles|traits|principles|roles|dimensions)\b", nav)


# --------------------------------------------------------------------------- what pages load
@pytest.mark.build
def test_each_page_loads_the_scripts_its_renderers_asked_for_and_no_other(built_site):
    """One rule: a renderer names the script on the page's link context, main.html loads it."""
    from bs4 import BeautifulSoup

    from .conftest import html_pages

    needs = {
        "quiz-start.js": "[data-lvm-quiz]",
        "quiz-choice.js": '[data-lvm-quiz][data-kind="choice"]',
        "self-assessment.js": '[data-lvm-quiz][data-kind="self"]',
        "glossary-filter.js": "[data-lvm-glossary-filter]",
        "print.js": "[data-lvm-print]",
    }
    seen = dict.fromkeys(needs, 0)
    for page in html_pages(built_site):
        doc = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        ours = [s["src"].rsplit("/", 1)[-1] for s in doc.select("article ~ script[src], .md-content script[src]")]
        for script, marker in needs.items():
            wanted = bool(doc.select_one(marker))
            assert ours.count(script) == int(wanted), f"{page.relative_to(built_site)}: {script} {ours}"
            seen[script] += wanted
    assert all(seen.values()), seen
