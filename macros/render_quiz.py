"""Quizzes: accessible HTML for choice quizzes and the self-assessment.

The HTML works on its own: real radio buttons and checkboxes in a ``fieldset`` per
question, and each answer with its explanation in a closed ``<details>`` that a reader
without JavaScript can open. ``overrides/assets/javascripts/quiz-choice.js`` adds checking,
progress and the score; ``self-assessment.js`` scores the self-assessment and draws its result.

Options of a choice quiz are shuffled at build time, seeded by the quiz and question ids
(SHA-256, never Python's ``hash()``), then turned round so that the keyed options of the
quiz spread evenly over the positions (see ``_turns``): the keyed option sits in no fixed
place, every build gives the same order and saved answers still match. A quiz whose
questions all offer the same options in the same order (Leading / Managing / Both) keeps
that order.

Every id and input name starts with ``lvm-<quiz id>--<question id>`` (a slug never holds
``--``), so several quizzes can share a page. Saved answers and shared result links are
keyed by question and statement ids, never by position.
"""

from __future__ import annotations

import hashlib
import json

from .inline import plain_inline
from .lms import FORMATS
from .models import ANCHORED, KINDS, STATEMENT_KEY_LENGTH, statement_key
from .render import Href, render

#: Kinds a question's ``links`` may point to (every anchored kind), with their labels.
LINK_KINDS: dict[str, str] = {name: KINDS[name].label for name in ANCHORED}

KEY_LENGTH = STATEMENT_KEY_LENGTH  # hex digits of a statement's key in a shared result link

#: Rough reading and answering time, in seconds, for the quizzes index.
SECONDS_PER_QUESTION = {"choice": 40, "self-assessment": 12}


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def fixed_options(quiz) -> bool:
    """True when every question offers the same options in the same order (kept as written)."""
    orders = {tuple(o.id for o in q.options) for q in quiz.questions}
    return len(orders) == 1


def _shuffled(quiz, question) -> list:
    return sorted(question.options, key=lambda o: _digest(quiz.id, question.id, o.id))


def _turns(quiz) -> dict[str, int]:
    """Question id -> how far its shuffled options are turned round. Questions are taken in an
    order seeded by their ids, and each takes the turn that puts its keys where the quiz has had
    the fewest keys so far (ties go to the smallest turn), so the keys spread over the positions."""
    used: dict[int, int] = {}
    turns: dict[str, int] = {}
    for question in sorted(quiz.questions, key=lambda q: (_digest(quiz.id, q.id), q.id)):
        shuffled = _shuffled(quiz, question)
        n = len(shuffled)
        keyed = [i for i, o in enumerate(shuffled) if o.correct]

        def load(turn: int, keyed=keyed, n=n) -> tuple[int, int]:
            places = [(i + turn) % n for i in keyed]
            return max(used.get(p, 0) for p in places), sum(used.get(p, 0) for p in places)

        turn = min(range(n), key=lambda t: (load(t), t)) if keyed else 0
        for i in keyed:
            used[(i + turn) % n] = used.get((i + turn) % n, 0) + 1
        turns[question.id] = turn
    return turns


def ordered_options(quiz, question) -> list:
    """The options of ``question`` in the order the page shows them (see the module docstring)."""
    if fixed_options(quiz):
        return list(question.options)
    shuffled = _shuffled(quiz, question)
    turn = _turns(quiz).get(question.id, 0) % len(shuffled)
    return shuffled[len(shuffled) - turn :] + shuffled[: len(shuffled) - turn]


def quiz_facts(quiz) -> tuple[int, int]:
    """(number of questions or statements, minutes it takes, rounded, at least 1)."""
    count = len(quiz.questions) if quiz.kind == "choice" else len(quiz.statements)
    return count, max(1, round(count * SECONDS_PER_QUESTION[quiz.kind] / 60))


def render_quiz_facts(quiz) -> str:
    count, minutes = quiz_facts(quiz)
    noun = "question" if quiz.kind == "choice" else "statement"
    return f"{count} {noun}{'' if count == 1 else 's'}, about {minutes} minute{'' if minutes == 1 else 's'}"


def scoring(quiz) -> dict:
    """The self-assessment's thresholds, shared by the scoring key on the page and the script.

    With a scale of 1 to n the midpoint is (n + 1) / 2 (3 on five points). A side counts as
    high from half a step above the midpoint and low from half a step below it: at least
    halfway from "sometimes" to "often", or more than halfway to "rarely". An overall lean needs the two sides
    half a step apart on average, more than one answer can move when each side has ten or
    more statements; a dimension (two or three statements a side) needs a whole step on
    average, so one statement rated one step apart never decides it. "What to develop next"
    draws on statements whose points (the rating, or n + 1 minus it for a reversed statement)
    are at or below the midpoint. ``min`` (rated statements a side, overall and per dimension)
    stays at 2: a dimension has three a side, so a higher floor would blank a dimension for a
    single "not yet"; the result says instead how many answers each side rests on.
    """
    n = len(quiz.scale)
    mid = (n + 1) / 2
    return {"high": mid + 0.5, "low": mid - 0.5, "lean": 0.5, "leanDim": 1.0, "develop": int(mid), "min": 2}


def entry_name(kind: str, entry) -> str:
    return KINDS[kind].entry_name(entry)


def statement_keys(quiz) -> dict[str, str]:
    """Statement id -> its key in a shared result link (the loader refuses two alike)."""
    return {s.id: statement_key(s.id) for s in quiz.statements}


def _links(question, site, href: Href) -> list[tuple[str, list[tuple[str, str]]]]:
    """``[(label, [(name, url), …]), …]`` for the kinds a question links to."""
    groups = []
    for kind, label in LINK_KINDS.items():
        ids = getattr(question.links, kind)
        if ids:
            collection = getattr(site, kind)
            groups.append((label, [(entry_name(kind, collection[i]), href(kind, i)) for i in ids]))
    return groups


def _names(quiz, site, href: Href) -> str:
    """JSON the script needs for the result: names and links of dimensions, traits, practices and
    playbook situations."""
    href = href.in_json() if hasattr(href, "in_json") else href  # links inside JSON: from the page's URL
    dims: dict[str, list[str]] = {}
    traits: dict[str, list[str]] = {}
    practices: dict[str, list[str]] = {}
    playbook: dict[str, list[str]] = {}
    for s in quiz.statements:
        dims.setdefault(s.dimension, [site.dimensions[s.dimension].name, href("dimensions", s.dimension)])
        for t in s.traits:
            traits.setdefault(t, [site.traits[t].name, href("traits", t)])
        for p in s.practices:
            practices.setdefault(p, [site.practices[p].name, href("practices", p)])
        for b in s.playbook:
            playbook.setdefault(b, [site.playbook[b].name, href("playbook", b)])
    data = {
        "d": dims,
        "t": traits,
        "p": practices,
        "b": playbook,
        "s": [label.label for label in quiz.scale],
        "na": quiz.not_yet or "",
        **scoring(quiz),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def lms_downloads(quiz_id: str, qti_url: str) -> list[dict]:
    """Each LMS file of a choice quiz with its link (beside the QTI 2.1 package) and import line."""
    folder = qti_url.rpartition("/")[0]
    prefix = f"{folder}/" if folder else ""
    return [
        {"url": prefix + fmt.path(quiz_id).rpartition("/")[2], "label": fmt.label, "system": fmt.system, "how": fmt.how}
        for fmt in FORMATS
    ]


def render_quiz(quiz, site, href: Href, qti_url: str | None = None) -> str:
    """One quiz as an HTML block (``choice`` quiz or ``self-assessment``), and the script it needs.
    ``qti_url``: the link to the quiz's QTI 2.1 package (choice quizzes), relative to the page;
    the other LMS downloads (:data:`macros.lms.FORMATS`) sit beside it."""
    source = KINDS["quizzes"].data_file(quiz.id)
    href.needs_script("quiz-start.js")  # the shared start-up, before the quiz script itself
    href.needs_script("quiz-choice.js" if quiz.kind == "choice" else "self-assessment.js")
    if quiz.kind == "choice":
        questions = [
            {
                "q": q,
                "options": ordered_options(quiz, q),
                "answer": [plain_inline(o.text) for o in ordered_options(quiz, q) if o.correct],
                "links": _links(q, site, href),
            }
            for q in quiz.questions
        ]
        downloads = lms_downloads(quiz.id, qti_url) if qti_url else []
        return render("quiz_choice.html", quiz=quiz, questions=questions, source=source, downloads=downloads, href=href)
    dimensions = {s.dimension: site.dimensions[s.dimension] for s in quiz.statements}
    return render(
        "quiz_self.html",
        quiz=quiz,
        source=source,
        keys=statement_keys(quiz),
        names=_names(quiz, site, href),
        dimensions=dimensions,
        href=href,
        rules=scoring(quiz),
        facts=quiz_facts(quiz),
    )


def render_lms_table(site, href: Href) -> str:
    """Every choice quiz, and every path's joined quiz steps, with a link per LMS format; then
    the one-line import step of each format (the onboarding leads' page)."""
    from .lms import FORMATS, path_quiz, path_quiz_id

    rows = [(quiz.title, quiz.id) for quiz in site.quizzes if quiz.kind == "choice"]
    rows += [
        (f"{path.name} (the path's quiz questions)", path_quiz_id(path.id))
        for path in sorted(site.paths, key=lambda p: (p.order, p.name))
        if path_quiz(path, site.quizzes) is not None
    ]
    table = [(title, [(fmt, href.asset(fmt.path(quiz_id))) for fmt in FORMATS]) for title, quiz_id in rows]
    return render("lms_table.html", rows=table, formats=FORMATS, href=href)
