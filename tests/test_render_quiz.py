"""The quiz renderer: accessible, escaped HTML with unique ids, usable without JavaScript."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser

import pytest

from macros.data import load_site_data
from macros.links import Linker
from macros.models import Quiz
from macros.render_quiz import render_quiz, statement_key, statement_keys

from .conftest import MINIMAL, html_soup
from .conftest import ROOT as ROOT_DIR


@pytest.fixture(scope="module")
def site():
    return load_site_data(MINIMAL, MINIMAL.parent)


@pytest.fixture(scope="module")
def href():
    return Linker("quizzes/mini/")


class Tree(HTMLParser):
    """A flat record of every start tag (tag, attrs), the text, and open/close balance."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("input", "br", "img", "rect"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, **attrs) -> list[dict]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def ids(self) -> list[str]:
        return [a["id"] for _, a in self.tags if "id" in a]


def test_choice_quiz_is_one_balanced_html_block(site, href):
    html = render_quiz(site.quizzes["mini"], site, href)
    assert html.startswith("<!-- generated from data/quizzes/mini.yaml")
    assert "\n\n" not in html.strip(), "a blank line would end the raw HTML block in Markdown"
    tree = Tree(html)
    assert not tree.stack
    root = tree.all("div", **{"data-lvm-quiz": "mini"})
    assert len(root) == 1 and root[0]["id"] == "lvm-mini" and root[0]["data-kind"] == "choice"


def test_fieldset_legend_and_labelled_inputs_per_question(site, href):
    quiz = site.quizzes["mini"]
    html = render_quiz(quiz, site, href)
    tree = Tree(html)
    fieldsets = tree.all("fieldset")
    assert [f["data-q"] for f in fieldsets] == [q.id for q in quiz.questions]
    assert html.count("<legend>") == len(quiz.questions)
    assert "Question 1 of 2." in html and "Question 2 of 2." in html
    labels = {a["for"] for a in tree.all("label")}
    inputs = tree.all("input")
    assert len(inputs) == sum(len(q.options) for q in quiz.questions)
    for field in inputs:
        assert field["id"] in labels, f"input {field['id']} has no label"
    assert {i["type"] for i in inputs if i["name"] == "lvm-mini--q-one"} == {"radio"}
    assert {i["type"] for i in inputs if i["name"] == "lvm-mini--q-two"} == {"checkbox"}
    assert "Choose all that apply." in html


def test_correct_options_only_marked_by_data_attribute(site, href):
    quiz = site.quizzes["mini"]
    tree = Tree(render_quiz(quiz, site, href))
    marked = {i["id"] for i in tree.all("input") if "data-correct" in i}
    expected = {f"lvm-mini--{q.id}--{o.id}" for q in quiz.questions for o in q.options if o.correct}
    assert marked == expected
    # No "checked", no "correct" class on an option: nothing gives the answer away before answering.
    assert all("checked" not in i for i in tree.all("input"))
    assert not [a for _, a in tree.tags if "correct" in a.get("class", "")]


def test_explanation_in_closed_details_kept_out_of_search(site, href):
    quiz = site.quizzes["mini"]
    html = render_quiz(quiz, site, href)
    tree = Tree(html)
    details = tree.all("details")
    assert len(details) == len(quiz.questions)
    for d in details:
        assert "data-search-exclude" in d and "open" not in d
    assert html.count("<summary>Answer and explanation</summary>") == len(quiz.questions)
    assert "<strong>Answer:</strong> Leading</p>" in html
    answer = re.search(r"<strong>Answer:</strong> (.*?)</p>", html.split('data-q="q-two"')[1]).group(1)
    assert sorted(answer.split(" and ")) == ["Coaching &amp; support", "Listening"]  # in the order shown
    # The controls only JS can use are JS-only (CSS hides them without JS) or sit hidden
    # until quiz-choice.js has something to show; progress starts at zero, so nothing moves on start.
    for button in tree.all("button"):
        assert "lvm-js-only" in button.get("class", "") or button.get("class", "").startswith("lvm-reset")
    assert "hidden" in tree.all("div", **{"class": "lvm-end"})[0]
    progress = tree.all("p", **{"class": "lvm-progress lvm-js-only"})
    assert progress and "data-search-exclude" in progress[0]
    assert f"0 of {len(quiz.questions)} answered, 0 correct" in html
    assert tree.all("p", role="status"), "feedback needs a live region"


def test_explanation_links_use_href(site, href):
    html = render_quiz(site.quizzes["mini"], site, href)
    assert '<strong>Dimensions:</strong> <a href="../../leading-vs-managing/#risk">Risk</a>' in html
    for url in (
        "../../traits/#empathetic",
        "../../styles/#coaching",
        "../../principles/#set-direction",
        "../../principles/#recognise-the-context",
        "../../styles/which-style-when/#s2-selling",
    ):
        assert f'href="{url}"' in html, url
    assert ">S2 " in html  # situational levels are named with their code


def test_data_is_escaped(site, href):
    html = render_quiz(site.quizzes["mini"], site, href)
    assert "Which two fit &#34;both&#34; &amp; why?" in html
    assert "Both build trust &amp; &#34;buy-in&#34;." in html
    # Defence in depth: even markup that slipped past validation is escaped.
    bad = site.quizzes["mini"].model_copy(update={"intro": '<script>alert("x")</script>'})
    out = render_quiz(bad, site, href)
    assert "<script>" not in out and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in out


def test_several_quizzes_on_one_page_have_unique_ids_and_names(site, href):
    other = Quiz.model_validate(
        {**site.quizzes["mini"].model_dump(), "id": "mini-two", "title": "Another"}, strict=False
    )
    html = "\n\n".join(render_quiz(q, site, href) for q in (site.quizzes["mini"], other, site.quizzes["mini-self"]))
    tree = Tree(html)
    dupes = [i for i, n in Counter(tree.ids()).items() if n > 1]
    assert not dupes, dupes
    by_quiz = {}
    for field in tree.all("input"):
        by_quiz.setdefault(field["name"].split("--")[0], set()).add(field["name"])
    assert set(by_quiz) == {"lvm-mini", "lvm-mini-two", "lvm-mini-self"}
    assert not by_quiz["lvm-mini"] & by_quiz["lvm-mini-two"]


def test_self_assessment_statements_and_scale(site, href):
    quiz = site.quizzes["mini-self"]
    html = render_quiz(quiz, site, href)
    assert "\n\n" not in html.strip()
    tree = Tree(html)
    assert not tree.stack
    fieldsets = tree.all("fieldset")
    assert [f["data-q"] for f in fieldsets] == [s.id for s in quiz.statements]
    for f, s in zip(fieldsets, quiz.statements, strict=True):
        assert f["data-dim"] == s.dimension and f["data-pole"] == s.pole
        assert f["data-traits"] == " ".join(s.traits) and f["data-practices"] == " ".join(s.practices)
        assert f["data-key"] == statement_key(s.id)
    radios = tree.all("input", type="radio")
    assert len(radios) == len(quiz.statements) * len(quiz.scale)
    assert [r["value"] for r in radios[: len(quiz.scale)]] == ["1", "2"]
    labels = {a["for"] for a in tree.all("label")}
    assert all(r["id"] in labels for r in radios)
    assert "I limit &#34;exposure&#34; &amp; check the risks." in html
    assert "hidden" in tree.all("div", **{"class": "lvm-result"})[0]
    assert tree.all("button", **{"class": "lvm-show"})


def test_self_assessment_names_for_the_script(site, href):
    tree = Tree(render_quiz(site.quizzes["mini-self"], site, href))
    names = json.loads(tree.all("div", **{"data-lvm-quiz": "mini-self"})[0]["data-lvm-names"])
    assert names["s"] == ["Rarely", "Often"]
    assert names["d"]["risk"] == ["Risk", "../../leading-vs-managing/#risk"]
    assert names["t"]["visionary"] == ["Visionary", "../../traits/#visionary"]
    assert names["t"]["empathetic"][1] == "../../traits/#empathetic"
    assert names["p"]["recognise-the-context"][1] == "../../principles/#recognise-the-context"
    assert list(names["d"]) == ["risk", "change-vs-stability"]  # statement order


def test_self_assessment_method_table_for_readers_without_js(site, href):
    html = render_quiz(site.quizzes["mini-self"], site, href)
    tree = Tree(html)
    assert tree.all("details", **{"class": "lvm-method"})
    assert "<caption>" in html and tree.all("th", scope="col") and tree.all("th", scope="row")
    assert tree.all("div", role="region", tabindex="0")


def test_statement_keys_are_stable_and_checked():
    # Shared result links hold these keys: changing the scheme breaks every link already shared.
    assert statement_key("s-one") == "badc3b"
    assert len(statement_key("s-push-for-change")) == 6


def test_real_quizzes_render(href, site_data):
    site = site_data
    for quiz in site.quizzes:
        tree = Tree(render_quiz(quiz, site, href))
        assert not tree.stack
        assert not [i for i, n in Counter(tree.ids()).items() if n > 1]
    statement_keys(site.quizzes["self-assessment"])  # no key collision among the real statements


# --------------------------------------------------------------------------- option order
def test_options_are_shuffled_by_question_id_deterministically(site):
    from macros.render_quiz import fixed_options, ordered_options

    quiz = site.quizzes["mini"]
    assert not fixed_options(quiz)
    for q in quiz.questions:
        first = [o.id for o in ordered_options(quiz, q)]
        assert first == [o.id for o in ordered_options(quiz, q)]  # same on every call and build
        assert sorted(first) == sorted(o.id for o in q.options)
    # The order follows the ids, not the data order: reversing the data changes nothing.
    q = quiz.questions[1]
    flipped = q.model_copy(update={"options": list(reversed(q.options))})
    assert [o.id for o in ordered_options(quiz, flipped)] == [o.id for o in ordered_options(quiz, q)]


def test_keyed_options_spread_over_the_positions(site):
    """However the digests fall, the keys of a quiz share the places out evenly, and the order
    stays the same from call to call."""
    from macros.render_quiz import ordered_options

    quiz = site.quizzes["mini"]
    q = next(q for q in quiz.questions if sum(o.correct for o in q.options) == 1)
    flipped = list(reversed(q.options))  # two data orders, so the set is not a fixed one
    many = quiz.model_copy(
        update={
            "questions": [
                q.model_copy(update={"id": f"q-{n}", "options": flipped if n % 2 else q.options})
                for n in range(4 * len(q.options) + 1)
            ]
        }
    )
    places = Counter(
        n for question in many.questions for n, o in enumerate(ordered_options(many, question)) if o.correct
    )
    assert sorted(places) == list(range(len(q.options)))
    assert max(places.values()) - min(places.values()) <= 1, places
    again = [[o.id for o in ordered_options(many, question)] for question in many.questions]
    assert again == [[o.id for o in ordered_options(many, question)] for question in many.questions]


def test_a_fixed_option_set_keeps_its_order(site):
    from macros.render_quiz import fixed_options, ordered_options

    quiz = site.quizzes["mini"]
    same = quiz.model_copy(
        update={"questions": [quiz.questions[0], quiz.questions[0].model_copy(update={"id": "q-b"})]}
    )
    assert fixed_options(same)
    assert [o.id for o in ordered_options(same, same.questions[1])] == ["leading", "managing"]


def test_shuffle_uses_hashlib_not_hash():
    source = (ROOT_DIR / "macros" / "render_quiz.py").read_text(encoding="utf-8")
    code = re.sub(r'"""[\s\S]*?"""', "", source)  # docstrings may name hash()
    assert "hashlib.sha256" in code and not re.search(r"(?<![.\w])hash\(", code)


# --------------------------------------------------------------------------- self-assessment details
def test_not_yet_answer_and_reverse_marks(site, href):
    quiz = site.quizzes["mini-self"]
    statements = [
        quiz.statements[0].model_copy(update={"not_yet": True}),
        quiz.statements[1].model_copy(update={"reverse": True}),
        quiz.statements[2],
    ]
    changed = quiz.model_copy(update={"statements": statements, "not_yet": "Not yet"})
    tree = Tree(render_quiz(changed, site, href))
    zero = [i for i in tree.all("input") if i["value"] == "0"]
    assert [i["name"] for i in zero] == ["lvm-mini-self--s-one"]  # only where the data offers it
    fieldsets = tree.all("fieldset")
    assert ["data-reverse" in f for f in fieldsets] == [False, True, False]
    names = json.loads(tree.all("div", **{"data-lvm-quiz": "mini-self"})[0]["data-lvm-names"])
    assert names["na"] == "Not yet"
    assert {"high", "low", "lean", "leanDim", "develop", "min"} <= set(names)


def test_not_yet_statement_needs_a_label():
    from pydantic import ValidationError

    raw = {
        "id": "x",
        "title": "X",
        "kind": "self-assessment",
        "intro": "X.",
        "scale": [{"value": 1, "label": "A"}, {"value": 2, "label": "B"}],
        "statements": [{"id": "s-a", "text": "A.", "dimension": "risk", "pole": "leading", "not_yet": True}],
    }
    with pytest.raises(ValidationError, match="no 'not_yet' label"):
        Quiz.model_validate(raw)


def test_scoring_key_states_the_thresholds(site, href):
    from macros.render_quiz import scoring

    quiz = site.quizzes["mini-self"]
    html = render_quiz(quiz, site, href)
    rules = scoring(quiz)
    assert "Scoring key" in html and f"{rules['high']} or more is high" in html and f"Below {rules['low']}" in html
    assert "not a verdict" in html or "about even" in html


def test_quiz_facts_come_from_the_data(site):
    from macros.render_quiz import render_quiz_facts

    assert render_quiz_facts(site.quizzes["mini"]) == "2 questions, about 1 minute"
    assert render_quiz_facts(site.quizzes["mini-self"]).startswith("3 statements, about ")


def test_qti_link_only_when_given(site, href):
    assert "QTI 2.1" not in render_quiz(site.quizzes["mini"], site, href)
    html = render_quiz(site.quizzes["mini"], site, href, qti_url="../mini-qti21.zip")
    assert 'href="../mini-qti21.zip" download' in html


def test_every_lms_download_is_linked_with_its_import_line(site, href):
    from macros.lms import FORMATS

    soup = html_soup(render_quiz(site.quizzes["mini"], site, href, qti_url="../mini-qti21.zip"))
    box = soup.select_one("details.lvm-qti")
    assert box is not None and box.has_attr("data-search-exclude")
    links = {a["href"]: a.find_parent("li").get_text(" ", strip=True) for a in box.select("a[download]")}
    for fmt in FORMATS:
        url = "../" + fmt.path("mini").rpartition("/")[2]
        assert url in links, fmt.key
        assert fmt.system.lower() in links[url].lower() and fmt.how.split(" → ")[0] in links[url]
