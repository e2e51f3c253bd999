"""The data layer: every kind of bad input stops with one clear line naming file, entry and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data import DataError, load_site_data
from macros.models import COLLECTIONS, KINDS

from .conftest import MINIMAL, ROOT


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_site_data(data_dir, data_dir.parent)
    return info.value.problems


def only(data_dir: Path) -> str:
    found = problems(data_dir)
    assert len(found) == 1, found
    return found[0]


def test_fixture_is_valid():
    site = load_site_data(MINIMAL, MINIMAL.parent)
    assert "visionary" in site.traits and len(site.quizzes) == 2


def test_real_data_is_valid(site_data):
    """The real data loads (the session's one real-data fixture) and no collection is empty."""
    empty = [kind for kind, entries in site_data.collections.items() if not list(entries)]
    assert not empty, empty


def test_yaml_syntax_error_names_line(data_dir):
    (data_dir / "practices.yaml").write_text("- id: x\n  name: [unclosed\n")
    line = only(data_dir)
    assert line.startswith("data/practices.yaml:") and "YAML syntax error" in line


def test_empty_file(data_dir):
    (data_dir / "crosswalk.yaml").write_text("# nothing here\n")
    assert only(data_dir) == "data/crosswalk.yaml: the file is empty; it must hold at least one entry"


def test_missing_file(data_dir):
    (data_dir / "situations.yaml").unlink()
    assert "data/situations.yaml: file missing" in only(data_dir)


def test_not_a_list(data_dir):
    (data_dir / "sources.yaml").write_text("id: kotter-1990\n")
    assert "must be a YAML list" in only(data_dir)


def test_missing_required_field(data_dir):
    edit(data_dir / "traits.yaml", "  overuse: Avoids hard decisions.\n", "")
    assert only(data_dir) == "data/traits.yaml:11: entry 'empathetic', field 'overuse': missing required field"


def test_wrong_type(data_dir):
    edit(data_dir / "sources.yaml", "year: 2000", "year: '2000'")
    line = only(data_dir)
    assert line.startswith("data/sources.yaml:11: entry 'goleman-2000', field 'year':")
    assert "valid integer" in line and "'2000'" in line


def test_wrong_enum_value(data_dir):
    edit(data_dir / "traits.yaml", "tier: key", "tier: gold")
    line = only(data_dir)
    assert "entry 'visionary', field 'tier'" in line and "'key' or 'bonus'" in line


def test_unknown_or_misspelt_key(data_dir):
    edit(data_dir / "traits.yaml", "  lean: both\n", "  lean: both\n  defintion: extra\n")
    line = only(data_dir)
    assert "entry 'empathetic', field 'defintion': unknown field (did you mean 'definition'?)" in line


def test_duplicate_id(data_dir):
    edit(data_dir / "dimensions.yaml", "id: risk", "id: change-vs-stability")
    found = problems(data_dir)
    assert any("data/dimensions.yaml:9: entry 'change-vs-stability', field 'id': duplicate id" in p for p in found)


def test_duplicate_alias_collides_with_id(data_dir):
    edit(data_dir / "dimensions.yaml", "  name: Risk\n", "  name: Risk\n  aliases: [change-vs-stability]\n")
    assert "duplicate id 'change-vs-stability'" in only(data_dir)


def test_id_shared_by_two_kinds_on_one_page(data_dir):
    """Signs and playbook situations share the playbook page, so they share its anchors."""
    edit(data_dir / "signs.yaml", "- id: silence", "- id: managing-up")
    line = only(data_dir)
    assert line.startswith("data/signs.yaml:") and "entry 'managing-up', field 'id'" in line
    assert "also playbook entry 'managing-up'" in line and "same page (playbook.md)" in line


def test_duplicate_yaml_key(data_dir):
    edit(data_dir / "traits.yaml", "  lean: both\n", "  lean: both\n  lean: leading\n")
    line = only(data_dir)
    assert line.startswith("data/traits.yaml:")
    assert "duplicate key 'lean'" in line and "first at line" in line


def test_dangling_reference(data_dir):
    edit(data_dir / "traits.yaml", "related: [visionary]", "related: [visionery]")
    line = only(data_dir)
    assert "entry 'empathetic', field 'related[0]': 'visionery' is not an id in data/traits.yaml" in line
    assert "did you mean 'visionary'" in line


def test_dangling_reference_in_mapping_key(data_dir):
    edit(data_dir / "roles.yaml", "risk: both", "rsk: both")
    assert "field 'leans.rsk': 'rsk' is not an id in data/dimensions.yaml" in only(data_dir)


def test_dangling_reference_in_quiz(data_dir):
    edit(data_dir / "quizzes" / "mini.yaml", "dimensions: [risk]", "dimensions: [nope]")
    line = only(data_dir)
    assert line.startswith("data/quizzes/mini.yaml")
    assert "field 'questions[0].links.dimensions[0]': 'nope' is not an id" in line


@pytest.mark.parametrize(
    "value", ["Sees <b>a</b> future.", "Click <script>alert(1)</script>", "See javascript:alert(1)"]
)
def test_markup_in_plain_text(data_dir, value):
    edit(data_dir / "traits.yaml", "Sees a future worth working towards and describes it clearly.", value)
    line = only(data_dir)
    assert "entry 'visionary', field 'definition': must be plain text" in line


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,hi", "//evil.example"])
def test_url_must_be_http(data_dir, url):
    edit(data_dir / "sources.yaml", "url: https://hbr.org/2001/12/what-leaders-really-do", f"url: '{url}'")
    line = only(data_dir)
    assert "entry 'kotter-1990', field 'url':" in line and "only http:// or https:// URLs" in line


def test_bad_slug(data_dir):
    edit(data_dir / "dimensions.yaml", "id: risk", "id: Risk Taking")
    assert "is not a slug" in only(data_dir)


def test_quiz_without_correct_answer(data_dir):
    edit(data_dir / "quizzes" / "mini.yaml", "correct: true", "correct: false")
    line = only(data_dir)
    assert line.startswith("data/quizzes/mini.yaml") and "has no correct option" in line


def test_single_choice_with_two_correct(data_dir):
    edit(data_dir / "quizzes" / "mini.yaml", "text: Managing}", "text: Managing, correct: true}")
    assert "is single-choice but marks several options correct" in only(data_dir)


def test_quiz_id_matches_file_name(data_dir):
    edit(data_dir / "quizzes" / "mini.yaml", "id: mini", "id: other")
    assert "must equal the file name 'mini'" in only(data_dir)


def test_every_collection_has_a_model_and_file():
    for name in COLLECTIONS:
        in_markdown = KINDS[name].in_markdown(ROOT / "data")  # a folder of entry files (macros/entries.py)
        assert (ROOT / "data" / f"{name}.yaml").exists() != in_markdown, name
