"""Inline Markdown in entry text (macros/inline.py): links to other entries by kind and id, the
one HTML renderer (built from escaped pieces, whatever the text holds), the plain-text form, the
loader's one-line refusals in both shapes, and the built site (no literal markers; entry links
land on their entry)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from macros.data import load_site_data
from macros.inline import links_in, plain_dump, plain_inline, render_inline, target_problem, text_problem
from macros.links import Linker
from macros.models import KINDS

from . import hardening
from .conftest import HOSTILE, ROOT, html_pages, resolve_link
from .hardening import SHORT, short_only
from .test_entries import convert

IDS = {"traits": {"visionary", "empathetic"}, "playbook": {"one-to-ones", "delegating"}}
VISIONARY_DEFINITION = "Sees a future worth working towards and describes it clearly."


def html(text: str, linker=None, **kw) -> BeautifulSoup:
    return BeautifulSoup(str(render_inline(text, linker or Linker("traits/"), **kw)), "html.parser")


# --------------------------------------------------------------------------- the renderer
def test_emphasis_strong_code_and_links_become_html():
    out = html("A *b* **c** _d_ __e__ `f<g` [h *i*](https://example.org/a_b) \\*j\\*")
    assert [e.get_text() for e in out.find_all("em")] == ["b", "d", "i"]
    assert [e.get_text() for e in out.find_all("strong")] == ["c", "e"]
    assert out.find("code").get_text() == "f<g"
    assert out.find("a")["href"] == "https://example.org/a_b" and out.find("a").get_text() == "h i"
    assert out.get_text() == "A b c d e f<g h i *j*"
    assert isinstance(render_inline("x"), Markup)


def test_plain_text_is_left_alone():
    for text in ("snake_case and 5 * 3 = 15", "a_b_c", "2 * 2 and 3 * 3", "Braces {and} pipes 10 | 20"):
        assert html(text).get_text() == text
        assert plain_inline(text) == text
        assert text_problem(text, IDS) is None


@pytest.mark.parametrize(
    ("current", "link_from", "expected"),
    [
        ("traits/", None, "../playbook/#delegating"),
        ("playbook/", None, "#delegating"),
        ("styles/which-style-when/", None, "../../playbook/#delegating"),
        ("styles/which-style-when/", "styles/which-style-when.md", "../playbook/#delegating"),  # Zensical
    ],
)
def test_an_entry_link_resolves_through_the_page_link_context(current, link_from, expected):
    out = html("[Delegating](playbook:delegating) is both", Linker(current, link_from=link_from))
    assert out.find("a")["href"] == expected
    assert links_in("see [x](traits:visionary) and [y](https://example.org)") == [
        "traits:visionary",
        "https://example.org",
    ]


def test_an_entry_link_on_a_page_per_entry_kind():
    out = html("[the quiz](quizzes:self-assessment)", Linker("traits/"))
    assert out.find("a")["href"] == Linker("traits/")("quizzes", "self-assessment")


HOSTILE_TEXTS = {
    "raw-html": '<img src=x onerror="alert(1)"> <script>alert(1)</script>',
    "javascript-link": "[click](javascript:alert(1))",
    "javascript-link-no-parens": "[click](javascript:alert`1`)",
    "data-link": "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "relative-escape": "[file](../../../etc/passwd)",
    "protocol-relative": "[file](//evil.example/x)",
    "quote-in-url": '[x](https://e.example/"onmouseover="alert(1))',
    "quote-in-url-2": '[x](https://e.example/"onmouseover=alert`1`)',
    "nested-brackets": "[a [b] c](traits:visionary)",
    "nested-link": "[a [b](https://e.example) c](https://f.example)",
    "attribute-list": "*word*{: #evil .md-button data-md-component=search } [t](traits:visionary){: #evil2}",
    "html-in-code": "`<b id=evil>` and [`<i>`](https://e.example)",
    "html-in-label": "[<b id=evil>x</b>](https://e.example)",
    "entities": "&lt;b&gt; &amp;amp; &#x3C;",
    "conftest": HOSTILE,
}


@pytest.mark.parametrize("name", list(HOSTILE_TEXTS))
def test_hostile_text_renders_as_text(name):
    text = HOSTILE_TEXTS[name]
    out = html(text)
    assert not out.find_all(lambda tag: tag.name not in ("em", "strong", "code", "a")), name
    assert out.find(id=True) is None and out.find(class_=True) is None and out.find("script") is None
    for tag in out.find_all(True):
        assert set(tag.attrs) <= ({"href"} if tag.name == "a" else set()), (name, tag)
    for a in out.find_all("a"):
        assert a["href"].startswith(("https://", "http://", "../", "#")), (name, a["href"])
        assert '"' not in a["href"] and "javascript" not in a["href"].lower()
    assert "&" not in plain_inline("[a](https://e.example)")  # plain text is never escaped HTML


def test_a_link_in_a_form_label_is_its_text():
    out = html("Pick [Delegating](playbook:delegating) or [that](https://example.org)", links=False)
    assert out.find("a") is None and out.get_text() == "Pick Delegating or that"


def test_plain_text_drops_the_markers():
    text = "A *b* **c** `d` [see *Delegating*](playbook:delegating) and [x](https://example.org) \\*"
    assert plain_inline(text) == "A b c d see Delegating and x *"


# --------------------------------------------------------------------------- the checks
@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("javascript:alert", "not allowed"),
        ("data:text/html,x", "not allowed"),
        ("mailto:a@b.example", "not allowed"),
        ("../traits.md", "not allowed"),
        ("#visionary", "not allowed"),
        ("", "not allowed"),
        ("http://localhost/x", "public host"),
        ("trait:visionary", "not a kind of entry (did you mean 'traits:visionary'?)"),
        ("traits:visionery", "(did you mean 'traits:visionary'?)"),
    ],
)
def test_link_targets_are_refused_with_a_reason(target, words):
    problem = target_problem(target, IDS)
    assert problem and words in problem and "\n" not in problem and len(problem) < SHORT


def test_good_targets_pass():
    assert target_problem("traits:visionary", IDS) is None
    assert target_problem("https://example.org/a_(b)", IDS) is None
    assert target_problem("styles:anything", IDS) is None  # a kind that did not load is not checked


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("an unclosed **strong", "unpaired '**'"),
        ("a [link] (https://example.org)", None),
        ("a [link](https://example.org with space)", "did not parse"),
        ("[a [b] c](traits:visionary)", "did not parse"),
        ("a stray `backtick", "unpaired backtick"),
        ("escaped \\*\\* and \\` are fine", None),
    ],
)
def test_unpaired_markers_are_refused(text, words):
    problem = text_problem(text, IDS)
    assert (problem is None) if words is None else (words in problem)


def test_every_kind_can_be_named():
    assert all(target_problem(f"{k}:x", {}) is None for k in KINDS)


# --------------------------------------------------------------------------- the loader
data_dir = hardening.data_dir  # the shared fixture: a fresh copy of the minimal data
only = short_only  # one short problem line (tests/hardening.py)


def set_definition(data_dir, text: str) -> None:
    path = data_dir / "traits.yaml"
    old = f"definition: {VISIONARY_DEFINITION}"
    body = path.read_text(encoding="utf-8")
    assert old in body
    path.write_text(body.replace(old, "definition: '" + text.replace("'", "''") + "'", 1), encoding="utf-8")


def test_a_good_entry_link_loads(data_dir):
    set_definition(data_dir, "Sees a future, like [Empathetic](traits:empathetic) sees people.")
    assert "traits:empathetic" in load_site_data(data_dir, data_dir.parent).traits["visionary"].definition


@pytest.mark.parametrize(
    ("link", "words"),
    [
        ("[x](traits:nobody)", "'nobody' is not an id in data/traits.yaml"),
        ("[x](trait:visionary)", "'trait' is not a kind of entry (did you mean 'traits:visionary'?)"),
        ("[x](nokind:visionary)", "not allowed"),
        ("[x](data:text/html,hi)", "not allowed"),
        ("[x](../../secrets.txt)", "not allowed"),
        ("[x](mailto:a@b.example)", "not allowed"),
    ],
)
def test_a_bad_link_in_yaml_stops_the_build_with_one_line(data_dir, link, words):
    set_definition(data_dir, f"Sees a future {link} clearly.")
    line = only(data_dir)
    assert line.startswith("data/traits.yaml:4: entry 'visionary', field 'definition': "), line
    assert words in line


def test_a_bad_link_in_a_markdown_entry_names_file_and_line(data_dir):
    convert(data_dir, "playbook")
    path = data_dir / "playbook" / "one-to-ones.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("- ") and i > lines.index("## Steps"))
    lines[n] += " See [Managing up](playbook:managing-upp)."
    path.write_text("\n".join(lines), encoding="utf-8")
    line = only(data_dir)
    assert line.startswith(f"data/playbook/one-to-ones.md:{n + 1}: entry 'one-to-ones', field 'steps[0]': "), line
    assert "did you mean 'playbook:managing-up'?" in line


def test_a_name_holds_no_link(data_dir):
    path = data_dir / "traits.yaml"
    path.write_text(path.read_text().replace("name: Visionary", "name: '[Visionary](traits:empathetic)'", 1))
    line = only(data_dir)
    assert "entry 'visionary', field 'name'" in line and "plain text" in line


def test_the_json_export_is_plain_text(data_dir):
    set_definition(data_dir, "Sees *a future*, like [Empathetic](traits:empathetic).")
    trait = load_site_data(data_dir, data_dir.parent).traits["visionary"]
    dumped = plain_dump(trait)
    assert dumped["definition"] == "Sees a future, like Empathetic."
    assert dumped["id"] == "visionary" and dumped["related"] == list(trait.related)


# --------------------------------------------------------------------------- the built site
def _entry_text(page) -> str:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("article") or soup
    for skip in main.select("code, pre, script, style"):
        skip.decompose()
    return main.get_text(" ")


def test_no_page_shows_literal_markdown(built_site):
    shown = {}
    for page in html_pages(built_site):
        text = _entry_text(page)
        for mark in ("](", "**"):
            if mark in text:
                at = text.index(mark)
                shown[page.relative_to(built_site).as_posix()] = text[max(0, at - 40) : at + 40]
    assert not shown, shown


def test_entry_links_land_on_their_entry(built_site):
    site = load_site_data(ROOT / "data", ROOT)
    wanted = set()
    for collection in site.collections.values():
        for record in collection:
            for value in record.model_dump(mode="python").values():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str):
                        wanted |= {t for t in links_in(text) if ":" in t and "://" not in t}
    assert wanted, "the guide uses entry links (CONTRIBUTING shows one): none found in data/"
    by_id: dict[str, set[str]] = {}
    for link in wanted:
        by_id.setdefault(link.split(":")[1], set()).add(link)
    found = set()
    for page in html_pages(built_site):
        body = page.read_text(encoding="utf-8")
        if not any(f"#{entry_id}" in body for entry_id in by_id):
            continue
        for a in BeautifulSoup(body, "html.parser").select("article a[href*='#']"):
            links = by_id.get(a["href"].rsplit("#", 1)[1], set())
            if not links or not a.get_text():
                continue
            target = resolve_link(built_site, page, a["href"])
            for link in links:
                kind, entry_id = link.split(":")
                if target is not None and target == resolve_link(built_site, "", Linker("")(kind, entry_id)):
                    assert (built_site / target.path).is_file(), target
                    found.add(link)
    assert wanted <= found, wanted - found
