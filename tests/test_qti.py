"""QTI 2.1 packages of the choice quizzes: well-formed XML with the structure LMS importers read.

The QTI 2.1 XSD is not available offline, so this checks well-formedness and the structure the
specification requires of the elements used: namespaces, identifiers, a correct response that
names real choices, and a manifest whose resources point at files in the zip.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET

import pytest

from macros import qti
from macros.data import load_site_data
from macros.render_quiz import ordered_options

from .conftest import ROOT

Q = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
C = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


@pytest.fixture(scope="module")
def site():
    return load_site_data(ROOT / "data", ROOT)


def choice_quizzes(site):
    return [q for q in site.quizzes if q.kind == "choice"]


def open_package(quiz) -> dict[str, ET.Element]:
    with zipfile.ZipFile(io.BytesIO(qti.package(quiz))) as archive:
        assert archive.testzip() is None
        # Our own build output, not untrusted input.
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}  # noqa: S314


def test_every_choice_quiz_has_a_valid_package(site):
    for quiz in choice_quizzes(site):
        files = open_package(quiz)
        manifest = files.pop("imsmanifest.xml")
        assert manifest.tag == f"{C}manifest"
        resources = manifest.findall(f"{C}resources/{C}resource")
        hrefs = {r.get("href") for r in resources}
        assert hrefs == set(files), "every file is a resource and every resource a file"
        items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
        tests = [r for r in resources if r.get("type") == "imsqti_test_xmlv2p1"]
        assert len(items) == len(quiz.questions) and len(tests) == 1
        resource_ids = {r.get("identifier") for r in resources}
        for dep in tests[0].findall(f"{C}dependency"):
            assert dep.get("identifierref") in resource_ids
        test = files[tests[0].get("href")]
        assert test.tag == f"{Q}assessmentTest"
        refs = test.findall(f"{Q}testPart/{Q}assessmentSection/{Q}assessmentItemRef")
        assert [r.get("href") for r in refs] == [f"items/{q.id}.xml" for q in quiz.questions]
        for question, ref in zip(quiz.questions, refs, strict=True):
            check_item(quiz, question, files[ref.get("href")], ref.get("identifier"))


def check_item(quiz, question, item: ET.Element, identifier: str) -> None:
    assert item.tag == f"{Q}assessmentItem"
    assert item.get("identifier") == identifier and NCNAME.match(identifier)
    assert item.get("adaptive") == "false" and item.get("timeDependent") == "false"
    response = item.find(f"{Q}responseDeclaration")
    assert response.get("identifier") == "RESPONSE" and response.get("baseType") == "identifier"
    assert response.get("cardinality") == ("multiple" if question.multiple else "single")
    interaction = item.find(f"{Q}itemBody/{Q}choiceInteraction")
    assert interaction.get("responseIdentifier") == "RESPONSE"
    assert interaction.get("maxChoices") == ("0" if question.multiple else "1")
    assert interaction.find(f"{Q}prompt").text.split() == question.prompt.split()
    choices = interaction.findall(f"{Q}simpleChoice")
    assert [c.text for c in choices] == [o.text for o in ordered_options(quiz, question)]
    ids = [c.get("identifier") for c in choices]
    assert all(NCNAME.match(i) for i in ids) and len(set(ids)) == len(ids)
    keyed = [v.text for v in response.findall(f"{Q}correctResponse/{Q}value")]
    assert keyed and set(keyed) <= set(ids)
    assert len(keyed) == sum(o.correct for o in question.options)
    outcomes = {o.get("identifier") for o in item.findall(f"{Q}outcomeDeclaration")}
    assert {"SCORE", "FEEDBACK"} <= outcomes
    assert item.find(f"{Q}responseProcessing") is not None
    feedback = item.find(f"{Q}modalFeedback")
    assert feedback.get("outcomeIdentifier") == "FEEDBACK" and feedback.text.split() == question.explanation.split()
    # Element order the QTI 2.1 schema requires of assessmentItem.
    order = [child.tag.removeprefix(Q) for child in item]
    assert order == sorted(
        order,
        key=["responseDeclaration", "outcomeDeclaration", "itemBody", "responseProcessing", "modalFeedback"].index,
    )


def test_packages_are_the_same_on_every_build(site):
    for quiz in choice_quizzes(site):
        assert qti.package(quiz) == qti.package(quiz)


def test_self_assessment_is_not_exported(site, tmp_path):
    from macros.lms import FORMATS

    written = qti.write_packages(site.quizzes, tmp_path)
    expected = [fmt.path(q.id).rpartition("/")[2] for q in choice_quizzes(site) for fmt in FORMATS]
    assert sorted(p.name for p in written) == sorted(expected)


@pytest.mark.build
def test_quiz_pages_link_their_package(built_site):
    for quiz_id in ("leading-or-managing", "which-style"):
        html = (built_site / "quizzes" / quiz_id / "index.html").read_text(encoding="utf-8")
        assert f'href="../{quiz_id}-qti21.zip" download' in html
        assert (built_site / "quizzes" / f"{quiz_id}-qti21.zip").is_file()
        from macros.lms import FORMATS

        for fmt in FORMATS:  # every LMS file is linked from the quiz page and is in the site
            name = fmt.path(quiz_id).rpartition("/")[2]
            assert f'href="../{name}" download' in html
            assert (built_site / fmt.path(quiz_id)).is_file()
