"""Typed records for every data file in ``data/``.

One pydantic model per concept. These models are the schema: the loader
validates each YAML file against them at build time, and
``scripts/export_schemas.py`` writes them out as JSON Schema (``schemas/``)
for editors and for the published site. Edit a model here, then run
``python scripts/export_schemas.py`` (a test fails if the files drift).

Conventions
-----------
* ``extra="forbid"``: an unknown or misspelt key is an error.
* ``strict=True``: no silent coercion ("5" is not 5, 1 is not "1").
* ``PlainText``: a string that may not hold HTML markup or a
  ``javascript:`` URL. Every text field is plain text; the renderers escape
  it again on output, so this is defence in depth and a clear message for
  contributors.
* ``HttpUrl``: only ``http://`` and ``https://`` URLs.
* ``Slug``: lowercase letters, digits and single hyphens. Ids are stable:
  once published, never renamed (add an ``aliases`` entry instead).
* Fields typed ``TraitId``, ``SourceId`` … hold references; the loader
  checks that each one names an entry that exists.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLAIN_TEXT_PATTERN = r"^(?![\s\S]*[jJ][aA][vV][aA][sS][cC][rR][iI][pP][tT]:)[^<>]*$"
HTTP_URL_PATTERN = r"^https?://[^\s<>\"']+$"

_MARKUP = re.compile(r"[<>]")
_JS_URL = re.compile(r"javascript:", re.IGNORECASE)
_SLUG = re.compile(SLUG_PATTERN)
_URL = re.compile(HTTP_URL_PATTERN)


def _plain_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    if _MARKUP.search(value):
        raise ValueError("must be plain text: HTML markup (< or >) is not allowed")
    if _JS_URL.search(value):
        raise ValueError("must be plain text: a javascript: URL is not allowed")
    return value


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug: use lowercase letters, digits and single hyphens")
    return value


def _http_url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"{value!r} is not allowed: only http:// or https:// URLs")
    return value


def _ref(collection: str):
    """A reference to an entry of another data file (checked by the loader)."""
    return Field(
        pattern=None,
        json_schema_extra={"pattern": SLUG_PATTERN, "x-ref": collection},
    )


PlainText = Annotated[
    str,
    AfterValidator(_plain_text),
    Field(json_schema_extra={"pattern": PLAIN_TEXT_PATTERN, "minLength": 1}),
]
Slug = Annotated[str, AfterValidator(_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN})]
HttpUrl = Annotated[str, AfterValidator(_http_url), Field(json_schema_extra={"pattern": HTTP_URL_PATTERN})]

TraitId = Annotated[str, AfterValidator(_slug), _ref("traits")]
SourceId = Annotated[str, AfterValidator(_slug), _ref("sources")]
DimensionId = Annotated[str, AfterValidator(_slug), _ref("dimensions")]
PrincipleId = Annotated[str, AfterValidator(_slug), _ref("principles")]
StyleId = Annotated[str, AfterValidator(_slug), _ref("styles")]
PracticeId = Annotated[str, AfterValidator(_slug), _ref("practices")]
SituationalLevelId = Annotated[str, AfterValidator(_slug), _ref("situational")]

Lean = Literal["leading", "managing", "both"]
#: A style may be neither (laissez-faire: the absence of both leading and managing).
StyleLean = Literal["leading", "managing", "both", "neither"]


class Record(BaseModel):
    """Base for every record: strict, closed, frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Entry(Record):
    """A record with a stable id. ``aliases`` keep old deep links working."""

    id: Slug
    aliases: list[Slug] = Field(
        default_factory=list,
        description="Former ids of this entry; each becomes an extra anchor so old links keep working.",
    )


# --------------------------------------------------------------------------- sources
class Source(Entry):
    """A work the site cites: research, a book or a practitioner article."""

    title: PlainText
    author: PlainText = Field(description="Author(s), or the site when no author is named.")
    year: int | None = Field(default=None, ge=1800, le=2100)
    publisher: PlainText | None = None
    url: HttpUrl | None = None
    kind: Literal["research", "book", "practitioner-article"]
    checked: datetime.date | None = Field(
        default=None, description="When the details and URL were last checked (YYYY-MM-DD)."
    )
    note: PlainText | None = Field(default=None, description="What the site takes from this source, or a caveat.")
    label: PlainText | None = Field(
        default=None,
        description="How citations show this source, when 'Author (year)' does not fit (no named author).",
    )

    @property
    def cite(self) -> str:
        """The short citation shown in tables and lists: the label, or 'Author (year)'."""
        if self.label:
            return self.label
        return f"{self.author} ({self.year})" if self.year else self.author


# --------------------------------------------------------------------------- dimensions
class Dimension(Entry):
    """One contrast between leading and managing."""

    name: PlainText
    leading: PlainText = Field(description="The leading side, a short phrase.")
    managing: PlainText = Field(description="The managing side, a short phrase.")
    summary: PlainText = Field(description="A short explanation of the contrast.")
    example: PlainText = Field(description="A concrete workplace example.")
    sources: list[SourceId] = Field(min_length=1)


class CrosswalkEntry(Record):
    """Which framework draws which contrast, in its own terms."""

    dimension: DimensionId
    source: SourceId
    leading: PlainText = Field(description="The source's term for the leading side.")
    managing: PlainText = Field(description="The source's term for the managing side.")


# --------------------------------------------------------------------------- principles
class Principle(Entry):
    name: PlainText
    statement: PlainText
    why: PlainText = Field(description="Why it matters.")
    practice: list[PlainText] = Field(min_length=2, description="How to practise it.")
    traits: list[TraitId] = Field(min_length=1)
    sources: list[SourceId] = Field(min_length=1)


class Practice(Entry):
    """A practice for balancing leading and managing."""

    name: PlainText
    summary: PlainText
    how: list[PlainText] = Field(min_length=1)
    sources: list[SourceId] = Field(min_length=1)


# --------------------------------------------------------------------------- roles
class System(Record):
    name: PlainText
    described_in_source: bool = Field(description="False when the source names the system without listing its parts.")
    note: PlainText


class Role(Entry):
    name: PlainText
    accountable_for: PlainText
    balance: Lean
    balance_note: PlainText
    systems: list[System] = Field(default_factory=list)
    leans: dict[DimensionId, Lean] = Field(
        description="This role's typical lean on each dimension (dimension id: leading | managing | both)."
    )
    sources: list[SourceId] = Field(min_length=1)


# --------------------------------------------------------------------------- traits
class TraitDistinction(Record):
    trait: TraitId
    note: PlainText = Field(description="How this trait differs from the other one.")


class Trait(Entry):
    name: PlainText
    tier: Literal["key", "bonus"]
    definition: PlainText = Field(description="One sentence in plain English.")
    behaviours: list[PlainText] = Field(min_length=2, max_length=3)
    overuse: PlainText = Field(description="The risk when this trait is overdone.")
    related: list[TraitId] = Field(default_factory=list)
    distinct_from: list[TraitDistinction] = Field(default_factory=list)
    emphasis: Lean
    emphasis_why: PlainText
    principles: list[PrincipleId] = Field(default_factory=list)
    sources: list[SourceId] = Field(default_factory=list)


# --------------------------------------------------------------------------- styles
class Origin(Record):
    author: PlainText
    year: int = Field(ge=1800, le=2100)
    source: SourceId


class Climate(Record):
    effect: Literal["positive", "negative", "mixed", "not-reported"]
    note: PlainText
    source: SourceId | None = None


class Style(Entry):
    name: PlainText
    other_names: list[PlainText] = Field(default_factory=list)
    origin: Origin
    essence: PlainText = Field(description="The style in one line.")
    how_it_works: PlainText
    best_when: PlainText
    backfires_when: PlainText
    climate: Climate
    traits: list[TraitId] = Field(min_length=2)
    lean: StyleLean
    scenario: PlainText
    sources: list[SourceId] = Field(min_length=1)


class SituationalLevel(Entry):
    """One quadrant of Hersey and Blanchard's situational model."""

    code: PlainText = Field(description="For example S1.")
    name: PlainText
    slii_name: PlainText = Field(description="The name in Blanchard's later SLII model.")
    readiness: PlainText = Field(description="The follower readiness it matches, e.g. R1.")
    behaviour: PlainText = Field(description="Task and relationship behaviour.")
    summary: PlainText
    styles: list[StyleId] = Field(default_factory=list)
    sources: list[SourceId] = Field(min_length=1)


class Situation(Entry):
    """A situation in the 'which style when' guide."""

    name: PlainText
    description: PlainText
    fits: list[StyleId] = Field(min_length=1)
    avoid: list[StyleId] = Field(default_factory=list)
    why: PlainText
    situational: SituationalLevelId | None = None
    sources: list[SourceId] = Field(min_length=1)


# --------------------------------------------------------------------------- quizzes
class QuizLinks(Record):
    dimensions: list[DimensionId] = Field(default_factory=list)
    traits: list[TraitId] = Field(default_factory=list)
    styles: list[StyleId] = Field(default_factory=list)
    principles: list[PrincipleId] = Field(default_factory=list)
    practices: list[PracticeId] = Field(default_factory=list)
    situational: list[SituationalLevelId] = Field(default_factory=list)


class QuizOption(Record):
    id: Slug
    text: PlainText
    correct: bool = False


class QuizQuestion(Record):
    id: Slug = Field(description="Stable: saved answers are keyed by it, so questions can be reordered.")
    prompt: PlainText
    multiple: bool = Field(default=False, description="True: several options may be correct (checkboxes).")
    options: list[QuizOption] = Field(min_length=2)
    explanation: PlainText
    links: QuizLinks = Field(default_factory=QuizLinks)

    @model_validator(mode="after")
    def _check_answers(self) -> QuizQuestion:
        correct = [o for o in self.options if o.correct]
        if not correct:
            raise ValueError("has no correct option: mark one with 'correct: true'")
        if not self.multiple and len(correct) > 1:
            raise ValueError("is single-choice but marks several options correct: keep one, or set 'multiple: true'")
        ids = [o.id for o in self.options]
        if len(ids) != len(set(ids)):
            raise ValueError("has two options with the same id")
        return self


class ScaleLabel(Record):
    value: int = Field(ge=1, le=10)
    label: PlainText


class Statement(Record):
    id: Slug = Field(description="Stable: the shared result URL is keyed by it.")
    text: PlainText = Field(description="One habit, worded to answer 'how often?' (one idea only).")
    dimension: DimensionId
    pole: Literal["leading", "managing"]
    reverse: bool = Field(
        default=False,
        description="Reverse-keyed: the statement describes the opposite habit, so a rating of 'often' "
        "scores low for its side (scored as scale length + 1 - rating).",
    )
    not_yet: bool = Field(
        default=False,
        description="Offer the quiz's 'not_yet' answer (for habits a first-time manager cannot rate yet); "
        "that answer is left out of every score.",
    )
    traits: list[TraitId] = Field(default_factory=list)
    practices: list[PracticeId] = Field(default_factory=list)


class Quiz(Entry):
    title: PlainText
    kind: Literal["choice", "self-assessment"]
    intro: PlainText
    questions: list[QuizQuestion] = Field(default_factory=list)
    scale: list[ScaleLabel] = Field(default_factory=list)
    not_yet: PlainText | None = Field(
        default=None,
        description="Label of the answer outside the scale (e.g. 'Not yet / not applicable') offered on "
        "statements marked 'not_yet: true'; never scored.",
    )
    statements: list[Statement] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_kind(self) -> Quiz:
        if self.kind == "choice":
            if not self.questions:
                raise ValueError("is a 'choice' quiz but has no questions")
            if self.statements or self.scale or self.not_yet:
                raise ValueError("is a 'choice' quiz: 'statements' and 'scale' belong to a self-assessment")
        else:
            if not self.statements or len(self.scale) < 2:
                raise ValueError("is a self-assessment: it needs 'statements' and a 'scale' of two or more labels")
            if self.questions:
                raise ValueError("is a self-assessment: 'questions' belong to a 'choice' quiz")
            values = [s.value for s in self.scale]
            if values != list(range(1, len(values) + 1)):
                raise ValueError("'scale' values must run 1, 2, 3 … in order")
            if any(s.not_yet for s in self.statements) and not self.not_yet:
                raise ValueError("marks statements 'not_yet: true' but has no 'not_yet' label")
        for field in ("questions", "statements"):
            ids = [item.id for item in getattr(self, field)]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"has duplicate {field[:-1]} id(s): {', '.join(dupes)}")
        return self


# --------------------------------------------------------------------------- registry
# file stem in data/ -> (model, whether the file holds a list of entries)
COLLECTIONS: dict[str, type[Record]] = {
    "sources": Source,
    "dimensions": Dimension,
    "crosswalk": CrosswalkEntry,
    "principles": Principle,
    "practices": Practice,
    "roles": Role,
    "traits": Trait,
    "styles": Style,
    "situational": SituationalLevel,
    "situations": Situation,
}
QUIZ_DIR = "quizzes"
