"""Choice quizzes as IMS QTI 2.1 packages, for trainers who run them in Canvas, Moodle or Blackboard.

One zip per choice quiz, written at build time to ``site/quizzes/<id>-qti21.zip``: an IMS
content-packaging manifest (``imsmanifest.xml``), one ``assessmentItem`` per question (a
``choiceInteraction``, the keyed options as the correct response, the explanation as
modal feedback) and an ``assessmentTest`` that lists them in the quiz's order. Option order
is the one the site shows (:func:`macros.render_quiz.ordered_options`); LMSs may shuffle
again. The self-assessment has no right answers and is not exported.

mkdocs-quiz 1.7 has a QTI exporter, but it reads quizzes written in its own Markdown syntax;
these quizzes are YAML data, so this small module writes the XML from the models directly.
The zip is byte-for-byte the same on every build (fixed timestamps, sorted entries).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from .inline import plain_inline
from .render_quiz import ordered_options

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
TEST_TYPE, ITEM_TYPE = "imsqti_test_xmlv2p1", "imsqti_item_xmlv2p1"
_STAMP = (2020, 1, 1, 0, 0, 0)


def package_path(quiz_id: str) -> str:
    """Where the package of a quiz lives in the built site (relative to site_dir)."""
    return f"quizzes/{quiz_id}-qti21.zip"


def _ident(*parts: str) -> str:
    """A QTI identifier (an XML NCName): slugs joined by underscores, starting with a letter."""
    name = "_".join(parts).replace("-", "_")
    return name if name[0].isalpha() else "i" + name


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attrs.items()})
    if text is not None:
        node.text = text
    return node


def item_xml(quiz, question) -> bytes:
    """One question as a QTI 2.1 ``assessmentItem``."""
    ET.register_namespace("", QTI_NS)
    ET.register_namespace("xsi", XSI_NS)
    q = f"{{{QTI_NS}}}"
    options = ordered_options(quiz, question)
    root = ET.Element(
        f"{q}assessmentItem",
        {
            f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}",
            "identifier": _ident(quiz.id, question.id),
            "title": f"{quiz.title}: {question.id}",
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    response = _el(
        root,
        f"{q}responseDeclaration",
        identifier="RESPONSE",
        cardinality="multiple" if question.multiple else "single",
        baseType="identifier",
    )
    correct = _el(response, f"{q}correctResponse")
    for option in options:
        if option.correct:
            _el(correct, f"{q}value", _ident(option.id))
    score = _el(root, f"{q}outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    _el(_el(score, f"{q}defaultValue"), f"{q}value", "0")
    _el(root, f"{q}outcomeDeclaration", identifier="FEEDBACK", cardinality="single", baseType="identifier")
    body = _el(root, f"{q}itemBody")
    interaction = _el(
        body,
        f"{q}choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="false",
        maxChoices="0" if question.multiple else "1",
    )
    _el(interaction, f"{q}prompt", " ".join(plain_inline(question.prompt).split()))
    for option in options:
        _el(interaction, f"{q}simpleChoice", plain_inline(option.text), identifier=_ident(option.id))
    # The rule of the standard match_correct template (SCORE 1 for the keyed response, else 0),
    # written out so that it can also show the explanation (FEEDBACK) after any answer.
    processing = _el(root, f"{q}responseProcessing")
    condition = _el(processing, f"{q}responseCondition")
    when = _el(condition, f"{q}responseIf")
    match = _el(when, f"{q}match")
    _el(match, f"{q}variable", identifier="RESPONSE")
    _el(match, f"{q}correct", identifier="RESPONSE")
    _el(_el(when, f"{q}setOutcomeValue", identifier="SCORE"), f"{q}baseValue", "1", baseType="float")
    otherwise = _el(condition, f"{q}responseElse")
    _el(_el(otherwise, f"{q}setOutcomeValue", identifier="SCORE"), f"{q}baseValue", "0", baseType="float")
    _el(
        _el(processing, f"{q}setOutcomeValue", identifier="FEEDBACK"),
        f"{q}baseValue",
        "EXPLANATION",
        baseType="identifier",
    )
    _el(
        root,
        f"{q}modalFeedback",
        " ".join(plain_inline(question.explanation).split()),
        outcomeIdentifier="FEEDBACK",
        showHide="show",
        identifier="EXPLANATION",
    )
    return _xml(root)


def test_xml(quiz, items: list[tuple[str, str]]) -> bytes:
    """The quiz as an ``assessmentTest`` referring to its items, in the quiz's order."""
    ET.register_namespace("", QTI_NS)
    q = f"{{{QTI_NS}}}"
    root = ET.Element(
        f"{q}assessmentTest",
        {f"{{{XSI_NS}}}schemaLocation": f"{QTI_NS} {QTI_XSD}", "identifier": _ident(quiz.id), "title": quiz.title},
    )
    part = _el(root, f"{q}testPart", identifier="part_1", navigationMode="linear", submissionMode="individual")
    section = _el(part, f"{q}assessmentSection", identifier="section_1", title=quiz.title, visible="true")
    for identifier, href in items:
        _el(section, f"{q}assessmentItemRef", identifier=identifier, href=href)
    return _xml(root)


def manifest_xml(quiz, items: list[tuple[str, str]], test_href: str) -> bytes:
    ET.register_namespace("", CP_NS)
    c = f"{{{CP_NS}}}"
    root = ET.Element(
        f"{c}manifest",
        {f"{{{XSI_NS}}}schemaLocation": f"{CP_NS} {CP_XSD}", "identifier": _ident("manifest", quiz.id)},
    )
    metadata = _el(root, f"{c}metadata")
    _el(metadata, f"{c}schema", "QTIv2.1 Package")
    _el(metadata, f"{c}schemaversion", "1.0.0")
    _el(root, f"{c}organizations")
    resources = _el(root, f"{c}resources")
    test = _el(
        resources, f"{c}resource", identifier=_ident("test", quiz.id), type="imsqti_test_xmlv2p1", href=test_href
    )
    _el(test, f"{c}file", href=test_href)
    for identifier, _href in items:
        _el(test, f"{c}dependency", identifierref=_ident("res", identifier))
    for identifier, href in items:
        resource = _el(
            resources, f"{c}resource", identifier=_ident("res", identifier), type="imsqti_item_xmlv2p1", href=href
        )
        _el(resource, f"{c}file", href=href)
    return _xml(root)


def package(quiz) -> bytes:
    """The zip of one choice quiz."""
    files: dict[str, bytes] = {}
    items = []
    for question in quiz.questions:
        href = f"items/{question.id}.xml"
        files[href] = item_xml(quiz, question)
        items.append((_ident(quiz.id, question.id), href))
    test_href = f"{quiz.id}.xml"
    files[test_href] = test_xml(quiz, items)
    files["imsmanifest.xml"] = manifest_xml(quiz, items, test_href)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ["imsmanifest.xml", *sorted(n for n in files if n != "imsmanifest.xml")]:
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def write_packages(quizzes, site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Write the package of every choice quiz into the built site, and beside it the files for
    Canvas, Moodle and Blackboard (:mod:`macros.lms`); return the paths. ``cache``: a folder of
    packages kept between builds (:mod:`macros.package_cache`)."""
    from .lms import write_packages as write_lms_files
    from .package_cache import package as kept

    written = write_lms_files(quizzes, site_dir, cache)
    for quiz in quizzes:
        if quiz.kind != "choice":
            continue
        path = site_dir / package_path(quiz.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(kept(cache, "qti21", quiz, package))
        written.append(path)
    return written
