"""Entries written as Markdown files (macros/entries.py, scripts/to_markdown.py).

The minimal fixture is kept in the YAML shape; each test converts a copy with the script, so the
same fixture proves both shapes give the same records, and then breaks one thing in one entry
file: the loader must stop with one line naming file:line, entry and field.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros.data import DataError, load_site_data
from macros.entries import ORDER, README, check_sections, entry_markdown, parse_entry
from macros.models import KINDS

from .conftest import MINIMAL, ROOT

MARKDOWN_KINDS = [name for name, kind in KINDS.items() if kind.sections]


def convert(data_dir: Path, *kinds: str) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import to_markdown
    finally:
        sys.path.pop(0)
    assert to_markdown.run(data_dir, list(kinds)) == 0


@pytest.fixture()
def md_dir(tmp_path: Path) -> Path:
    """The minimal fixture with every kind that has sections converted to Markdown files."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    convert(target)
    return target


def dump(site) -> dict:
    return {name: [r.model_dump(mode="json") for r in coll] for name, coll in site.collections.items()}


def problems(data_dir: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_site_data(data_dir, data_dir.parent)
    return info.value.problems


def only(data_dir: Path) -> str:
    found = problems(data_dir)
    assert len(found) == 1, found
    assert "\n" not in found[0] and "Traceback" not in found[0]
    return found[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- the registry
@pytest.mark.parametrize("name", MARKDOWN_KINDS)
def test_declared_sections_are_fields_of_the_model(name):
    assert check_sections(KINDS[name]) == []


def test_the_prose_kinds_have_sections_and_the_data_files_do_not():
    for name in ("dimensions", "principles", "practices", "roles", "traits", "styles", "playbook"):
        assert KINDS[name].sections, name
    for name in ("sources", "crosswalk", "situational", "signs", "managerial_roles", "quizzes"):
        assert not KINDS[name].sections, name


# --------------------------------------------------------------------------- both shapes, one result
def test_both_shapes_give_the_same_records(md_dir):
    as_yaml = load_site_data(MINIMAL, MINIMAL.parent)
    as_markdown = load_site_data(md_dir, md_dir.parent)
    assert dump(as_markdown) == dump(as_yaml)  # every word, id, alias and field, in the same order
    for name in MARKDOWN_KINDS:
        assert not (md_dir / f"{name}.yaml").exists()
        assert (md_dir / name / README).is_file()
        ids = {p.stem for p in (md_dir / name).glob("*.md")} - {"README"}
        assert ids == {r.id for r in as_yaml.collections[name]}


def test_the_real_data_converts_without_loss(tmp_path):
    """Whatever shape data/ is in, converting what is still YAML loses nothing."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    before = load_site_data(target, ROOT)
    convert(target)
    assert dump(load_site_data(target, ROOT)) == dump(before)


def test_the_converter_is_re_runnable_and_refuses_two_shapes(md_dir, tmp_path):
    again = subprocess.run(
        [sys.executable, "scripts/to_markdown.py", "--data", str(md_dir)], cwd=ROOT, capture_output=True, text=True
    )
    assert again.returncode == 0 and "already Markdown" in again.stdout
    shutil.copy2(MINIMAL / "traits.yaml", md_dir / "traits.yaml")
    both = subprocess.run(
        [sys.executable, "scripts/to_markdown.py", "--data", str(md_dir), "traits"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert both.returncode == 1 and "delete one" in both.stderr
    assert "keep one shape" in only(md_dir)


def test_the_converter_refuses_a_field_it_cannot_place(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    traits = yaml.safe_load((target / "traits.yaml").read_text(encoding="utf-8"))
    traits[0]["limits"] = "a field the model does not have"
    (target / "traits.yaml").write_text(yaml.safe_dump(traits, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "scripts/to_markdown.py", "--data", str(target)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("to_markdown: data/traits.yaml: entry ") and "'limits'" in line
    assert (target / "traits.yaml").exists() and not (target / "traits").exists(), "nothing written"


def test_a_new_front_matter_field_lands_in_the_front_matter():
    """A field a model gains later (not a section) is written to the front matter and read back."""
    kind = KINDS["traits"]
    raw = yaml.safe_load((MINIMAL / "traits.yaml").read_text(encoding="utf-8"))[0]
    text = entry_markdown(kind, raw, 10)
    found: list[str] = []
    parsed = parse_entry(text, "x.md", kind, raw["id"], found)
    assert parsed is not None, found
    back = dict(parsed[0])
    assert back.pop(ORDER) == 10 and back == raw


# --------------------------------------------------------------------------- one line per problem
def trait(md_dir: Path) -> Path:
    return md_dir / "traits" / "empathetic.md"


def test_a_missing_section(md_dir):
    path = trait(md_dir)
    text = path.read_text(encoding="utf-8")
    start = text.index("## Overuse")
    end = text.index("##", start + 3)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert only(md_dir) == (
        "data/traits/empathetic.md: entry 'empathetic', field 'overuse': missing the section '## Overuse' "
        "(a required field)"
    )


def test_an_unknown_section(md_dir):
    edit(trait(md_dir), "## Overuse", "## Overdone")
    line = only(md_dir)
    assert line.startswith("data/traits/empathetic.md:") and "entry 'empathetic'" in line
    assert "unknown section '## Overdone'" in line and "'## Overuse'" in line


def test_a_section_out_of_order(md_dir):
    path = trait(md_dir)
    text = path.read_text(encoding="utf-8")
    start = text.index("## Behaviours")
    end = text.index("## Overuse")
    over_end = text.find("\n## ", end + 3)
    over_end = len(text) if over_end < 0 else over_end + 1
    path.write_text(text[:start] + text[end:over_end] + text[start:end] + text[over_end:], encoding="utf-8")
    line = only(md_dir)
    assert line.startswith("data/traits/empathetic.md:") and "field 'behaviours'" in line and "out of order" in line


def test_a_section_field_in_the_front_matter(md_dir):
    edit(trait(md_dir), "tier: key\n", "tier: key\noveruse: Too much.\n")
    line = only(md_dir)
    assert line.startswith("data/traits/empathetic.md:") and "field 'overuse'" in line
    assert "not a front-matter field: write it under ## Overuse" in line


def test_a_wrong_front_matter_field(md_dir):
    edit(trait(md_dir), "tier: key\n", "tier: key\ntire: bonus\n")
    line = only(md_dir)
    assert line.startswith("data/traits/empathetic.md:") and "entry 'empathetic', field 'tire': unknown field" in line
    edit(trait(md_dir), "tire: bonus\n", "")
    edit(trait(md_dir), "tier: key\n", "tier: gold\n")
    line = only(md_dir)
    assert "entry 'empathetic', field 'tier'" in line and "gold" in line


def test_a_file_not_named_by_its_id(md_dir):
    trait(md_dir).rename(md_dir / "traits" / "empathic.md")
    line = only(md_dir)
    assert line.startswith("data/traits/empathic.md:") and "field 'id'" in line and "empathic.md" in line


def test_a_missing_order_and_a_file_that_is_not_an_entry(md_dir):
    text = trait(md_dir).read_text(encoding="utf-8")
    order_line = next(line for line in text.splitlines() if line.startswith("order:"))
    edit(trait(md_dir), order_line + "\n", "")
    assert "field 'order': missing" in only(md_dir)
    edit(trait(md_dir), "tier: key\n", f"tier: key\n{order_line}\n")
    (md_dir / "traits" / "notes.txt").write_text("x", encoding="utf-8")
    assert only(md_dir).startswith("data/traits/notes.txt: not an entry")


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ("### Why", "a heading (###) inside an entry"),
        ("<div id='x'>hi</div>", "raw HTML is not allowed"),
        ("<!-- note -->", "raw HTML is not allowed"),
        ("{: #evil .md-button }", "attribute list"),
        ("``` {#evil data-md-component=x}", "fenced block"),
        ("| a | b |", "table row"),
        ("!!! note", "admonition"),
        ("[x]: https://example.com", "definition"),
        ("*[HTML]: Hyper Text", "definition"),
        ("--8<-- 'LICENSE'", "snippet"),
        ("- a list in a paragraph", "one paragraph, not a list"),
    ],
)
def test_structure_in_a_section_is_refused(md_dir, payload, expected):
    edit(trait(md_dir), "## Overuse\n\n", f"## Overuse\n\n{payload}\n")
    line = only(md_dir)
    assert line.startswith("data/traits/empathetic.md:") and "entry 'empathetic', field 'overuse'" in line
    assert expected in line, line


def test_inline_markdown_in_a_section_is_text(md_dir):
    edit(trait(md_dir), "## Overuse\n\n", "## Overuse\n\nWith *emphasis* and a [link](https://example.com).\n")
    site = load_site_data(md_dir, md_dir.parent)
    assert site.traits["empathetic"].overuse.startswith("With *emphasis* and a [link](https://example.com). ")


def test_two_new_entries_need_no_shared_line(md_dir):
    """A new entry is one new file: two of them with the same order are listed by id."""
    source = trait(md_dir).read_text(encoding="utf-8")
    for new in ("zeta-trait", "alpha-trait"):
        text = source.replace("id: empathetic", f"id: {new}").replace("name: Empathetic", f"name: {new.title()}")
        text = "\n".join("order: 5000" if line.startswith("order:") else line for line in text.split("\n"))
        (md_dir / "traits" / f"{new}.md").write_text(text, encoding="utf-8")
    site = load_site_data(md_dir, md_dir.parent)
    assert [t.id for t in site.traits][-2:] == ["alpha-trait", "zeta-trait"]


def test_the_contributing_template_for_a_new_trait_loads(tmp_path):
    """CONTRIBUTING's template, copied to data/traits/patient.md as it stands, is a valid trait."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index("```markdown\n", text.index("<!-- template: new trait")) + len("```markdown\n")
    template = text[start : text.index("\n```\n", start) + 1]
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    convert(target, "traits")
    (target / "traits" / "patient.md").write_text(template, encoding="utf-8")
    site = load_site_data(target, ROOT)
    assert site.traits["patient"].distinct_from[0].trait == "reflective"
