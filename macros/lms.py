"""Choice quizzes in the formats the learning systems that onboarding leads use actually import.

One file per choice quiz and format, written at build time into ``site/quizzes/``:

============  ==========================================  =======================================
format        file                                        written by
============  ==========================================  =======================================
QTI 2.1       ``<id>-qti21.zip``                           :mod:`macros.qti` (our own, unchanged)
Canvas        ``<id>-canvas-qti12.zip`` (QTI 1.2)          text2qti (the tool Canvas users use)
Moodle        ``<id>-moodle.gift.txt`` (GIFT)              :func:`gift` below
Blackboard    ``<id>-blackboard.zip`` (pool export)        qti-package-maker, feedback added
============  ==========================================  =======================================

Why each writer: text2qti is the maintained tool that writes Canvas's QTI 1.2 flavour with
general feedback, so the explanation of every question reaches Canvas (qti-package-maker's
Canvas engine drops feedback). Moodle's core import reads GIFT, Moodle XML and Aiken, not
QTI 2.1; qti-package-maker only writes Aiken there, which has no feedback and no multiple-answer
questions, so GIFT is written here (a dozen lines, escaped as Moodle's GIFT documentation
says). Blackboard's pool export is qti-package-maker's ``blackboard_export_zip`` engine, which
also reads it back (the tests use that reader); its feedback blocks come out empty, so the
question's explanation is filled in afterwards. Every file is the same bytes on every build.
"""

from __future__ import annotations

import binascii
import contextlib
import hashlib
import io
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .inline import plain_inline

_STAMP = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Format:
    key: str
    label: str  # the link's text on the quiz page
    system: str  # who imports it
    how: str  # one line: how to import it
    suffix: str

    def path(self, quiz_id: str) -> str:
        """Where the file of a quiz lives in the built site (relative to site_dir)."""
        return f"quizzes/{quiz_id}{self.suffix}"


FORMATS: tuple[Format, ...] = (
    Format(
        "canvas",
        "Canvas (QTI 1.2 zip)",
        "Canvas",
        "Course Settings → Import Course Content → Content Type “QTI .zip file” → choose the file → Import "
        "(it arrives as a classic quiz).",
        "-canvas-qti12.zip",
    ),
    Format(
        "moodle",
        "Moodle (GIFT text file)",
        "Moodle",
        "Question bank → Import → File format “GIFT format” → upload the file → Import; then add the "
        "questions to a quiz.",
        "-moodle.gift.txt",
    ),
    Format(
        "blackboard",
        "Blackboard (pool zip)",
        "Blackboard Learn",
        "Original course view: Course Tools → Tests, Surveys, and Pools → Pools → Import Pool; Ultra: "
        "Course Content → Manage banks → + → choose the zip.",
        "-blackboard.zip",
    ),
    Format(
        "qti21",
        "QTI 2.1 package (zip)",
        "Other systems that import IMS QTI 2.1",
        "Use your system's QTI 2.1 or “IMS content package” import.",
        "-qti21.zip",
    ),
)


def ordered_options(quiz, question) -> list:
    """The options in the order the quiz page shows them (imported late: render_quiz lists FORMATS)."""
    from .render_quiz import ordered_options as on_page

    return on_page(quiz, question)


#: The QTI 2.1 package (the quiz page's relative links to the others start from its folder).
QTI21 = next(fmt for fmt in FORMATS if fmt.key == "qti21")


def one_line(text: str) -> str:
    """Data text as a single line (folded YAML and Markdown files may wrap), as plain text (its
    inline Markdown read as words: a learning system shows the markers, not the emphasis)."""
    return " ".join(plain_inline(text).split())


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip with fixed timestamps and the manifest first: the same bytes on every build."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = sorted(files, key=lambda n: (n != "imsmanifest.xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if name.endswith("/") else 0o644) << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


# ---------------------------------------------------------------- Moodle: GIFT
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    """Data text for a GIFT file. The questions are marked ``[html]``, so HTML's ``& < >`` become
    entities and text stays text; GIFT's special characters ``~ = # :`` (and the backslash) are
    escaped with a backslash, as Moodle's GIFT documentation says. Braces are written as
    numeric entities (``&\\#123;``): some GIFT readers end an answer block at an escaped ``\\}``,
    an entity is read the same by all of them and Moodle shows a brace."""
    escaped = _GIFT_SPECIAL.sub(r"\\\1", _html(one_line(text)))
    return escaped.replace("\\{", "&\\#123;").replace("\\}", "&\\#125;")


def _gift_weights(count: int) -> str:
    # Moodle accepts only some fractions; these are the ones for 1-5 correct answers.
    return {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20"}[count]


def gift(quiz) -> bytes:
    """The quiz in Moodle's GIFT format: one question per block, the explanation as general
    feedback (``####``), every option with its own feedback line (``#``)."""
    lines = [f"// {gift_escape(quiz.title)}: exported from the Leading vs Managing field guide", ""]
    if quiz.intro:  # a GIFT description item (no answer block): the quiz's terms travel with it
        lines += [f"::About this quiz::[html]{gift_escape(quiz.intro)}", ""]
    for question in quiz.questions:
        options = ordered_options(quiz, question)
        correct = [o for o in options if o.correct]
        lines.append(f"::{gift_escape(question.id)}::[html]{gift_escape(question.prompt)} {{")
        for option in options:
            if question.multiple:
                mark = f"~%{_gift_weights(len(correct))}%" if option.correct else "~%-100%"
            else:
                mark = "=" if option.correct else "~"
            verdict = "Right." if option.correct else "Not the best answer."
            lines.append(f"\t{mark}{gift_escape(option.text)}#{verdict}")
        lines.append(f"\t####{gift_escape(question.explanation)}")
        lines.append("}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


# ---------------------------------------------------------------- Canvas: text2qti
_T2Q_SPECIAL = re.compile(r"""([\\`*_{}\[\]()#+!|$<>&'".\-])""")
_T2Q_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&quot;"}


def _t2q_text(text: str) -> str:
    """Data text as text2qti Markdown that renders as exactly that text: Markdown and HTML
    characters escaped, ``$`` too (text2qti would take it as LaTeX), and quotes as entities
    (its Markdown would curl them)."""
    return _T2Q_SPECIAL.sub(lambda m: _T2Q_ENTITIES.get(m[1], "\\" + m[1]), one_line(text))


def text2qti_source(quiz) -> str:
    """The quiz in text2qti's plain-text format (what a Canvas user would type)."""
    lines = [f"Quiz title: {_t2q_text(quiz.title)}", f"Quiz description: {_t2q_text(quiz.intro)}", ""]
    for number, question in enumerate(quiz.questions, start=1):
        options = ordered_options(quiz, question)
        lines.append(f"{number}.  {_t2q_text(question.prompt)}")
        lines.append(f"... {_t2q_text(question.explanation)}")
        for index, option in enumerate(options):
            letter = chr(ord("a") + index)
            if question.multiple:
                lines.append(f"{'[*]' if option.correct else '[ ]'} {_t2q_text(option.text)}")
            else:
                lines.append(f"{'*' if option.correct else ''}{letter}) {_t2q_text(option.text)}")
        lines.append("")
    return "\n".join(lines)


def canvas(quiz) -> bytes:
    """The quiz as a Canvas QTI 1.2 zip, written by text2qti from :func:`text2qti_source`."""
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    config = Config()  # the defaults; no user file is read and nothing is fetched
    built = Quiz(text2qti_source(quiz), config=config, source_name=f"{quiz.id}.txt")
    return _own_identifiers(QTI(built).zip_bytes(), quiz.id)


_T2Q_ID = re.compile(rb"(text2qti_[a-z]+_)([0-9a-f]{16,128})")


def _own_identifiers(data: bytes, quiz_id: str) -> bytes:
    """text2qti names the quiz and its questions by hashes of their text, so two packages with the
    same questions (a quiz and a path made of it) carry the same identifiers, and importing one
    into a Canvas course could replace the other. Each hash is hashed again with the quiz's id:
    stable from build to build, different from package to package."""
    key = quiz_id.encode("utf-8")[:64]

    def own(match: re.Match) -> bytes:
        digest = hashlib.blake2b(match.group(2), key=key).hexdigest()[: len(match.group(2))]
        return match.group(1) + digest.encode("ascii")

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return _zip(
        {_T2Q_ID.sub(own, name.encode("utf-8")).decode("utf-8"): _T2Q_ID.sub(own, body) for name, body in files.items()}
    )


# ---------------------------------------------------------------- Blackboard: qti-package-maker
def crc16_xmodem(text: str) -> str:
    """The CRC-16/XMODEM of ASCII ``text`` as four lowercase hex digits: what qti-package-maker's
    ``string_functions.get_crc16_from_string`` returns, from the standard library's table.

    The library's own builds a 256-entry crcmod table in pure Python on every call, and its
    Blackboard engine calls it eight times per identifier: thousands of tables per build. Same
    digits (a test compares them); non-ASCII text raises ``ValueError`` as the library's does."""
    try:
        data = text.encode("ascii", errors="strict")
    except UnicodeEncodeError as err:
        raise ValueError(f"Cannot encode string to ASCII: {text}. Original error: {err}") from err
    return f"{binascii.crc_hqx(data, 0):04x}"


@contextlib.contextmanager
def _fast_crc16():
    """qti-package-maker with :func:`crc16_xmodem` in place of its CRC helper, for one package."""
    from qti_package_maker.common import string_functions

    original = string_functions.get_crc16_from_string
    string_functions.get_crc16_from_string = crc16_xmodem
    try:
        yield
    finally:
        string_functions.get_crc16_from_string = original


def blackboard(quiz) -> bytes:
    """The quiz as a Blackboard pool export zip (qti-package-maker), each question's
    explanation written into its correct and incorrect feedback."""
    import lxml.etree
    from qti_package_maker.package_interface import QTIPackageInterface

    packer = QTIPackageInterface(f"{quiz.id}", verbose=False, allow_mixed=True)
    explanations = []
    for question in quiz.questions:
        # The library takes HTML (it parses the text), so data text goes in escaped.
        options = [_html(one_line(o.text)) for o in ordered_options(quiz, question)]
        correct = [_html(one_line(o.text)) for o in ordered_options(quiz, question) if o.correct]
        prompt = _html(one_line(question.prompt))
        if question.multiple:
            packer.add_item("MA", (prompt, options, correct))
        else:
            packer.add_item("MC", (prompt, options, correct[0]))
        explanations.append(one_line(question.explanation))
    # The engine builds its package in a folder of the working directory named by the hour and
    # minute: two builds at once would share it. Work in a folder of our own.
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp), _fast_crc16():
        out = Path(tmp) / f"{quiz.id}.zip"
        packer.save_package("blackboard_export_zip", str(out))
        with zipfile.ZipFile(out) as archive:
            files = {name: archive.read(name) for name in archive.namelist()}
    if ".bb-package-info" in files:  # its only varying line is the time of writing
        stamp = b"#Wed Jan 01 00:00:00 UTC 2020"
        files[".bb-package-info"] = re.sub(rb"(?m)^#\w{3} \w{3} .*$", stamp, files[".bb-package-info"])
    for name, content in files.items():
        if not name.endswith(".dat") or b"<questestinterop" not in content:
            continue
        root = lxml.etree.fromstring(content)
        for item, explanation in zip(root.iter("item"), explanations, strict=True):
            for feedback in item.iter("itemfeedback"):
                if feedback.get("ident") not in ("correct", "incorrect"):
                    continue
                flow = feedback.find("flow_mat")
                material = lxml.etree.SubElement(flow, "material")
                extension = lxml.etree.SubElement(material, "mat_extension")
                text = lxml.etree.SubElement(extension, "mat_formattedtext", type="HTML")
                text.text = f"<p>{_html(explanation)}</p>"
        files[name] = lxml.etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return _zip(files)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


WRITERS: dict[str, Callable] = {"canvas": canvas, "moodle": gift, "blackboard": blackboard}


def downloads(quiz_id: str) -> list[Format]:
    """The formats a choice quiz is published in, in the order the page lists them."""
    return list(FORMATS)


def write_packages(quizzes, site_dir: Path, cache: Path | None = None) -> list[Path]:
    """Write every choice quiz in every format except QTI 2.1 (:mod:`macros.qti` writes that);
    ``cache``: a folder of packages kept between builds (:mod:`macros.package_cache`)."""
    from .package_cache import package as kept

    written = []
    for quiz in quizzes:
        if quiz.kind != "choice":
            continue
        for fmt in FORMATS:
            writer = WRITERS.get(fmt.key)
            if writer is None:
                continue
            path = site_dir / fmt.path(quiz.id)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(kept(cache, fmt.key, quiz, writer))
            written.append(path)
    return written


# ---------------------------------------------------------------- a path's quiz steps, joined
def path_quiz_id(path_id: str) -> str:
    return f"path-{path_id}"


def path_quiz(path, quizzes):
    """The choice-quiz steps of an onboarding path joined into one quiz (question ids prefixed
    by their quiz's), or None when the path has no such step."""
    from .models import Quiz

    parts = [quizzes[s.id] for s in path.steps if s.kind == "quizzes" and quizzes[s.id].kind == "choice"]
    if not parts:
        return None
    questions = [q.model_copy(update={"id": f"{quiz.id}--{q.id}"}) for quiz in parts for q in quiz.questions]
    return Quiz.model_construct(
        id=path_quiz_id(path.id),
        aliases=[],
        title=f"{path.name}: the quiz steps",
        kind="choice",
        intro=" ".join(quiz.intro for quiz in parts),
        questions=questions,
        scale=[],
        not_yet=None,
        statements=[],
    )


def write_path_packages(paths, quizzes, site_dir: Path, cache: Path | None = None) -> list[Path]:
    """For every path with quiz steps, one package per format (QTI 2.1 included); ``cache`` as
    for :func:`write_packages`."""
    from .package_cache import package as kept
    from .qti import package

    written = []
    for path in paths:
        quiz = path_quiz(path, quizzes)
        if quiz is None:
            continue
        for fmt in FORMATS:
            target = site_dir / fmt.path(quiz.id)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(kept(cache, fmt.key, quiz, package if fmt.key == "qti21" else WRITERS[fmt.key]))
            written.append(target)
    return written
