"""Careless or hostile data: every case stops in seconds with one short line naming file, line,
entry and field; nothing is echoed whole, nothing hangs, no traceback.

The tests follow tests/test_data.py: copy the minimal fixture, break one thing, read the problems.
The last test runs the checker itself, on a directory of every hostile case at once, in a
subprocess with a time and a memory limit, so a regression fails CI instead of hanging it.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time

import pytest

from macros.data import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, load_site_data
from macros.models import MAX_TEXT

from . import hardening
from .conftest import ROOT
from .hardening import MINIMAL, SHORT, edit, limits, problems, short_only

data_dir = hardening.data_dir  # the shared fixture: a fresh copy of the minimal data

VISIONARY_DEFINITION = "Sees a future worth working towards and describes it clearly."


# --------------------------------------------------------------------------- YAML that expands
BILLION_LAUGHS = """\
- &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
- &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
- &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
- &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
- &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
- &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
- &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
- &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_aliases_are_refused_before_they_expand(data_dir):
    (data_dir / "practices.yaml").write_text(BILLION_LAUGHS, encoding="utf-8")
    start = time.process_time()
    found = problems(data_dir)
    assert time.process_time() - start < 5
    assert found[0] == (
        "data/practices.yaml:1: entry #1: anchors (&name) and aliases (*name) are not allowed: write the value out"
    )
    assert all(len(p) < SHORT for p in found) and len(found) <= 25


def test_an_alias_inside_an_entry_names_entry_and_field(data_dir):
    edit(data_dir / "traits.yaml", "  related: [visionary]", "  related: &r [visionary]\n  principles: *r")
    found = problems(data_dir)
    assert found[0] == (
        "data/traits.yaml:17: entry 'empathetic', field 'related': "
        "anchors (&name) and aliases (*name) are not allowed: write the value out"
    )


def test_merge_keys_are_refused(data_dir):
    edit(data_dir / "traits.yaml", "  lean: both\n", "  lean: both\n  <<: {tier: bonus}\n")
    line = short_only(data_dir)
    assert line.startswith("data/traits.yaml:")
    assert "entry 'empathetic'" in line and "merge keys (<<) are not allowed" in line


def test_file_size_is_capped(data_dir):
    path = data_dir / "practices.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "#" * (MAX_FILE_BYTES + 1), encoding="utf-8")
    line = short_only(data_dir)
    assert line.startswith("data/practices.yaml: the file is ") and "bytes; at most" in line


def test_long_text_is_bounded_and_not_echoed(data_dir):
    edit(data_dir / "traits.yaml", VISIONARY_DEFINITION, ("Sees far. " * 30_000).strip() + "!")  # 300 KB
    start = time.process_time()
    line = short_only(data_dir)
    assert time.process_time() - start < 5
    assert line.startswith("data/traits.yaml:4: entry 'visionary', field 'definition': value 'Sees far.")
    assert f"is 300,000 characters long; at most {MAX_TEXT:,} are allowed" in line


def test_text_just_over_the_model_bound_is_refused(data_dir):
    edit(data_dir / "traits.yaml", VISIONARY_DEFINITION, "x" * (MAX_TEXT + 1))
    assert "entry 'visionary', field 'definition'" in short_only(data_dir)


def test_a_wrong_value_is_echoed_as_a_short_excerpt(data_dir):
    edit(data_dir / "traits.yaml", "tier: key", f"tier: {'gold' * 400}")
    line = short_only(data_dir)
    assert "entry 'visionary', field 'tier'" in line and "'key' or 'bonus'" in line and "..." in line


def test_the_number_of_values_is_capped(data_dir):
    (data_dir / "practices.yaml").write_text("- a\n" * (MAX_NODES + 1), encoding="utf-8")
    start = time.process_time()
    line = short_only(data_dir)
    assert time.process_time() - start < 5
    assert line.startswith("data/practices.yaml:") and f"more than {MAX_NODES:,} values; split it" in line


# --------------------------------------------------------------------------- unexpected YAML values
def test_impossible_date(data_dir):
    edit(
        data_dir / "sources.yaml",
        "  kind: research\n",
        "  kind: research\n  checked: 2024-02-30\n",
    )
    assert short_only(data_dir) == (
        "data/sources.yaml:8: entry 'kotter-1990', field 'checked': "
        "'2024-02-30' is not a real date (YYYY-MM-DD, a day that exists)"
    )


@pytest.mark.parametrize(
    "value",
    [
        "!!int 1990",
        "!!float 1990",
        "!!timestamp 2001-12-14",
        "!!binary aGVsbG8=",
        "!!str 1990",
        "!!python/object/apply:os.system ['echo hi']",
        "!!python/name:os.system",
        "!custom x",
    ],
)
def test_explicit_tags_are_refused(data_dir, value):
    edit(data_dir / "sources.yaml", "year: 1990", f"year: {value}")
    line = short_only(data_dir)
    assert line.startswith("data/sources.yaml:4: entry 'kotter-1990', field 'year': explicit tags (")
    assert "are not allowed" in line


@pytest.mark.parametrize("key", ["1", "true", "null", "2024-01-01", "1.5"])
def test_mapping_keys_must_be_text(data_dir, key):
    edit(data_dir / "traits.yaml", "  lean: both\n", f"  lean: both\n  {key}: x\n")
    line = short_only(data_dir)
    assert line.startswith("data/traits.yaml:")
    assert "entry 'empathetic'" in line and "keys must be text (quote it)" in line


def test_complex_mapping_keys_are_refused(data_dir):
    edit(data_dir / "traits.yaml", "  lean: both\n", "  lean: both\n  ? [a, b]\n  : x\n")
    line = short_only(data_dir)
    assert "entry 'empathetic'" in line and "a key must be a name, not a list or mapping" in line


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 200_000])
def test_pathological_nesting(data_dir, depth):
    deep = "[" * depth + "]" * depth
    edit(data_dir / "traits.yaml", "related: [visionary]", f"related: {deep}")
    start = time.process_time()
    line = short_only(data_dir)
    assert time.process_time() - start < 5
    assert "entry 'empathetic', field 'related" in line and f"nested more than {MAX_DEPTH} levels deep" in line


# --------------------------------------------------------------------------- ids, URLs and characters
def test_id_with_a_trailing_newline_is_not_a_slug(data_dir):
    edit(data_dir / "dimensions.yaml", "id: risk", 'id: "risk\\n"')
    assert r"'risk\n' is not a slug" in short_only(data_dir)


def test_url_with_a_trailing_newline_is_refused(data_dir):
    url = "https://hbr.org/2001/12/what-leaders-really-do"
    edit(data_dir / "sources.yaml", f"url: {url}", f'url: "{url}\\n"')
    line = short_only(data_dir)
    assert "entry 'kotter-1990', field 'url':" in line and "only http:// or https:// URLs" in line


@pytest.mark.parametrize(
    ("escape", "kind", "code"),
    [
        ("\\0", "a control character", "U+0000"),
        ("\\e", "a control character", "U+001B"),
        ("\\a", "a control character", "U+0007"),
        ("\\u202E", "a bidirectional control", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("\\u2067", "a bidirectional control", "U+2067 RIGHT-TO-LEFT ISOLATE"),
        ("\\u200B", "an invisible character", "U+200B ZERO WIDTH SPACE"),
        ("\\uFEFF", "an invisible character", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ],
)
def test_invisible_and_control_characters_are_refused(data_dir, escape, kind, code):
    edit(data_dir / "traits.yaml", f"definition: {VISIONARY_DEFINITION}", f'definition: "Sees{escape} a future."')
    line = short_only(data_dir)
    assert line.startswith("data/traits.yaml:4: entry 'visionary', field 'definition': 'Sees\\")
    assert f"contains {kind} ({code}) at character 5: not allowed" in line
    assert line.isprintable(), "the error line itself must not carry the character"


def test_invisible_character_in_an_id_or_a_key(data_dir):
    edit(data_dir / "traits.yaml", "  lean: both\n", '  lean: both\n  "emph\\u200Basis": both\n')
    line = short_only(data_dir)
    assert "entry 'empathetic'" in line and "U+200B" in line and line.isprintable()


def test_two_entries_with_the_same_visible_name_are_refused(data_dir):
    edit(data_dir / "traits.yaml", "name: Empathetic", "name: '  visionary '")
    assert short_only(data_dir) == (
        "data/traits.yaml:12: entry 'empathetic', field 'name': same name as entry 'visionary'; "
        "readers cannot tell them apart (rename one)"
    )


def test_names_apart_only_by_a_hyphen_are_one_name(data_dir):
    edit(data_dir / "traits.yaml", "name: Visionary", "name: Big picture")
    edit(data_dir / "traits.yaml", "name: Empathetic", "name: Big-Picture")
    assert "same name as entry 'visionary'" in short_only(data_dir)


def test_a_misspelt_question_field_is_told_the_question_field(data_dir):
    edit(data_dir / "quizzes" / "mini.yaml", "    explanation: Because.", "    explaination: Because.")
    assert "unknown field (did you mean 'explanation'?)" in "\n".join(problems(data_dir))


def test_the_real_data_has_no_warnings():
    assert load_site_data(ROOT / "data", ROOT).warnings == ()


# --------------------------------------------------------------------------- references
def test_an_entry_related_to_itself(data_dir):
    edit(data_dir / "traits.yaml", "related: [visionary]", "related: [empathetic]")
    assert short_only(data_dir) == (
        "data/traits.yaml:11: entry 'empathetic', field 'related[0]': an entry cannot refer to itself"
    )


def test_an_entry_distinct_from_itself(data_dir):
    edit(
        data_dir / "traits.yaml",
        "  lean: both\n",
        "  lean: both\n  distinct_from: [{trait: empathetic, note: Itself.}]\n",
    )
    assert "entry 'empathetic', field 'distinct_from[0].trait': an entry cannot refer to itself" in short_only(data_dir)


def test_the_same_reference_listed_twice(data_dir):
    edit(data_dir / "traits.yaml", "related: [visionary]", "related: [visionary, visionary]")
    assert short_only(data_dir) == (
        "data/traits.yaml:11: entry 'empathetic', field 'related[1]': "
        "'visionary' is listed twice (also at 'related[0]')"
    )


# --------------------------------------------------------------------------- the checker, bounded
HOSTILE = {
    "practices.yaml": BILLION_LAUGHS,
    "principles.yaml": "- id: x\n  name: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "dimensions.yaml": "- id: risk\n  name: " + "Risk " * 150_000 + "\n",
    "situations.yaml": "- id: !!python/object/apply:os.system ['echo pwned']\n",
    "situational.yaml": "- ? [a, b]\n  : c\n- {1: x, <<: {a: b}}\n",
    "roles.yaml": "- a\n" * 240_000,
    "crosswalk.yaml": '- dimension: "risk\\u202e"\n  source: "\\0"\n  checked: 2023-02-29\n',
}


def test_the_checker_stops_hostile_data_quickly_within_limits(tmp_path):
    """`python -m macros.data` on every hostile case at once: one short line each, in seconds of CPU
    time, under 1 GiB of address space."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    for name, text in HOSTILE.items():
        (target / name).write_text(text, encoding="utf-8")
    big = target / "styles.yaml"
    big.write_text("- id: x\n  name: " + "y" * (5 * MAX_FILE_BYTES) + "\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "macros.data", str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,  # wall clock: generous, the machine may be busy; CPU time is the real bound
        preexec_fn=limits if os.name == "posix" else None,  # noqa: PLW1509 (no threads here)
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime) < 15
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(len(line) < SHORT for line in lines), max(lines, key=len)[:300]
    for name in [*HOSTILE, "styles.yaml"]:
        assert any(line.startswith(f"data/{name}") for line in lines), (name, lines)
    assert len(result.stderr) < 10_000
