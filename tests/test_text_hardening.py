"""Text stays text: no data value can become page structure, whatever it holds.

The page's Markdown extensions run over the whole page, generated HTML included, so a text field
that held a fenced block with an attribute list, an attribute list, a table, an admonition, a
snippet marker, a definition or a blank line could add ids, classes and data-* attributes or pull
in a file. The loader refuses every such value with one short line (file:line, entry, field, what
it would build), in both shapes (a YAML list, a Markdown file per entry); names and other
one-line fields refuse line breaks. The last test runs the checker on all of it at once in a
subprocess under time and memory limits, like tests/test_data_hardening.py.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys

import pytest

from macros.data import load_site_data
from macros.models import block_markup

from . import hardening
from .conftest import ROOT
from .hardening import MINIMAL, SHORT, edit, limits, short_only
from .test_entries import convert

data_dir = hardening.data_dir  # the shared fixture: a fresh copy of the minimal data

VISIONARY_DEFINITION = "Sees a future worth working towards and describes it clearly."

#: (what a contributor might paste, the words the refusal uses). Each is multi-line where that is
#: what makes it structure; YAML's `|` block keeps the line breaks.
BLOCKS = {
    "fence-with-attributes": ("Before.\n``` {#evil .md-button data-md-component=x}\ncode\n```", "fenced block"),
    "tilde-fence": ("Before.\n~~~\ncode\n~~~", "fenced block"),
    "attribute-list": ("Plain words {: #evil data-md-component=search }", "attribute list"),
    "inline-attributes": ("A *word*{ .md-button } here", "attribute list"),
    "key-value-attributes": ("A word{ data-x=1 } here", "attribute list"),
    "html-comment": ("Before <!-- hidden --> after", "HTML markup"),
    "raw-html": ('<span id="evil">x</span>', "HTML markup"),
    "table": ("Before.\n| a | b |\n|---|---|\n| 1 | 2 |", "table row"),
    "heading": ("Before.\n## Injected { #evil }", "fenced block|attribute list|heading"),
    "blank-line": ("First paragraph.\n\nSecond paragraph.", "blank line"),
    "admonition": ("Before.\n!!! note\n    inside", "admonition"),
    "details": ("Before.\n??? note\n    inside", "admonition"),
    "snippet": ("Before.\n--8<-- 'LICENSE'", "snippet|HTML markup"),
    "snippet-inline": ("see ;--8<-- 'README.md'", "snippet|HTML markup"),
    "abbreviation": ("Before.\n*[HTML]: Hyper Text", "definition"),
    "footnote": ("Before.\n[^1]: a note", "definition"),
    "link-definition": ("Before.\n[x]: https://example.com", "definition"),
    "definition-list": ("Term\n: meaning", "definition list"),
    "indented-code": ("Before.\n    code", "indented code"),
    "tabs": ('Before.\n=== "Tab"\n    inside', "admonition"),
}


def yaml_block(text: str, indent: str = "    ") -> str:
    return "|-\n" + "\n".join(indent + line if line else "" for line in text.split("\n"))


def test_every_hostile_block_is_recognised():
    for name, (text, words) in BLOCKS.items():
        if "HTML" in words:
            continue  # refused earlier, as markup
        assert block_markup(text), name


@pytest.mark.parametrize("case", sorted(BLOCKS))
def test_a_text_field_in_yaml_refuses_structure(data_dir, case):
    text, words = BLOCKS[case]
    edit(data_dir / "traits.yaml", f"definition: {VISIONARY_DEFINITION}", f"definition: {yaml_block(text)}")
    line = short_only(data_dir)
    assert line.startswith("data/traits.yaml:") and "entry 'visionary', field 'definition'" in line, line
    assert any(w in line for w in words.split("|")), line


@pytest.mark.parametrize("case", sorted(BLOCKS))
def test_a_section_in_markdown_refuses_structure(data_dir, case):
    if case == "indented-code":
        pytest.skip("in a section an indented line continues the paragraph (it is text, as CommonMark reads it)")
    convert(data_dir, "traits")
    text, words = BLOCKS[case]
    path = data_dir / "traits" / "visionary.md"
    edit(path, VISIONARY_DEFINITION, text)
    line = short_only(data_dir)
    assert line.startswith("data/traits/visionary.md:") and "entry 'visionary'" in line, line
    assert "field 'definition'" in line or "heading" in line or "section" in line, line


@pytest.mark.parametrize(
    "value",
    ['"Visionary\\nLeader"', '"Visionary\\r"', "|-\n    Visionary\n    Leader", ">\n    Visionary\n\n    Leader"],
)
def test_a_name_is_one_line(data_dir, value):
    edit(data_dir / "traits.yaml", "name: Visionary", f"name: {value}")
    line = short_only(data_dir)
    assert line.startswith("data/traits.yaml:") and "entry 'visionary', field 'name'" in line, line
    assert "one line" in line or "blank line" in line or "control character" in line, line


def test_a_name_in_front_matter_is_one_line(data_dir):
    convert(data_dir, "traits")
    edit(data_dir / "traits" / "visionary.md", "name: Visionary", 'name: "Visionary\\n## Injected"')
    line = short_only(data_dir)
    assert line.startswith("data/traits/visionary.md:") and "entry 'visionary', field 'name'" in line, line


def test_one_line_fields_across_kinds(data_dir):
    """Titles, authors, short phrases and quiz labels are one line too, not names only."""
    edit(data_dir / "dimensions.yaml", "leading: Takes chances", 'leading: "Takes\\nchances"')
    line = short_only(data_dir)
    assert "field 'leading'" in line and "one line" in line


def test_inline_markdown_and_braces_stay_allowed(data_dir):
    text = "Sees a *future* worth [working towards](https://example.com) {and} says so: 10 | 20."
    edit(data_dir / "traits.yaml", f"definition: {VISIONARY_DEFINITION}", f"definition: '{text}'")
    assert load_site_data(data_dir, data_dir.parent).traits["visionary"].definition == text


# --------------------------------------------------------------------------- the checker, bounded
def test_the_checker_refuses_hostile_text_quickly_within_limits(tmp_path):
    """Every class at once, YAML and Markdown shapes: one short line per problem file, in seconds
    of CPU time, under 1 GiB of address space, no traceback."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    convert(target, "traits", "styles")
    fence = BLOCKS["fence-with-attributes"][0]
    edit(target / "dimensions.yaml", "name: Risk", 'name: "Risk\\n{ #evil }"')
    edit(target / "sources.yaml", "title: ", "title: " + yaml_block(BLOCKS["snippet"][0]) + "\n  x_title: ")
    edit(target / "traits" / "visionary.md", VISIONARY_DEFINITION, fence + "\n" + "x " * 50_000)
    style = next((target / "styles").glob("*.md"))
    style.write_text(style.read_text(encoding="utf-8") + "\n## Injected\n\n| a |\n" * 2000, encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "macros.data", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limits if os.name == "posix" else None,  # noqa: PLW1509 (no threads here)
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 15
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(len(line) < SHORT for line in lines), max(lines, key=len)[:300]
    for name in ("data/dimensions.yaml", "data/sources.yaml", "data/traits/visionary.md", f"data/styles/{style.name}"):
        assert any(line.startswith(name) for line in lines), (name, lines)
    assert len(result.stderr) < 10_000
