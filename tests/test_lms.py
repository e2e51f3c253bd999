"""The LMS downloads of every choice quiz, read back by readers we did not write.

- Moodle (GIFT): pygiftparser parses the file; every question's keyed answers, weights and the
  explanation (general feedback) must come back exactly.
- Canvas (QTI 1.2, written by text2qti): the zip's QTI XML is parsed; the keyed choice of each
  item and its general feedback must be the data's. qti-package-maker's text2qti reader also
  reads back the text2qti source we hand to text2qti.
- Blackboard (pool zip, written by qti-package-maker): qti-package-maker's own Blackboard
  reader reads the zip back; answers must survive, and the explanation sits in the feedback.
Each runs on the real quizzes and on a hostile quiz whose text carries quotes, ampersands,
angle brackets and GIFT's special characters.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from macros import lms
from macros.data import load_site_data
from macros.inline import plain_inline
from macros.models import Quiz
from macros.render_quiz import ordered_options

from .conftest import ROOT

NASTY = 'Tom & "Jerry" O\'Neil ~tilde =eq #hash {brace} a:b \\slash $5 *star* _u_ [x](y) `code` 1. not a list'


def hostile_quiz() -> Quiz:
    return Quiz.model_validate(
        {
            "id": "hostile",
            "title": f"Title {NASTY}",
            "kind": "choice",
            "intro": f"Intro {NASTY}",
            "questions": [
                {
                    "id": "q-one",
                    "prompt": f"Prompt {NASTY}?",
                    "options": [
                        {"id": "a", "text": f"Right {NASTY}", "correct": True},
                        {"id": "b", "text": "Wrong = not {this}"},
                        {"id": "c", "text": "Also wrong: #2"},
                    ],
                    "explanation": f"Because {NASTY}.",
                },
                {
                    "id": "q-two",
                    "prompt": "Pick all that fit: a ~ b",
                    "multiple": True,
                    "options": [
                        {"id": "a", "text": "First & right", "correct": True},
                        {"id": "b", "text": "Second & right", "correct": True},
                        {"id": "c", "text": "Third {wrong}"},
                    ],
                    "explanation": "Two fit; one does not.",
                },
            ],
        }
    )


def real_quizzes():
    site = load_site_data(ROOT / "data", ROOT)
    return [q for q in site.quizzes if q.kind == "choice"]


QUIZZES = [*real_quizzes(), hostile_quiz()]
IDS = [q.id for q in QUIZZES]


def text(value: str) -> str:
    """What a learning system shows of a data text: one line, its inline Markdown as plain words."""
    return " ".join(plain_inline(value).split())


def keyed(quiz, question) -> list[str]:
    return [text(o.text) for o in ordered_options(quiz, question) if o.correct]


# ------------------------------------------------------------------ Moodle: GIFT
def gift_text(raw: str) -> str:
    """What Moodle shows: GIFT escapes undone, then HTML entities (the questions are [html])."""
    raw = raw.removeprefix("[html]")
    return html.unescape(re.sub(r"\\(.)", r"\1", raw)).strip()


@pytest.mark.parametrize("quiz", QUIZZES, ids=IDS)
def test_gift_round_trip(quiz):
    from pygiftparser import parser

    parsed = parser.parseFile(io.StringIO(lms.gift(quiz).decode("utf-8")))
    if quiz.intro:  # the quiz's intro travels as a GIFT description item before the questions
        about, *parsed = parsed
        assert about.title == "About this quiz" and gift_text(about.text) == text(quiz.intro)
    assert [q.title for q in parsed] == [q.id for q in quiz.questions]
    for question, back in zip(quiz.questions, parsed, strict=True):
        assert back.valid, question.id
        assert gift_text(back.text) == text(question.prompt)
        assert gift_text(back.generalFeedback) == text(question.explanation)
        answers = back.answers.answers
        assert [gift_text(a.answer) for a in answers] == [text(o.text) for o in ordered_options(quiz, question)]
        right = [gift_text(a.answer) for a in answers if float(a.fraction) > 0]
        assert right == keyed(quiz, question)
        if not question.multiple:
            assert [float(a.fraction) for a in answers if a.select] == [100.0]
        for answer in answers:
            assert gift_text(answer.feedback), "every option carries its own feedback"


# ------------------------------------------------------------------ Canvas: QTI 1.2
Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def mattext(node) -> str:
    """The text a Canvas reader shows for a <mattext texttype="text/html">."""
    inner = node.text or ""
    return html.unescape(re.sub(r"<[^>]+>", "", inner)).strip()


@pytest.mark.parametrize("quiz", QUIZZES, ids=IDS)
def test_canvas_qti12(quiz):
    with zipfile.ZipFile(io.BytesIO(lms.canvas(quiz))) as archive:
        assert archive.testzip() is None
        names = archive.namelist()
        assert names[0] == "imsmanifest.xml"
        [assessment_name] = [n for n in names if n.endswith(".xml") and "/assessment_meta" not in n and "/" in n]
        root = ET.fromstring(archive.read(assessment_name))  # noqa: S314 (our own build output)
    items = list(root.iter(f"{Q12}item"))
    assert len(items) == len(quiz.questions)
    for question, item in zip(quiz.questions, items, strict=True):
        prompt = item.find(f"{Q12}presentation/{Q12}material/{Q12}mattext")
        assert mattext(prompt) == text(question.prompt)
        labels = {
            label.get("ident"): mattext(label.find(f".//{Q12}mattext")) for label in item.iter(f"{Q12}response_label")
        }
        assert list(labels.values()) == [text(o.text) for o in ordered_options(quiz, question)]
        scoring = [
            c
            for c in item.iter(f"{Q12}respcondition")
            if c.find(f"{Q12}setvar") is not None and c.find(f"{Q12}setvar").text not in (None, "0")
        ]
        # the keyed choices are the ones the scoring condition asks for (not those under <not>)
        chosen = [
            labels[v.text]
            for c in scoring
            for parent in c.iter()
            if parent.tag in (f"{Q12}conditionvar", f"{Q12}and")
            for v in parent.findall(f"{Q12}varequal")
        ]
        assert sorted(chosen) == sorted(keyed(quiz, question))
        feedback = {f.get("ident"): f for f in item.iter(f"{Q12}itemfeedback")}
        assert mattext(feedback["general_fb"].find(f".//{Q12}mattext")) == text(question.explanation)


@pytest.mark.parametrize("quiz", QUIZZES, ids=IDS)
def test_canvas_source_read_by_an_independent_reader(quiz, tmp_path: Path):
    from qti_package_maker.package_interface import QTIPackageInterface

    source = tmp_path / f"{quiz.id}.txt"
    source.write_text(lms.text2qti_source(quiz), encoding="utf-8")
    reader = QTIPackageInterface("check", verbose=False, allow_mixed=True)
    reader.read_package(str(source), "text2qti")
    # That reader skips questions with non-ASCII text (its own limit; text2qti itself and the
    # Canvas zip carry them, as test_canvas_qti12 shows): count the ones it can read.
    readable = [q for q in quiz.questions if (q.prompt + q.explanation + "".join(o.text for o in q.options)).isascii()]
    assert len(reader.item_bank) == len(readable)


# ------------------------------------------------------------------ Blackboard
@pytest.mark.parametrize("quiz", QUIZZES, ids=IDS)
def test_blackboard_round_trip(quiz, tmp_path: Path):
    from qti_package_maker.package_interface import QTIPackageInterface

    data = lms.blackboard(quiz)
    path = tmp_path / f"{quiz.id}.zip"
    path.write_bytes(data)
    reader = QTIPackageInterface("check", verbose=False, allow_mixed=True)
    reader.read_package(str(path), "blackboard_export_zip")
    items = list(reader.item_bank.items_dict.values())
    assert len(items) == len(quiz.questions)
    by_prompt = {html.unescape(text(i.question_text)): i for i in items}
    for question in quiz.questions:
        item = by_prompt[text(question.prompt)]
        right = item.answers_list if question.multiple else [item.answer_text]
        assert sorted(html.unescape(text(a)) for a in right) == sorted(keyed(quiz, question))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pool = next(archive.read(n) for n in archive.namelist() if b"<questestinterop" in archive.read(n))
    root = ET.fromstring(pool)  # noqa: S314 (our own build output)
    for question, item in zip(quiz.questions, root.iter("item"), strict=True):
        shown = [html.unescape(re.sub(r"<[^>]+>", "", t.text or "")) for t in item.iter("mat_formattedtext")]
        assert text(question.explanation) in shown


@pytest.mark.parametrize("quiz", QUIZZES[:1], ids=IDS[:1])
def test_every_file_is_the_same_on_every_build(quiz):
    for writer in lms.WRITERS.values():
        assert writer(quiz) == writer(quiz)


def test_each_format_has_an_import_line_and_a_distinct_file():
    paths = [f.path("x") for f in lms.FORMATS]
    assert len(set(paths)) == len(paths)
    for fmt in lms.FORMATS:
        assert fmt.how.strip() and fmt.system.strip() and fmt.label.strip()


def test_a_paths_quiz_steps_join_into_one_package_in_every_format(tmp_path: Path):
    site = load_site_data(ROOT / "data", ROOT)
    with_quiz = [p for p in site.paths if any(s.kind == "quizzes" for s in p.steps)]
    assert with_quiz, "a curated path with a quiz step"
    path = with_quiz[0]
    quiz = lms.path_quiz(path, site.quizzes)
    parts = [site.quizzes[s.id] for s in path.steps if s.kind == "quizzes" and site.quizzes[s.id].kind == "choice"]
    assert len(quiz.questions) == sum(len(q.questions) for q in parts)
    written = lms.write_path_packages(site.paths, site.quizzes, tmp_path)
    names = {p.name for p in written}
    for fmt in lms.FORMATS:
        assert fmt.path(quiz.id).rpartition("/")[2] in names
    test_gift_round_trip(quiz)


def test_canvas_packages_never_share_identifiers():
    """Canvas knows an imported quiz by its identifiers: a path's package, made of a quiz's
    questions, must not carry the quiz's own (importing one would replace the other)."""
    data = load_site_data(ROOT / "data", ROOT)
    quizzes = {q.id: q for q in data.quizzes}
    packages = [lms.canvas(q) for q in quizzes.values() if q.kind == "choice"]
    packages += [lms.canvas(q) for p in data.paths if (q := lms.path_quiz(p, quizzes)) is not None]
    seen: dict[bytes, int] = {}
    for number, package in enumerate(packages):
        with zipfile.ZipFile(io.BytesIO(package)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist())
        for ident in set(re.findall(rb"text2qti_(?:assessment|question)_[0-9a-f]+", body)):
            assert seen.setdefault(ident, number) == number, f"{ident!r} is in two packages"


# ------------------------------------------------------------------ faster, the same bytes
def test_crc16_is_the_librarys_own():
    """The Blackboard engine's identifiers come from the library's CRC helper; ours gives the same
    four digits (from the standard library's table) and refuses non-ASCII text the same way."""
    import random

    from qti_package_maker.common import string_functions

    rng = random.Random(5)  # noqa: S311 (test strings, not secrets)
    texts = ["", "a", "1a2b|label|0|3", "x" * 300]
    texts += ["".join(chr(rng.randrange(32, 127)) for _ in range(rng.randrange(40))) for _ in range(300)]
    for value in texts:
        assert lms.crc16_xmodem(value) == string_functions.get_crc16_from_string(value), value
    for crc in (lms.crc16_xmodem, string_functions.get_crc16_from_string):
        with pytest.raises(ValueError):
            crc("café")


def test_the_librarys_crc_helper_is_put_back_after_a_package():
    from qti_package_maker.common import string_functions

    before = string_functions.get_crc16_from_string
    lms.blackboard(hostile_quiz())
    assert string_functions.get_crc16_from_string is before


def test_kept_packages_are_drawn_again_only_when_the_quiz_changes(tmp_path: Path):
    """A package kept between builds is reused for the same quiz, drawn again for an edited one
    (and replaces the old: one file per quiz and format), and drawn anew from a damaged file."""
    from macros import package_cache

    drawn = []

    def draw(quiz):
        drawn.append(quiz.title)
        return lms.gift(quiz)

    quiz = hostile_quiz()
    first = package_cache.package(tmp_path, "moodle", quiz, draw)
    assert package_cache.package(tmp_path, "moodle", quiz, draw) == first == lms.gift(quiz)
    assert len(drawn) == 1
    edited = quiz.model_copy(update={"title": "Another title"})
    assert package_cache.package(tmp_path, "moodle", edited, draw) == lms.gift(edited)
    assert len(drawn) == 2 and [p.name for p in tmp_path.iterdir()] == ["hostile.moodle"]
    (tmp_path / "hostile.moodle").write_bytes(b"damaged")
    assert package_cache.package(tmp_path, "moodle", edited, draw) == lms.gift(edited)
    assert len(drawn) == 3
    assert package_cache.package(None, "moodle", quiz, draw) == first and len(drawn) == 4


def test_a_build_with_kept_packages_writes_the_same_files(tmp_path: Path):
    """The site's packages are byte for byte the same whether drawn or taken from the cache."""
    site = load_site_data(ROOT / "data", ROOT)
    cache = tmp_path / "cache"
    outputs = []
    for run in ("drawn", "kept"):
        out = tmp_path / run
        written = lms.write_path_packages(site.paths, site.quizzes, out, cache)
        outputs.append({p.relative_to(out): p.read_bytes() for p in written})
    assert outputs[0] == outputs[1] and outputs[0]
