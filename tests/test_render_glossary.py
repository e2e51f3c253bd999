"""The trait glossary renderers on small records: anchors, letter index, tiers, links, escaping
and the traits x principles matrix."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import markdown
import pytest

from macros.data import Collection
from macros.links import Linker
from macros.models import KINDS, Principle, Source, Trait, TraitDistinction
from macros.render_glossary import (
    letter_of,
    render_glossary,
    render_trait_matrix,
    served_principles,
)

HREF = Linker("traits/")  # the glossary page, as MkDocs gives it with directory URLs


def trait(id_, name, tier="key", lean="both", **extra):
    fields = dict(
        id=id_,
        name=name,
        tier=tier,
        definition=f"Definition of {name}.",
        behaviours=[f"{name} does one thing.", f"{name} does another."],
        overuse=f"Too much {name}.",
        lean=lean,
        lean_why=f"Why {name}.",
    )
    fields.update(extra)
    return Trait(**fields)


def hostile(**fields):
    """A trait record that skips validation: what the renderer must survive if a check slips."""
    base = trait("hostile", "Hostile").model_dump()
    base.update(fields)
    return Trait.model_construct(**base)


def coll(name, *records):
    return Collection(name, f"data/{name}.yaml", tuple(records), {r.id: r for r in records})


PRINCIPLES = coll(
    "principles",
    Principle(
        id="set-direction",
        name="Set direction",
        statement="S.",
        why="W.",
        lean="leading",
        lean_why="L.",
        steps=["A.", "B."],
        traits=["visionary"],
        sources=["kotter-1990"],
    ),
    Principle(
        id="serve",
        name="Serve the team",
        statement="S.",
        why="W.",
        lean="leading",
        lean_why="L.",
        steps=["A.", "B."],
        traits=["empathetic"],
        sources=["kotter-1990"],
    ),
)
SOURCES = coll(
    "sources",
    Source(id="kotter-1990", title="What Leaders Really Do", author="John P. Kotter", year=1990, kind="research"),
)


def sample():
    return coll(
        "traits",
        trait(
            "visionary",
            "Visionary",
            lean="leading",
            related=["empathetic"],
            principles=["set-direction"],
            sources=["kotter-1990"],
            aliases=["far-sighted"],
        ),
        trait(
            "empathetic",
            "Empathetic",
            related=["visionary"],
            distinct_from=[TraitDistinction(trait="emotional-intelligence", note="Feeling, not reading.")],
        ),
        trait("emotional-intelligence", "Emotional Intelligence", tier="bonus", lean="both"),
        trait("adaptable", "Adaptable", tier="bonus", lean="managing"),
        trait("ethical", "ethical lowercase", lean="managing"),
    )


def glossary(traits=None):
    return render_glossary(traits or sample(), PRINCIPLES, SOURCES, HREF)


def to_html(text: str) -> str:
    """Run the output through Python-Markdown with the site's extensions that matter here."""
    return markdown.markdown(text, extensions=["abbr", "attr_list", "md_in_html", "toc", "def_list", "tables"])


class Ids(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


# --------------------------------------------------------------------------- anchors and order
def test_each_trait_is_a_markdown_heading_with_its_slug_and_aliases():
    out = glossary()
    for t in sample():
        assert re.search(rf"^### .+ \{{ #{t.id} \}}$", out, re.M), t.id
    assert '<span id="far-sighted"></span>\n### Visionary { #visionary }' in out
    ids = Ids(to_html(out)).ids
    for t in sample():
        assert t.id in ids
    assert "far-sighted" in ids
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_entries_run_a_to_z_ignoring_case():
    out = glossary()
    order = re.findall(r"^### (.+) \{ #", out, re.M)
    assert order == ["Adaptable", "Emotional Intelligence", "Empathetic", "ethical lowercase", "Visionary"]


def test_letter_index_links_only_letters_that_have_traits():
    html = to_html(glossary())
    index = re.search(r'<nav class="lvm-letter-index" aria-label="[^"]+">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'href="#(letter-[a-z]+)"', index) == ["letter-a", "letter-e", "letter-v"]
    ids = Ids(html).ids
    for target in ("letter-a", "letter-e", "letter-v"):
        assert target in ids
    assert "letter-b" not in ids and "letter-b" not in html


@pytest.mark.parametrize(
    "name, letter", [("Visionary", "V"), ("émotif", "E"), ("Ångström", "A"), ("360 view", "#"), (" spaced", "S")]
)
def test_letter_of(name, letter):
    assert letter_of(name) == letter


def test_names_outside_a_to_z_get_their_own_group_last():
    traits = coll("traits", trait("zeal", "Zeal"), trait("three-sixty", "360 Listening"))
    out = glossary(traits)
    assert "## \\# { #letter-other .lvm-letter }" in out
    assert out.index("#letter-z") < out.index("#letter-other .lvm")


# --------------------------------------------------------------------------- tiers and filter
def test_tier_badge_and_filter_data_on_each_entry():
    out = glossary()
    assert ('data-trait="adaptable" data-group="letter-a" data-tier="bonus" data-lean="managing"') in out
    assert ('data-trait="visionary" data-group="letter-v" data-tier="key" data-lean="leading"') in out
    assert out.count('<span class="lvm-tier lvm-tier--key">Key trait</span>') == 3
    assert out.count('<span class="lvm-tier lvm-tier--bonus">Bonus trait</span>') == 2
    # the lean is spelled out in text, not shown by colour alone
    assert 'Lean (our reading): <span class="lvm-lean lvm-lean--leading">Leading</span>' in out


def test_filter_is_js_only_and_is_a_real_form():
    html = to_html(glossary())
    box = re.search(r"<div class=\"lvm-filter lvm-js-only\" data-lvm-glossary-filter>(.*?)</div>", html, re.S)
    assert box, "the filter must be marked JS-only (no dead controls without JS)"
    body = box.group(1)
    assert body.count("<fieldset>") == 2 and "<legend>Tier</legend>" in body and "<legend>Lean</legend>" in body
    assert '<input type="radio" name="lvm-tier" value="all" checked> All' in body
    assert "Key traits (3)" in body and "Bonus traits (2)" in body
    for value in ("leading", "managing", "both"):
        assert f'<input type="checkbox" name="lvm-lean" value="{value}" checked>' in body
    assert 'role="status" aria-live="polite"' in body and "Showing all 5 traits." in body


# --------------------------------------------------------------------------- entry content and links
def test_entry_shows_every_part_with_links():
    out = glossary()
    visionary = out[out.index("{ #visionary }") :]
    for part in ("Definition of Visionary.", "Visionary does one thing.", "Too much Visionary.", "Why Visionary."):
        assert part in visionary
    assert re.search(
        r'<dt>Related traits</dt>\n<dd><a class="lvm-trait-link" href="#empathetic">Empathetic</a></dd>',
        visionary,
    )
    assert '<a href="../principles/#set-direction">Set direction</a>' in visionary
    assert '<a class="lvm-cite" href="../sources/#kotter-1990">John P. Kotter (1990)</a>' in visionary
    empathetic = out[out.index("{ #empathetic }") : out.index("{ #ethical }")]
    assert re.search(
        r'<li>From <a class="lvm-trait-link" href="#emotional-intelligence">'
        r"Emotional Intelligence</a>: Feeling, not reading.</li>",
        empathetic,
    )
    # optional parts are left out, not shown empty
    adaptable = out[out.index("{ #adaptable }") : out.index("{ #emotional-intelligence }")]
    for absent in ("Related traits", "How it differs", "Principles it serves", "Sources"):
        assert absent not in adaptable


def test_principles_served_come_from_either_side_in_principle_order():
    traits = sample()
    assert [p.id for p in served_principles(traits["visionary"], PRINCIPLES)] == ["set-direction"]
    # empathetic names no principle itself, but "serve" names it
    assert [p.id for p in served_principles(traits["empathetic"], PRINCIPLES)] == ["serve"]
    assert served_principles(traits["adaptable"], PRINCIPLES) == []


def test_every_link_in_the_glossary_resolves_on_its_page():
    html = to_html(glossary())
    ids = set(Ids(html).ids)
    for href in Ids(html).hrefs:
        page, _, anchor = href.partition("#")
        if page == "":
            assert anchor in ids, href
        elif page == "../principles/":
            assert anchor in PRINCIPLES, href
        elif page == "../sources/":
            assert anchor in SOURCES, href
        else:
            pytest.fail(f"unexpected link {href}")


def test_entry_body_is_one_html_block_without_blank_lines():
    out = glossary()
    for block in re.findall(r'<div class="lvm-entry lvm-trait".*?\n</div>', out, re.S):
        assert "\n\n" not in block


# --------------------------------------------------------------------------- escaping
class Markup(HTMLParser):
    """Every tag, attribute and text run of a piece of HTML (entities decoded)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: set[str] = set()
        self.hrefs: list[str] = []
        self.ids: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for key, value in attrs:
            self.attrs.add(key)
            if key == "href":
                self.hrefs.append(value)
            if key == "id":
                self.ids.append(value)

    def handle_data(self, data):
        self.text.append(data)


SAFE_TAGS = {
    "nav",
    "ul",
    "li",
    "a",
    "div",
    "fieldset",
    "legend",
    "label",
    "input",
    "p",
    "h2",
    "h3",
    "span",
    "dl",
    "dt",
    "dd",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "em",  # entry text's inline Markdown (macros/inline.py): these three tags and <a href>, no attributes
    "strong",
    "code",
}
SAFE_ATTRS = {
    "class",
    "aria-label",
    "href",
    "data-letter",
    "data-lvm-glossary-filter",
    "hidden",
    "type",
    "name",
    "value",
    "checked",
    "role",
    "aria-live",
    "data-total",
    "id",
    "data-trait",
    "data-group",
    "data-tier",
    "data-lean",
    "tabindex",
    "aria-hidden",
    "data-search-exclude",
    "scope",
    "title",
}


def assert_inert(html: str) -> Markup:
    found = Markup(html)
    assert found.tags <= SAFE_TAGS, found.tags - SAFE_TAGS
    assert found.attrs <= SAFE_ATTRS, found.attrs - SAFE_ATTRS
    assert not [h for h in found.hrefs if not re.match(r"^(#|\.\./(principles|sources)/#)[a-z0-9-]+$", h)]
    return found


@pytest.mark.parametrize(
    "name",
    [
        "<script>alert(1)</script>",
        'x" onmouseover="alert(1)',
        "*bold* _em_ `code` [link](javascript:alert(1)) {: #evil }",
        "# Not a heading",
        "A & B &amp; C",
    ],
)
def test_hostile_names_are_escaped_in_headings_links_and_matrix(name):
    traits = coll("traits", hostile(name=name), trait("visionary", "Visionary", related=["hostile"]))
    for out in (glossary(traits), render_trait_matrix(traits, PRINCIPLES, HREF)):
        found = assert_inert(to_html(out))
        assert "evil" not in found.ids
        assert name in "".join(found.text), "the name must show as written"
    assert "hostile" in Markup(to_html(glossary(traits))).ids


def test_hostile_text_fields_are_escaped():
    bad = '"><img src=x onerror=alert(1)> & <b> *not em* [x](javascript:alert(1))'
    note = TraitDistinction.model_construct(trait="visionary", note=bad)
    traits = coll(
        "traits",
        hostile(definition=bad, overuse=bad, lean_why=bad, behaviours=[bad, bad], distinct_from=[note]),
        trait("visionary", "Visionary"),
    )
    found = assert_inert(to_html(glossary(traits)))
    shown = bad.replace("*not em*", "not em")  # emphasis renders as <em>; the rest stays text
    assert "".join(found.text).count(shown) == 6


def test_a_name_with_an_ampersand():
    traits = coll("traits", trait("a-and-b", "A & B"))
    out = glossary(traits)
    assert "### A &amp; B { #a-and-b }" in out
    html = to_html(out)
    assert re.search(r'<h3 id="a-and-b">(<abbr[^>]*>)?A &amp; B', html)
    matrix = render_trait_matrix(traits, PRINCIPLES, HREF)
    assert '<a class="lvm-trait-link" href="#a-and-b">A &amp; B</a>' in matrix


# --------------------------------------------------------------------------- matrix
def test_matrix_is_an_accessible_table():
    out = render_trait_matrix(sample(), PRINCIPLES, HREF)
    assert '<div class="lvm-table-wrap" role="region" aria-label="' in out and 'tabindex="0"' in out
    assert "<caption>" in out and "(5 traits, A to Z)" in out
    assert out.count('<th scope="col">') == 2 + len(PRINCIPLES)
    assert out.count('<th scope="row">') == 5
    assert '<th scope="col"><a href="../principles/#set-direction">Set direction</a></th>' in out


def test_matrix_marks_have_a_text_alternative_and_rows_run_a_to_z():
    out = render_trait_matrix(sample(), PRINCIPLES, HREF)
    rows = re.findall(r'<tr><th scope="row"><a class="lvm-trait-link" href="#([a-z-]+)"', out)
    assert rows == ["adaptable", "emotional-intelligence", "empathetic", "ethical", "visionary"]
    visionary = re.search(r'<tr><th scope="row"><a class="lvm-trait-link" href="#visionary".*?</tr>', out).group(0)
    cells = re.findall(r'<td class="lvm-mark">(.*?)</td>', visionary)
    assert cells == [
        '<span aria-hidden="true">✓</span><span class="lvm-sr">Serves</span>',
        '<span class="lvm-sr">Does not serve</span>',
    ]
    assert "<td>Key</td>" in visionary


# --------------------------------------------------------------------------- abbreviations
# --------------------------------------------------------------------------- the real data
def test_real_data_renders_every_trait_with_resolving_links(site_data):
    site = site_data
    out = render_glossary(site.traits, site.principles, site.sources, HREF)
    html = to_html(out)
    parsed = Ids(html)
    for t in site.traits:
        assert t.id in parsed.ids, t.id
    local = [h[1:] for h in parsed.hrefs if h.startswith("#")]
    assert set(local) <= set(parsed.ids)
    matrix = render_trait_matrix(site.traits, site.principles, HREF)
    assert matrix.count('<th scope="row">') == len(site.traits)


def test_trait_links_carry_the_definition_as_an_escaped_description():
    """The first link to a trait from another page carries its definition (aria-description:
    screen readers announce it, tooltips.js shows it); later links to it on that page, and links
    on the glossary itself, do not. No title: Material would mount a tooltip for each on load."""
    from macros.render import ENV

    trait = sample().entries[0].model_copy(update={"definition": 'Says "why" & <how>'})
    template = ENV.from_string('{% from "_macros.html" import trait_link %}{{ trait_link(t, href) }}')
    styles_page = Linker("styles/")
    assert not styles_page.scripts
    link = template.render(t=trait, href=styles_page)
    assert f'href="../traits/#{trait.id}"' in link
    assert 'aria-description="Says &#34;why&#34; &amp; &lt;how&gt;"' in link
    assert "title=" not in link
    assert styles_page.scripts == ["tooltips.js"]  # the page now loads the tooltip script
    again = template.render(t=trait, href=styles_page)
    assert again == f'<a class="lvm-trait-link" href="../traits/#{trait.id}">{trait.name}</a>'
    other = sample().entries[1]
    assert "aria-description=" in template.render(t=other, href=styles_page)  # the first link to another trait
    assert "aria-description=" in template.render(t=trait, href=Linker("principles/"))  # a new page starts afresh
    glossary = Linker("traits/")
    same_page = template.render(t=trait, href=glossary)
    assert same_page == f'<a class="lvm-trait-link" href="#{trait.id}">{trait.name}</a>'
    assert not glossary.scripts


def test_generated_region_markers_name_the_data_files_and_record_them_once_each():
    from macros.render import ENV, edit_url

    page = Linker("traits/")
    template = ENV.from_string(
        '{{ generated_from("data/traits.yaml", "data/principles.yaml") }} prose'
        ' {{ generated_from("data/traits.yaml") }}'
        ' {{ generated_from("data/") }}'  # a folder: nothing to edit in place
    )
    text = template.render(href=page)
    traits, principles = KINDS["traits"].data_file(), KINDS["principles"].data_file()  # the YAML file or the folder
    assert f"<!-- generated from {traits}, {principles}: edit the data, not this page -->" in text
    assert page.data_files == [traits, principles]
    repo = "https://github.com/o/r"
    assert edit_url(repo, "edit/main/docs/", "docs", "data/a.yaml") == f"{repo}/edit/main/data/a.yaml"
    assert edit_url(repo + "/", "/edit/main/docs/", "docs", "data/a.yaml") == f"{repo}/edit/main/data/a.yaml"
    assert edit_url(repo, f"{repo}/edit/dev/docs/", "docs", "data/a.yaml") == f"{repo}/edit/dev/data/a.yaml"
    assert edit_url(repo, "", "docs", "data/a.yaml") is None
    assert edit_url(None, "edit/main/docs/", "docs", "data/a.yaml") is None
    assert edit_url(repo, "edit/main/content/", "docs", "data/a.yaml") is None  # edit_uri not into docs_dir
