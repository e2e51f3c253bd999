"""Onboarding paths: a reading plan in order, each step an entry of the guide with its summary,
deep link, reading time and a one-line "why now".

Reading times come from the entries' own text (every prose field, :data:`WORDS_PER_MINUTE`), or,
for a quiz, from the time the quiz page states; a path's total is the sum. The page is complete
without JavaScript (an ordered list of links); ``paths.js`` adds the reader's progress.
"""

from __future__ import annotations

import json
import math
from urllib.parse import urljoin

from .inline import plain_inline
from .lms import QTI21, path_quiz, path_quiz_id
from .models import KINDS, PATH_STEP_KINDS
from .render import Href, render
from .render_quiz import lms_downloads, quiz_facts

#: Plain reading speed for practical prose (the step says "about N min").
WORDS_PER_MINUTE = 200

#: The field that sums up an entry of each kind a step may name (one line on the path page).
SUMMARY_FIELD = {
    "playbook": "summary",
    "dimensions": "summary",
    "principles": "statement",
    "practices": "summary",
    "roles": "accountable_for",
    "traits": "definition",
    "styles": "essence",
    "quizzes": "intro",
}
if set(SUMMARY_FIELD) != set(PATH_STEP_KINDS):  # a kind a step may name needs its summary field
    raise RuntimeError("render_paths.SUMMARY_FIELD must name every kind in models.PATH_STEP_KINDS")

#: What a step's kind is called on the page (singular).
KIND_LABEL = {
    "playbook": "Playbook",
    "dimensions": "Comparison",
    "principles": "Principle",
    "practices": "Practice",
    "roles": "Role",
    "traits": "Trait",
    "styles": "Style",
    "quizzes": "Quiz",
}

_NOT_PROSE = {"id", "aliases", "lean", "tier", "kind", "sources", "traits", "practices", "styles", "playbook",
              "principles", "related", "url", "order", "year", "checked", "correct", "multiple", "pole", "reverse",
              "dimension", "not_yet", "value", "links", "trait", "source", "leans", "group"}  # fmt: skip


def _words(value, key: str | None = None) -> int:
    if key in _NOT_PROSE:
        return 0
    if isinstance(value, str):
        return len(value.split())
    if isinstance(value, dict):
        return sum(_words(v, k) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return sum(_words(v, key) for v in value)
    return 0


def reading_minutes(kind: str, entry) -> int:
    """About how long an entry takes: its prose at :data:`WORDS_PER_MINUTE`, or a quiz's stated time."""
    if kind == "quizzes":
        return quiz_facts(entry)[1]
    return max(1, math.ceil(_words(entry.model_dump(mode="json")) / WORDS_PER_MINUTE))


def entry_name(kind: str, entry) -> str:
    return KINDS[kind].entry_name(entry)


def summary_of(kind: str, entry) -> str:
    return " ".join(str(getattr(entry, SUMMARY_FIELD[kind])).split())


def steps_of(path, site, href: Href, site_url: str = "") -> list[dict]:
    """Each step of a path as the page shows it: entry name, summary, link (relative and absolute)."""
    out = []
    for step in path.steps:
        entry = site.collections[step.kind][step.id]
        url = href(step.kind, step.id)
        out.append(
            {
                "kind": step.kind,
                "id": step.id,
                "label": KIND_LABEL[step.kind],
                "name": entry_name(step.kind, entry),
                "summary": summary_of(step.kind, entry),
                "why": step.why,
                "minutes": reading_minutes(step.kind, entry),
                "url": url,
                "address": urljoin(urljoin(site_url, href.current_url), url) if site_url else url,
            }
        )
    return out


def render_path(path, site, href: Href, site_url: str = "") -> str:
    """One curated path: who it is for, the steps in order (a link, summary, reading time and
    'why now' each), the total time; progress controls that only JavaScript shows."""
    href.needs_script("paths.js")
    href.needs_script("print.js")
    steps = steps_of(path, site, href, site_url)
    downloads = []
    if path_quiz(path, site.quizzes) is not None:
        quiz_id = path_quiz_id(path.id)
        downloads = lms_downloads(quiz_id, href.asset(QTI21.path(quiz_id)))
    return render(
        "path.html",
        path=path,
        steps=steps,
        downloads=downloads,
        total=sum(s["minutes"] for s in steps),
        source=KINDS["paths"].data_file(path.id),
        href=href,
    )


def render_paths_index(paths, site, href: Href) -> str:
    """Every curated path as a card: title, who it is for, steps and total reading time."""
    href.needs_script("paths.js")
    cards = []
    for path in sorted(paths, key=lambda p: (p.order, p.name)):
        minutes = sum(reading_minutes(s.kind, site.collections[s.kind][s.id]) for s in path.steps)
        keys = " ".join(f"{s.kind}:{s.id}" for s in path.steps)
        url = href("paths", path.id)
        cards.append({"path": path, "url": url, "minutes": minutes, "count": len(path.steps), "step_keys": keys})
    return render("paths_index.html", cards=cards, href=href)


#: How many steps a path link may carry (longer links are cut, with a note on the page).
MAX_STEPS = 40


def builder_index(site, href: Href) -> str:
    """JSON for the path builder: every entry a step may name, as
    ``[kind, id, name, summary, url, minutes]`` (URLs relative to the builder's page)."""
    rows = []
    for kind in PATH_STEP_KINDS:
        for entry in site.collections[kind]:
            rows.append(
                [
                    kind,
                    entry.id,
                    entry_name(kind, entry),
                    plain_inline(summary_of(kind, entry)),
                    href(kind, entry.id),
                    reading_minutes(kind, entry),
                ]
            )
    labels = {kind: KIND_LABEL[kind] for kind in PATH_STEP_KINDS}
    return json.dumps({"entries": rows, "labels": labels, "max": MAX_STEPS}, ensure_ascii=False, separators=(",", ":"))


def render_path_builder(site, href: Href) -> str:
    """The page that builds a path and shows a shared one: the builder's controls and the
    entries it can pick from (``data-lvm-index``); ``paths.js`` does the rest. Without
    JavaScript it says so and points to the curated paths."""
    href.needs_script("paths.js")
    href.needs_script("print.js")
    return render("path_builder.html", index=builder_index(site, href), href=href, max_steps=MAX_STEPS)
