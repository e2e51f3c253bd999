"""Hardening, third round: values that are accepted-but-wrong, YAML 1.1 surprises, files in data/
that no kind reads, and mistakes in the macro calls of docs/*.md. Each case stops with one short
line naming the file (or page) and line, the entry (or macro) and the field (or argument).

Like tests/test_data_hardening.py: copy the minimal fixture, break one thing, read the problems;
the last data test runs the checker on every case at once under a CPU-time and memory limit.
Macro calls are checked with the real guard (macros/calls.py) on a real Jinja environment, and
once end to end through a strict build (no traceback reaches the contributor).
"""

from __future__ import annotations

import datetime
import os
import resource
import shutil
import subprocess
import sys
from types import SimpleNamespace

import jinja2
import pytest

from macros import calls
from macros.data import DataError, load_site_data

from . import conftest, hardening
from .conftest import ROOT, run_build
from .hardening import MINIMAL, SHORT, edit, limits, problems, short_only

data_dir = hardening.data_dir  # the shared fixture: a fresh copy of the minimal data


# --------------------------------------------------------------------------- empty where one is needed
def test_an_empty_list_file_is_refused(data_dir):
    (data_dir / "roles.yaml").write_text("[]\n", encoding="utf-8")
    assert short_only(data_dir) == "data/roles.yaml: the list is empty ([]); it must hold at least one entry"


def test_an_empty_entry_folder_is_refused(data_dir):
    for quiz in (data_dir / "quizzes").glob("*.yaml"):
        quiz.unlink()
    assert short_only(data_dir) == "data/quizzes/: no entries; the folder must hold at least one <id>.yaml file"


# --------------------------------------------------------------------------- dates and URLs
def test_a_checked_date_in_the_future_is_refused(data_dir):
    edit(data_dir / "sources.yaml", "  kind: research\n", "  kind: research\n  checked: 2999-01-31\n")
    assert short_only(data_dir) == (
        "data/sources.yaml:8: entry 'kotter-1990', field 'checked': "
        "2999-01-31 is in the future: write the day the details were checked"
    )


def test_a_checked_date_of_today_is_fine(data_dir):
    today = datetime.date.today().isoformat()
    edit(data_dir / "sources.yaml", "  kind: research\n", f"  kind: research\n  checked: {today}\n")
    load_site_data(data_dir, data_dir.parent)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://user:secret@hbr.org/x", "must not hold a user name or password"),
        ("https://token@hbr.org/x", "must not hold a user name or password"),
        ("https:///2001/12/x", "is not allowed: only http:// or https:// URLs"),
        ("https://?q=1", "is not allowed: only http:// or https:// URLs"),
        ("https://localhost/x", "names no public host"),
        ("https://hbr.org:99999/x", "is not a valid URL"),
        ("https://127.0.0.1/admin", "names a network address"),
        ("https://192.168.0.1/", "names a network address"),
        ("https://[::ffff:127.0.0.1]/", "names a network address"),
        ("https://127.1/", "names a network address"),
        ("https://ex\u0430mple.org/", "non-ASCII letters"),
        ("https://evil.com\\.example.org/", "holds a backslash"),
    ],
)
def test_urls_with_a_login_or_without_a_host_are_refused(data_dir, url, says):
    edit(data_dir / "sources.yaml", "url: https://hbr.org/2001/12/what-leaders-really-do", f"url: '{url}'")
    line = short_only(data_dir)
    assert line.startswith("data/sources.yaml:6: entry 'kotter-1990', field 'url': "), line
    assert says in line


def test_a_url_login_is_not_echoed(data_dir):
    edit(
        data_dir / "sources.yaml",
        "url: https://hbr.org/2001/12/what-leaders-really-do",
        "url: https://user:hunter2@hbr.org/",
    )
    assert "hunter2" not in short_only(data_dir)


# --------------------------------------------------------------------------- every file is read or refused
@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("roles.yml", "data/roles.yml: no kind of entry reads this file (rename it to roles.yaml)"),
        ("quizzes/extra.yml", "data/quizzes/extra.yml: no kind of entry reads this file (rename it to extra.yaml)"),
        ("trait.yaml", "data/trait.yaml: no kind of entry reads this file (did you mean data/traits.yaml?)"),
        ("notes/todo.txt", "data/notes/todo.txt: no kind of entry reads this file (move it out of data/)"),
    ],
)
def test_a_file_no_kind_reads_is_refused(data_dir, name, says):
    (data_dir / name).parent.mkdir(exist_ok=True)
    (data_dir / name).write_text("- id: x\n", encoding="utf-8")
    assert short_only(data_dir) == f"{says}; every file in data/ is read"


def test_a_list_file_saved_as_yml_names_both_problems(data_dir):
    (data_dir / "roles.yaml").rename(data_dir / "roles.yml")
    found = problems(data_dir)
    assert any(p.startswith("data/roles.yaml: file missing") for p in found), found
    assert any(p.startswith("data/roles.yml: no kind of entry reads this file") for p in found), found


def test_hidden_files_are_left_alone(data_dir):
    (data_dir / ".gitkeep").write_text("", encoding="utf-8")
    (data_dir / "quizzes" / ".mini.yaml.swp").write_bytes(b"\xff\x00")
    load_site_data(data_dir, data_dir.parent)


# --------------------------------------------------------------------------- names compare as seen
SAME_NAME = (
    "data/traits.yaml:12: entry 'empathetic', field 'name': same name as entry 'visionary'; "
    "readers cannot tell them apart (rename one"
)


@pytest.mark.parametrize(
    ("spelling", "hint"),
    [
        ("\uff36\uff49\uff53\uff49\uff4f\uff4e\uff41\uff52\uff59", ""),  # full-width letters
        ("VISIONARY", ""),
        ("Visionary\u00a0", ""),  # a no-break space
        ("Visi\u043enary", "; Cyrillic '\u043e' (U+043E) looks like 'o'"),
        ("Vi\u0455ionary", "; Cyrillic '\u0455' (U+0455) looks like 's'"),
        ("V\u0456s\u0456onary", "; Cyrillic '\u0456' (U+0456) looks like 'i'"),
        ("Visi\u03bfn\u0430ry", "; Greek '\u03bf' (U+03BF) looks like 'o'"),
        ("VISI\u039fNARY", "; Greek '\u039f' (U+039F) looks like 'o'"),
        ("Vis\u0131onary", "; Latin '\u0131' (U+0131) looks like 'i'"),
    ],
)
def test_names_that_read_the_same_are_refused(data_dir, spelling, hint):
    """Equal after NFKC, case folding and look-alike letters (UTS #39 skeleton, macros/confusables.py):
    refused like a duplicate id, naming the look-alike letter."""
    edit(data_dir / "traits.yaml", "name: Empathetic", f"name: '{spelling}'")
    assert short_only(data_dir) == f"{SAME_NAME}{hint})"


def test_composed_and_decomposed_accents_are_one_name(data_dir):
    edit(data_dir / "traits.yaml", "name: Visionary", "name: 'Caf\u00e9'")
    edit(data_dir / "traits.yaml", "name: Empathetic", "name: 'Cafe\u0301'")
    assert "same name as entry 'visionary'" in short_only(data_dir)


def test_ligatures_and_sharp_s_are_one_name(data_dir):
    edit(data_dir / "traits.yaml", "name: Visionary", "name: 'Stra\u00dfe \ufb01t'")
    edit(data_dir / "traits.yaml", "name: Empathetic", "name: 'STRASSE fit'")
    assert "same name as entry 'visionary'" in short_only(data_dir)


@pytest.mark.parametrize("other", ["Visionari", "Visionary Leader", "Caf\u00e9", "Visi\u00f6nary"])
def test_names_that_only_look_alike_at_a_glance_stay_allowed(data_dir, other):
    """Different letters, added words and accents are different names (only look-alikes are one)."""
    edit(data_dir / "traits.yaml", "name: Empathetic", f"name: '{other}'")
    load_site_data(data_dir, data_dir.parent)


def test_the_skeleton_maps_look_alikes_to_latin():
    from macros.confusables import skeleton

    assert skeleton("\u0421\u043e\u0430\u0441h  #1") == skeleton("Coach #1") == "coach 1"
    assert skeleton("\u0397\u0395\u039b\u039b\u039f") != skeleton("HELLO")  # Greek Lambda is no L


# --------------------------------------------------------------------------- YAML 1.1 surprises
@pytest.mark.parametrize(
    ("value", "reads"),
    [
        ("no", "true/false"),
        ("yes", "true/false"),
        ("on", "true/false"),
        ("Off", "true/false"),
        ("012", "a number (YAML reads a leading 0 as octal: 012 is 10)"),
        ("1.5", "a number"),
        ("2020-01-01", "a date"),
    ],
)
def test_yaml_1_1_values_where_text_is_expected_say_quote_it(data_dir, value, reads):
    edit(data_dir / "roles.yaml", "name: Leader", f"name: {value}")
    line = short_only(data_dir)
    assert line.startswith("data/roles.yaml:2: entry 'leader', field 'name': YAML reads this as "), line
    assert reads in line and "quote it" in line


def test_a_yaml_1_1_value_in_a_list_of_text_names_the_item(data_dir):
    edit(data_dir / "principles.yaml", "steps: [Write it down., Repeat it.]", "steps:\n    - Write it down.\n    - no")
    assert short_only(data_dir).startswith(
        "data/principles.yaml:9: entry 'set-direction', field 'steps[1]': YAML reads this as true/false"
    )


def test_an_empty_text_value_says_so(data_dir):
    edit(data_dir / "roles.yaml", "name: Leader", "name:")
    assert short_only(data_dir) == (
        "data/roles.yaml:2: entry 'leader', field 'name': "
        "has no value: write the text (in quotes if it is 'null' or '~')"
    )


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0x7C6", "(0x is hexadecimal: 0x7C6 is 1990)"),
        ("03706", "(YAML reads a leading 0 as octal: 03706 is 1990)"),
        ("0b11111000110", "(0b is binary: 0b11111000110 is 1990)"),
        ("1_990", "(it drops the _: 1_990 is 1990)"),
        ("33:10", "(a colon counts in sixties: 33:10 is 1990)"),
    ],
)
def test_a_year_in_a_yaml_1_1_number_spelling_is_refused(data_dir, value, says):
    """Each reads as 1990, a valid year: only the spelling is wrong, and it is refused."""
    edit(data_dir / "sources.yaml", "year: 1990", f"year: {value}")
    line = short_only(data_dir)
    assert line.startswith(
        f"data/sources.yaml:4: entry 'kotter-1990', field 'year': YAML reads this as a number {says}"
    )
    assert "plain decimal digits" in line


def test_a_year_in_a_nested_mapping_is_checked_too(data_dir):
    edit(data_dir / "styles.yaml", "year: 2000, source: goleman-2000}", "year: 0x7D0, source: goleman-2000}")
    assert short_only(data_dir).startswith("data/styles.yaml:3: entry 'coaching', field 'origin.year': YAML reads")


@pytest.mark.parametrize(
    ("line", "keeps"),
    [
        ("name: Coach #1", "'Coach'"),
        ("name: Team Coach # the first", "'Team Coach'"),
        ("name: coach #1", "'coach'"),
    ],
)
def test_text_cut_short_by_a_yaml_comment_says_quote_it(data_dir, line, keeps):
    edit(data_dir / "roles.yaml", "name: Leader", line)
    assert short_only(data_dir) == (
        "data/roles.yaml:2: entry 'leader', field 'name': unquoted text followed by ' #': YAML drops the rest "
        f"of the line as a comment, keeping only {keeps}: "
        "quote the whole value, or put the comment on a line of its own"
    )


def test_a_comment_cutting_a_list_item_or_front_matter_short_is_refused(data_dir):
    edit(data_dir / "principles.yaml", "steps: [Write it down., Repeat it.]", "steps:\n    - Write it #1\n    - Repeat")
    assert short_only(data_dir).startswith(
        "data/principles.yaml:8: entry 'set-direction', field 'steps[0]': unquoted text followed by ' #'"
    )


def test_a_comment_in_markdown_front_matter_is_refused(data_dir):
    from .test_entries import convert

    convert(data_dir, "traits")
    edit(data_dir / "traits" / "visionary.md", "name: Visionary", "name: Visionary #2")
    line = short_only(data_dir)
    assert line.startswith("data/traits/visionary.md:5: entry 'visionary', field 'name': unquoted text followed by")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("  lean: leading\n", "  # a whole-line comment\n  lean: leading\n"),
        ("  lean: leading\n", "  lean: leading   # leading | managing | both\n"),
        ("  lean_why: Fixture note.", "  lean_why: 'Fixture note.' # quoted, then a comment"),
        ("- id: leader", "- id: leader  # the file's first entry"),
        ("  leans: {change-vs-stability: leading, risk: both}", "  leans:   # a block\n    risk: both"),
    ],
)
def test_legitimate_comments_stay_allowed(data_dir, old, new):
    """Whole-line comments, comments after a key that opens a block, after a quoted value and after
    a one-token value (an id, a choice, a URL: CONTRIBUTING.md's templates write them)."""
    edit(data_dir / "roles.yaml", old, new)
    load_site_data(data_dir, data_dir.parent)


# --------------------------------------------------------------------------- the entry and field named right
def test_a_problem_in_a_path_step_names_the_path_and_the_step(data_dir):
    """A path is one entry per file: its steps' ids are not entries (once 'entry 'empathetic'')."""
    edit(data_dir / "paths" / "mini-path.yaml", "  - kind: traits", "  - kind: traitz")
    assert short_only(data_dir).startswith(
        "data/paths/mini-path.yaml:11: entry 'mini-path', field 'steps[1].kind': Input should be"
    )


def test_a_yaml_problem_in_a_path_step_names_the_path_and_the_step(data_dir):
    edit(data_dir / "paths" / "mini-path.yaml", "why: The distinction behind it.", "why: &a The distinction.")
    assert short_only(data_dir) == (
        "data/paths/mini-path.yaml:16: entry 'mini-path', field 'steps[2].why': "
        "anchors (&name) and aliases (*name) are not allowed: write the value out"
    )


@pytest.mark.parametrize(("file", "old"), [("roles.yaml", "- id: leader"), ("paths/mini-path.yaml", "id: mini-path")])
def test_an_id_with_a_line_break_is_named_on_one_line(data_dir, file, old):
    edit(data_dir / file, old, old.replace("id: ", 'id: "x\\n\\t') + '"')
    line = short_only(data_dir)
    assert "entry 'x\\n\\t" in line and "field 'id'" in line, line


def test_a_file_name_with_a_line_break_is_named_on_one_line(data_dir):
    (data_dir / "quizzes" / "a\nb.yml").write_text("id: x\n", encoding="utf-8")
    assert short_only(data_dir).startswith("data/quizzes/a\\nb.yml: no kind of entry reads this file")


# --------------------------------------------------------------------------- line numbers everywhere
def test_a_null_entry_has_a_line_number(data_dir):
    path = data_dir / "roles.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- null\n", encoding="utf-8")
    line = short_only(data_dir)
    assert line.startswith("data/roles.yaml:8: entry #2: "), line


def test_a_null_item_in_a_list_field_has_a_line_number(data_dir):
    edit(
        data_dir / "principles.yaml", "steps: [Write it down., Repeat it.]", "steps:\n    - Write it down.\n    - null"
    )
    assert short_only(data_dir).startswith("data/principles.yaml:9: entry 'set-direction', field 'steps[1]': ")


def test_a_non_utf8_byte_gives_its_position(data_dir):
    path = data_dir / "roles.yaml"
    text = path.read_text(encoding="utf-8").replace("name: Leader", "name: Le\udcffader")
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    assert short_only(data_dir) == (
        "data/roles.yaml:2: byte 0xff at column 11 is not UTF-8 (the file was saved in another encoding): "
        "save it as UTF-8"
    )


def test_a_latin1_file_gives_the_first_bad_byte(data_dir):
    path = data_dir / "roles.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("Fixture note.", "Caf\u00e9.").encode("latin-1"))
    assert short_only(data_dir).startswith("data/roles.yaml:5: byte 0xe9 at column 16 is not UTF-8")


# --------------------------------------------------------------------------- the checker, bounded
HOSTILE = {
    "roles.yaml": "[]\n",
    "sources.yaml": (MINIMAL / "sources.yaml")
    .read_text(encoding="utf-8")
    .replace("  kind: research\n", "  kind: research\n  checked: 2999-01-01\n", 1)
    .replace("https://hbr.org/", "https://u:p@hbr.org/", 1),
    "dimensions.yml": "- id: x\n",
    "managerial_roles.yaml": "- null\n" * 3,
    "situational.yaml": "- id: s1\n  code: no\n  name: 012\n",
    "traits.yaml": (MINIMAL / "traits.yaml")
    .read_text(encoding="utf-8")
    .replace("name: Empathetic", "name: Visi\u043enary"),
    "styles.yaml": (MINIMAL / "styles.yaml").read_text(encoding="utf-8").replace("year: 2000", "year: 0x7D0", 1),
    "principles.yaml": (MINIMAL / "principles.yaml").read_text(encoding="utf-8").replace("name: ", "name: No #", 1),
}


def test_the_checker_stops_every_case_quickly_within_limits(tmp_path):
    """`python -m macros.data` on every case at once: one short line each, in seconds of CPU time,
    under 1 GiB of address space, no traceback."""
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    for name, text in HOSTILE.items():
        (target / name).write_text(text, encoding="utf-8")
    (target / "signs.yaml").write_bytes(b"- id: \xfe\xff\n")
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
    for name in [*HOSTILE, "signs.yaml"]:
        assert any(line.startswith(f"data/{name}") for line in lines), (name, lines)
    assert any("quote it" in line for line in lines)
    assert any(line.startswith("data/managerial_roles.yaml:3: entry #3") for line in lines), lines


# --------------------------------------------------------------------------- macro calls
def _macro_env(site):
    """The guard on a real Jinja environment with three macros shaped like the site's."""
    env = SimpleNamespace(macros={}, page=SimpleNamespace(file=SimpleNamespace(src_uri="probe.md")))

    def quiz(quiz_id: str) -> str:
        return f'<div id="quiz-{quiz_id}"></div>'

    def glossary(heading_depth: int = 3) -> str:
        return f"{'#' * heading_depth} Visionary {{ #visionary }}\n\nText."

    def broken() -> str:
        return {}["missing"]

    def matrix() -> str:  # like trait_matrix(): a whole collection, and no id to give it away
        return "<table><tr><td>Visionary</td></tr></table>"

    def path(name: str) -> str:  # like onboarding_path(): step-1, step-2 …
        return f'<ol><li id="step-1">{name}</li><li id="step-2">Two</li></ol>'

    for fn in (quiz, glossary, broken, matrix, path):
        env.macros[fn.__name__] = fn
    calls.guard(env, site)
    jinja = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)  # noqa: S701 (Markdown)
    jinja.globals.update(env.macros)
    return env, jinja


@pytest.fixture()
def render(site_data):
    env, jinja = _macro_env(site_data)

    def run(markdown: str) -> str:
        try:
            return jinja.from_string(markdown).render()
        except jinja2.TemplateSyntaxError as err:
            line = calls._syntax_line(err, markdown, env.page)
        except Exception as err:  # noqa: BLE001 (what mkdocs-macros would print)
            line = calls._one_line(err, markdown, env.page)
        assert len(line) < SHORT and "\n" not in line and "Traceback" not in line, line
        return line

    return run


@pytest.mark.parametrize(
    ("markdown", "line"),
    [
        (
            '{{ quiz("wich-style") }}',
            "docs/probe.md:1: quiz('wich-style'): argument 'quiz_id' names no quiz: "
            "there is no data/quizzes/wich-style.yaml; did you mean 'which-style'?",
        ),
        (
            "Intro\n\n{{ quiz(3) }}",
            "docs/probe.md:3: quiz(3): argument 'quiz_id' must be text in quotes, got 3",
        ),
        (
            '{{ glossary("3") }}',
            "docs/probe.md:1: glossary('3'): argument 'heading_depth' must be a whole number, got '3'",
        ),
        (
            "{{ glossary(heading_depth=true) }}",
            "docs/probe.md:1: glossary(heading_depth=True): argument 'heading_depth' must be a whole number, got True",
        ),
        (
            "{{ glossary(7) }}",
            "docs/probe.md:1: glossary(7): argument 'heading_depth' must be 1 to 6 (an HTML heading level), got 7",
        ),
        (
            "{{ glossary(0) }}",
            "docs/probe.md:1: glossary(0): argument 'heading_depth' must be 1 to 6 (an HTML heading level), got 0",
        ),
        (
            "{{ glossary(depth=2) }}",
            "docs/probe.md:1: glossary(depth=2): got an unexpected keyword argument 'depth'; "
            "the macro is glossary(heading_depth=3)",
        ),
        (
            "{{ quiz() }}",
            "docs/probe.md:1: quiz(): missing a required argument: 'quiz_id'; the macro is quiz(quiz_id)",
        ),
        (
            "{{ glossary() }}\n\n{{ glossary(2) }}",
            "docs/probe.md:3: glossary(2): renders the whole collection again on this page (also glossary()); "
            "render each collection once per page",
        ),
        (
            "{{ matrix() }}\n\nText.\n\n{{ matrix() }}",
            "docs/probe.md:5: matrix(): renders the whole collection again on this page (also matrix()); "
            "render each collection once per page",
        ),
        (
            '{{ quiz("which-style") }}\n{{ quiz("which-style") }}',
            "docs/probe.md:2: quiz('which-style'): puts id 'quiz-which-style' on the page again "
            "(also made by quiz('which-style')); render each collection once per page",
        ),
        (
            "{{ broken() }}",
            "docs/probe.md:1: broken(): the macro failed (KeyError: 'missing'); "
            "run `mkdocs build --verbose` for the traceback",
        ),
        ("{{ glosary() }}", "docs/probe.md:1: UndefinedError: 'glosary' is undefined (did you mean 'glossary'?)"),
        ("{{ quiz('" + "x" * 5000 + "') }}", None),
        ('Intro\n\n{{ quiz("which-style" }}', "docs/probe.md:3: template syntax error: unexpected '}', expected ')'"),
    ],
)
def test_macro_mistakes_are_one_line_naming_page_macro_and_argument(render, markdown, line):
    out = render(markdown)
    if line is None:  # a huge argument: one short line, not echoed whole
        assert out.startswith("docs/probe.md:1: quiz('xxxx") and "is not a quiz id" in out, out
    else:
        assert out == line


@pytest.mark.parametrize(
    ("page", "says"),
    [
        ("## Step 1\n\n{{ path('x') }}\n", "the heading 'Step 1' at docs/probe.md:4"),
        ("Step 2\n------\n\n{{ path('x') }}\n", "the heading 'Step 2' at docs/probe.md:4"),
        ("<p id=step-1>x</p>\n\n{{ path('x') }}\n", 'the element with id="step-1" at docs/probe.md:4'),
    ],
)
def test_a_macro_id_that_a_page_heading_or_element_holds_stops(site_data, tmp_path, page, says):
    """The page's own ids (ATX and setext headings, HTML ids quoted or not) are on the page before
    any macro output: a collection's generated id cannot take one of them."""
    env, jinja = _macro_env(site_data)
    source = tmp_path / "probe.md"
    source.write_text("---\ntitle: Probe\n---\n" + page, encoding="utf-8")
    env.page = SimpleNamespace(file=SimpleNamespace(src_uri="probe.md", abs_src_path=str(source)))
    with pytest.raises(calls.MacroCallError) as info:
        jinja.from_string(page).render()
    line = str(info.value)
    assert line.startswith("docs/probe.md: path('x'): puts id 'step-") and f"(also {says})" in line, line
    assert "give the page's heading another id" in line and len(line) < SHORT


@pytest.mark.parametrize(
    ("page", "says"),
    [
        (
            "# Title { #same }\n\n<div id=same>x</div>\n",
            "docs/probe.md:6: id 'same' of the element with id=\"same\" is on the page twice "
            "(also the heading 'Title { #same }' at line 4); choose another id",
        ),
        (
            "Same\n====\n\n<p id='same'>x</p>\n",
            "docs/probe.md:7: id 'same' of the element with id=\"same\" is on the page twice "
            "(also the heading 'Same' at line 4); choose another id",
        ),
        (
            "## One { #x }\n\n## Two { #x }\n",
            "docs/probe.md:6: id 'x' of the heading 'Two { #x }' is on the page twice "
            "(also the heading 'One { #x }' at line 4); choose another id",
        ),
    ],
)
def test_an_id_a_page_writes_twice_stops_the_check(data_dir, page, says):
    """Every docs/ page, whatever it calls: ids written out (attribute lists, HTML) are unique;
    setext headings count like ATX ones."""
    docs = data_dir.parent / "docs"
    docs.mkdir()
    (docs / "probe.md").write_text("---\ntitle: Probe\n---\n" + page, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_site_data(data_dir, data_dir.parent, docs)
    assert info.value.problems == [says]


def test_a_comment_cutting_a_page_title_short_is_refused(data_dir):
    """docs/ pages' front matter passes the data's YAML checks too."""
    docs = data_dir.parent / "docs"
    docs.mkdir()
    (docs / "probe.md").write_text("---\ntitle: Step #1\nhide: [toc]  # no contents\n---\n# Step 1\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_site_data(data_dir, data_dir.parent, docs)
    assert info.value.problems == [
        "docs/probe.md:2: field 'title': unquoted text followed by ' #': YAML drops the rest of the line as a "
        "comment, keeping only 'Step': quote the whole value, or put the comment on a line of its own"
    ]


def test_a_setext_heading_taking_an_entry_id_is_refused(data_dir):
    """The entries' anchor check sees setext headings (``Visionary`` underlined) as ATX ones."""
    from macros.models import KINDS

    page = data_dir.parent / "docs" / KINDS["traits"].page
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# Traits\n\nVisionary\n---------\n\nText.\n", encoding="utf-8")
    line = short_only_with_docs(data_dir)
    assert "entry 'visionary'" in line and "the heading 'Visionary' at docs/" in line, line


def short_only_with_docs(data_dir) -> str:
    with pytest.raises(DataError) as info:
        load_site_data(data_dir, data_dir.parent, data_dir.parent / "docs")
    assert len(info.value.problems) == 1, info.value.problems
    return info.value.problems[0]


def test_two_headings_of_the_same_words_are_fine(data_dir):
    """toc numbers them apart (intro, intro_1): not a clash."""
    docs = data_dir.parent / "docs"
    docs.mkdir()
    (docs / "probe.md").write_text("## Intro\n\nIntro\n-----\n\n## Intro\n", encoding="utf-8")
    load_site_data(data_dir, data_dir.parent, docs)


def test_right_calls_render_and_two_pages_do_not_clash(site_data):
    env, jinja = _macro_env(site_data)
    assert jinja.from_string('{{ quiz("which-style") }}').render() == '<div id="quiz-which-style"></div>'
    env.page = SimpleNamespace(file=SimpleNamespace(src_uri="other.md"))  # the next page starts afresh
    assert jinja.from_string('{{ quiz("which-style") }}\n{{ glossary(2) }}').render().startswith("<div")


def test_every_site_macro_is_guarded():
    """define_env wraps each macro it registers (none escapes the checks)."""
    text = (ROOT / "macros" / "__init__.py").read_text(encoding="utf-8")
    assert "calls.guard(env, site)" in text and "calls.install_error_format()" in text


@pytest.mark.build
@pytest.mark.parametrize(
    ("call", "says"),
    [
        (
            '{{ situation_guide(heading_depth="3") }}',
            "docs/probe.md:8: situation_guide(heading_depth='3'): argument 'heading_depth' must be a whole number, "
            "got '3'",
        ),
        (
            "{{ trait_matrix() }}\n\n{{ trait_matrix() }}",
            "docs/probe.md:10: trait_matrix(): renders the whole collection again on this page (also trait_matrix()); "
            "render each collection once per page",
        ),
    ],
    ids=["argument", "collection-twice"],
)
def test_a_macro_mistake_stops_the_build_with_one_line(tmp_path, monkeypatch, call, says):
    """End to end: mkdocs-macros prints the one line (file:line, call, argument) and stops; no
    traceback, nothing published."""
    scenario = tmp_path / "scenarios" / "macro-call"
    (scenario / "docs").mkdir(parents=True)
    (scenario / "mkdocs.yml").write_text(
        "INHERIT: mkdocs.base.yml\nnav:\n  - probe.md\nvalidation:\n  nav: {omitted_files: info, not_found: info}\n"
        "  links: {not_found: info, anchors: info, unrecognized_links: info}\n",
        encoding="utf-8",
    )
    (scenario / "docs" / "probe.md").write_text(
        f"---\ntitle: Probe\n---\n# Probe\n\nText.\n\n{call}\n", encoding="utf-8"
    )
    monkeypatch.setattr(conftest, "SCENARIOS", scenario.parent)
    project = conftest.scenario_project("macro-call", tmp_path / "project")
    site = tmp_path / "site"
    result = run_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert says in output, output[-2000:]
    assert "Traceback" not in output
    assert not (site / "probe" / "index.html").exists()


def test_a_heading_name_keeps_quotes_and_tildes_as_typed():
    """Names are escaped for Markdown headings without HTML entities for quotes (the table of
    contents would escape them again) and without a backslash before "~" (not escapable here)."""
    from macros.render import md_escape

    assert md_escape('Manager\'s ~ "best" <b> & *x*') == 'Manager\'s ~ "best" &lt;b&gt; &amp; \\*x\\*'
