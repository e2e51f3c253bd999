"""Quizzes: accessible HTML for choice quizzes and the self-assessment.

The HTML works on its own: real radio buttons and checkboxes in a ``fieldset`` per
question, and each answer with its explanation in a closed ``<details>`` that a reader
without JavaScript can open. ``overrides/assets/javascripts/quiz.js`` adds checking,
progress, the score and the self-assessment result on top of it.

Every id and input name starts with ``lvm-<quiz id>--<question id>`` (a slug never holds
``--``), so several quizzes can share a page. Saved answers and shared result links are
keyed by question and statement ids, never by position.
"""

from __future__ import annotations

import json

from .models import ANCHORED, KINDS, STATEMENT_KEY_LENGTH, statement_key
from .render import Href, render

#: Kinds a question's ``links`` may point to (every anchored kind), with their labels.
LINK_KINDS: dict[str, str] = {name: KINDS[name].label for name in ANCHORED}

KEY_LENGTH = STATEMENT_KEY_LENGTH  # hex digits of a statement's key in a shared result link


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
    """JSON the script needs for the result: names and links of dimensions, traits, practices."""
    dims: dict[str, list[str]] = {}
    traits: dict[str, list[str]] = {}
    practices: dict[str, list[str]] = {}
    for s in quiz.statements:
        dims.setdefault(s.dimension, [site.dimensions[s.dimension].name, href("dimensions", s.dimension)])
        for t in s.traits:
            traits.setdefault(t, [site.traits[t].name, href("traits", t)])
        for p in s.practices:
            practices.setdefault(p, [site.practices[p].name, href("practices", p)])
    data = {"d": dims, "t": traits, "p": practices, "s": [label.label for label in quiz.scale]}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def render_quiz(quiz, site, href: Href) -> str:
    """One quiz as an HTML block (``choice`` quiz or ``self-assessment``)."""
    source = KINDS["quizzes"].data_file(quiz.id)
    href.needs_script("quiz.js")
    if quiz.kind == "choice":
        questions = [
            {
                "q": q,
                "answer": [o.text for o in q.options if o.correct],
                "links": _links(q, site, href),
            }
            for q in quiz.questions
        ]
        return render("quiz_choice.html", quiz=quiz, questions=questions, source=source, href=href)
    dimensions = {s.dimension: site.dimensions[s.dimension] for s in quiz.statements}
    return render(
        "quiz_self.html",
        quiz=quiz,
        source=source,
        keys=statement_keys(quiz),
        names=_names(quiz, site, href),
        dimensions=dimensions,
        href=href,
    )
