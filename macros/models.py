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
* Bounded and visible: text is at most ``MAX_TEXT`` characters, a slug
  ``MAX_SLUG``, a URL ``MAX_URL``; none may hold control characters,
  bidirectional controls or zero-width characters (``FORBIDDEN_CHARS``), which
  make a value read differently from what it is. Patterns must match the whole
  value (``fullmatch``: ``$`` alone would let a trailing newline through).
* Fields typed ``TraitId``, ``SourceId`` … hold references; the loader
  checks that each one names an entry that exists.

The kinds of entry themselves are declared once, at the end of this module, in
the registry :data:`KINDS` (data file, model, page, label, renderer, template,
anchors); everything else that needs the list of kinds reads it.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import ipaddress
import re
import reprlib
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model, model_validator

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PLAIN_TEXT_PATTERN = r"^(?![\s\S]*[jJ][aA][vV][aA][sS][cC][rR][iI][pP][tT]:)[^<>]*$"
LINE_PATTERN = r"^(?![\s\S]*[jJ][aA][vV][aA][sS][cC][rR][iI][pP][tT]:)[^<>\r\n]*$"
HTTP_URL_PATTERN = r"^https?://[^\s<>\"'/?#@]+(?:[/?#][^\s<>\"']*)?$"

_MARKUP = re.compile(r"[<>]")
_JS_URL = re.compile(r"javascript:", re.IGNORECASE)
_SLUG = re.compile(SLUG_PATTERN)
_URL = re.compile(HTTP_URL_PATTERN)

# --------------------------------------------------------------------------- bounds and characters
#: The longest text field: a long paragraph (the longest today is about 400 characters). Longer
#: text belongs on a page of its own; unbounded text would also slow the build down for minutes.
MAX_TEXT = 2000
MAX_SLUG = 64
MAX_URL = 500

#: Characters no data value may hold: C0/C1 controls (tab and newline are fine), the soft hyphen,
#: bidirectional marks, embeddings, overrides and isolates, zero-width and other invisible format
#: characters, line/paragraph separators, the byte-order mark, private-use characters and lone
#: surrogates, and Unicode "tag" characters.
FORBIDDEN_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ue000-\uf8ff\ud800-\udfff"
    "\U000e0000-\U000e007f\U000f0000-\U0010ffff]"
)

_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 40
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 3
_SHORT.maxlevel = 2


def excerpt(value: object) -> str:
    """A short, safe ``repr`` of ``value`` for an error line: at most ~50 characters, with every
    invisible or control character escaped (never echo a whole value back)."""
    return _SHORT.repr(value)


def forbidden_char(value: str) -> str | None:
    """Describe the first forbidden character in ``value`` (see FORBIDDEN_CHARS), or None."""
    found = FORBIDDEN_CHARS.search(value)
    if not found:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if unicodedata.category(char) == "Cc":
        kind = "a control character"
    elif (
        "\u200e" <= char <= "\u200f" or "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069" or char == "\u061c"
    ):
        kind = "a bidirectional control"
    elif "\ue000" <= char <= "\uf8ff" or char >= "\U000f0000":
        kind = "a private-use character"
    else:
        kind = "an invisible character"
    named = f"{code} {name}" if name else code
    return f"contains {kind} ({named}) at character {found.start() + 1}: not allowed, remove it"


def _bounded(value: str, limit: int) -> None:
    if len(value) > limit:
        raise ValueError(f"is {len(value):,} characters long; at most {limit:,} are allowed")
    problem = forbidden_char(value)
    if problem:
        raise ValueError(problem)


#: Markdown that builds structure, refused in every text field (see "Text stays text" in
#: CONTRIBUTING.md): the renderers escape HTML, but the page's Markdown extensions run over the
#: whole page, generated HTML included, and some of them act on plain characters. Each pattern
#: names what it would become. Inline Markdown (emphasis, `code`, [links](…)) is not structure.
_BLOCK_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\n[ \t]*\n"), "a blank line (a paragraph break ends the page's HTML block around the text)"),
    (re.compile(r"(?m)^[ \t]*(?:`{3,}|~{3,})"), "a fenced block (``` or ~~~ at the start of a line)"),
    (re.compile(r"\{[ \t]*[:#.]|\{[^{}\n]*=[^{}\n]*\}"), "an attribute list ({: …}, { #id }, { .class })"),
    (re.compile(r"-+8<-+"), "a snippet marker (--8<--), which includes another file"),
    (re.compile(r"(?m)^[ \t]*#"), "a heading (# at the start of a line)"),
    (re.compile(r"(?m)^[ \t]*\|"), "a table row (| at the start of a line)"),
    (re.compile(r"(?m)^[ \t]*(?:!!!|\?{3}\+?|/{3}|={3})"), "an admonition, details or tabs (!!!, ???, ///, ===)"),
    (re.compile(r"(?m)^[ \t]*\*?\[[^\]\n]*\]:"), "a link, footnote or abbreviation definition ([x]: on a new line)"),
    (re.compile(r"(?m)^[ \t]*:[ \t]"), "a definition list item (: at the start of a line)"),
    (re.compile(r"(?m)^(?: {4}|\t)"), "an indented code block (4 spaces or a tab at the start of a line)"),
)


def block_markup(value: str) -> str | None:
    """What Markdown structure ``value`` would build (a heading, a fenced block …), or None."""
    for pattern, what in _BLOCK_SYNTAX:
        if pattern.search(value):
            return what
    return None


def _plain_text(value: str) -> str:
    _bounded(value, MAX_TEXT)
    if not value.strip():
        raise ValueError("must not be empty")
    if _MARKUP.search(value):
        raise ValueError("must be plain text: HTML markup (< or >) is not allowed")
    if _JS_URL.search(value):
        raise ValueError("must be plain text: a javascript: URL is not allowed")
    structure = block_markup(value)
    if structure:
        raise ValueError(f"must be text, not page structure: it holds {structure}; reword it")
    return value


def _one_line(value: str) -> str:
    _plain_text(value)
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line: a line break here would break the entry's heading and links")
    return value


def _slug(value: str) -> str:
    if len(value) > MAX_SLUG:
        raise ValueError(f"is {len(value):,} characters long; a slug has at most {MAX_SLUG}")
    if not _SLUG.fullmatch(value):
        raise ValueError(f"{excerpt(value)} is not a slug: use lowercase letters, digits and single hyphens")
    return value


def _http_url(value: str) -> str:
    _bounded(value, MAX_URL)
    _no_login(value)
    if not _URL.fullmatch(value):
        raise ValueError(f"{excerpt(value)} is not allowed: only http:// or https:// URLs")
    _public_host(value)
    return value


def _no_login(value: str) -> None:
    """A link must not hand out a login: no ``user:password@`` (checked first, never echoed)."""
    if "@" in urllib.parse.urlsplit(value).netloc:
        raise ValueError("must not hold a user name or password (user:password@): link to the public page")


def _public_host(value: str) -> None:
    """A URL names a public host (``example.org``, not ``localhost`` or nothing) and a real port."""
    try:
        parts = urllib.parse.urlsplit(value)
        parts.port  # noqa: B018 (raises ValueError on a port out of range)
    except ValueError as err:
        raise ValueError(f"{excerpt(value)} is not a valid URL ({err})") from None
    if not parts.hostname or "." not in parts.hostname.strip("."):
        raise ValueError(f"{excerpt(value)} names no public host: write the full address (https://example.org/…)")
    if "\\" in value:  # browsers read a backslash as "/": https://evil.com\.example.org/ goes to evil.com
        raise ValueError(f"{excerpt(value)} holds a backslash: write the address as the site gives it")
    if not parts.hostname.isascii():  # a look-alike letter (Cyrillic а in exаmple.org) shows one host, opens another
        raise ValueError(f"{excerpt(value)} has a host name with non-ASCII letters: use its xn-- (punycode) form")
    host = parts.hostname.strip("[]")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and not ip.is_global or host.replace(".", "").isdigit():  # 127.1 is 127.0.0.1
        raise ValueError(f"{excerpt(value)} names a network address, not a public site: link to its domain name")


def _not_future(value: datetime.date) -> datetime.date:
    """A date something was checked on has passed (a day's grace for time zones ahead of the build's)."""
    if value > datetime.date.today() + datetime.timedelta(days=1):
        raise ValueError(f"{value.isoformat()} is in the future: write the day the details were checked")
    return value


def _ref(collection: str):
    """A reference to an entry of another data file (checked by the loader)."""
    return Field(
        pattern=None,
        json_schema_extra={"pattern": SLUG_PATTERN, "maxLength": MAX_SLUG, "x-ref": collection},
    )


PlainText = Annotated[
    str,
    AfterValidator(_plain_text),
    Field(json_schema_extra={"pattern": PLAIN_TEXT_PATTERN, "minLength": 1, "maxLength": MAX_TEXT}),
]
Line = Annotated[
    str,
    AfterValidator(_one_line),
    Field(json_schema_extra={"pattern": LINE_PATTERN, "minLength": 1, "maxLength": MAX_TEXT}),
]
"""A name, title or short phrase: plain text on one line (``PlainText`` may wrap)."""
Slug = Annotated[str, AfterValidator(_slug), Field(json_schema_extra={"pattern": SLUG_PATTERN, "maxLength": MAX_SLUG})]
HttpUrl = Annotated[
    str, AfterValidator(_http_url), Field(json_schema_extra={"pattern": HTTP_URL_PATTERN, "maxLength": MAX_URL})
]

TraitId = Annotated[str, AfterValidator(_slug), _ref("traits")]
SourceId = Annotated[str, AfterValidator(_slug), _ref("sources")]
DimensionId = Annotated[str, AfterValidator(_slug), _ref("dimensions")]
PrincipleId = Annotated[str, AfterValidator(_slug), _ref("principles")]
StyleId = Annotated[str, AfterValidator(_slug), _ref("styles")]
PracticeId = Annotated[str, AfterValidator(_slug), _ref("practices")]
SituationalLevelId = Annotated[str, AfterValidator(_slug), _ref("situational")]
PlaybookId = Annotated[str, AfterValidator(_slug), _ref("playbook")]

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

    title: Line
    author: Line = Field(description="Author(s), or the site when no author is named.")
    year: int | None = Field(default=None, ge=1800, le=2100)
    publisher: Line | None = None
    url: HttpUrl | None = None
    kind: Literal["research", "book", "popular-book", "essay", "practitioner-article", "guidance"] = Field(
        description=(
            "essay: a short published piece, such as a magazine article by a scholar; popular-book: a book "
            "written for general readers; guidance: an official code or guide (e.g. from a public body)."
        )
    )
    checked: Annotated[datetime.date, AfterValidator(_not_future)] | None = Field(
        default=None, description="When the details and URL were last checked (YYYY-MM-DD)."
    )
    note: PlainText | None = Field(default=None, description="What the site takes from this source, or a caveat.")
    label: Line | None = Field(
        default=None,
        description="How citations show this source, when 'Author (year)' does not fit (no named author).",
    )

    @property
    def cite(self) -> str:
        """The short citation shown in tables and lists: the label, or 'Author (year)'."""
        if self.label:
            return self.label
        return f"{self.author} ({self.year})" if self.year else self.author

    @property
    def uncheckable(self) -> bool:
        """A practitioner article with no public address: readers cannot check what it says."""
        return self.kind == "practitioner-article" and not self.url


# --------------------------------------------------------------------------- dimensions
class DimensionLimits(Record):
    """Where a dimension's line blurs, so no contrast is shown as settled when it is contested."""

    short: PlainText = Field(description="One short line for the comparison table and the cheat sheet.")
    text: PlainText = Field(description="The caveat in full, for the dimension's own section.")
    sources: list[SourceId] = Field(
        default_factory=list,
        description="The works that blur the line; leave empty when it is the guide's own reading (shown as such).",
    )


class Dimension(Entry):
    """One contrast between leading and managing."""

    name: Line
    leading: Line = Field(description="The leading side, a short phrase.")
    managing: Line = Field(description="The managing side, a short phrase.")
    summary: PlainText = Field(description="A short explanation of the contrast.")
    example: PlainText = Field(description="A concrete workplace example.")
    sources: list[SourceId] = Field(min_length=1)
    limits: DimensionLimits = Field(
        description="Where the line blurs: a cited critique, or the guide's own reading when no source is listed."
    )


class CrosswalkEntry(Record):
    """Which framework draws which contrast, in its own terms."""

    dimension: DimensionId
    source: SourceId
    leading: Line = Field(description="The source's term for the leading side.")
    managing: Line = Field(description="The source's term for the managing side.")
    note: PlainText | None = Field(
        default=None,
        description="Shown with the row: how the source's framing differs from the guide's, where it does.",
    )


# --------------------------------------------------------------------------- principles
class Principle(Entry):
    """One of the guide's own principles (its synthesis, each one cited)."""

    name: Line
    statement: PlainText
    why: PlainText = Field(description="Why it matters: the cited findings it rests on.")
    lean: Lean = Field(description="Which kind of work the principle serves (the guide's reading).")
    lean_why: PlainText = Field(description="Why it leans that way (the guide's reading).")
    steps: list[PlainText] = Field(min_length=2, description="How to practise it, step by step.")
    practices: list[PracticeId] = Field(default_factory=list, description="Practices that carry the principle out.")
    playbook: list[PlaybookId] = Field(
        default_factory=list,
        description="Playbook situations that give the full how-to, so a how-to is written once and linked.",
    )
    traits: list[TraitId] = Field(min_length=1)
    sources: list[SourceId] = Field(min_length=1)


class Practice(Entry):
    """A practice for balancing leading and managing."""

    name: Line
    summary: PlainText
    lean: Lean = Field(description="Which kind of work the practice serves (the guide's reading).")
    lean_why: PlainText = Field(description="Why it leans that way (the guide's reading).")
    how: list[PlainText] = Field(min_length=1)
    playbook: list[PlaybookId] = Field(
        default_factory=list, description="Playbook situations that give the full how-to, step by step."
    )
    advises: list[Slug] = Field(
        default_factory=list,
        description="Habit keys the practice recommends (keys the playbook uses); the content tests fail "
        "when a playbook section advises against one of them.",
    )
    sources: list[SourceId] = Field(min_length=1)


# --------------------------------------------------------------------------- roles
class System(Record):
    name: Line
    described_in_source: bool = Field(description="False when the source names the system without listing its parts.")
    note: PlainText


class Role(Entry):
    name: Line
    accountable_for: PlainText
    lean: Lean = Field(description="The role's overall lean (the guide's reading).")
    lean_why: PlainText = Field(description="Why it leans that way.")
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
    name: Line
    tier: Literal["key", "bonus"]
    definition: PlainText = Field(description="One sentence in plain English.")
    behaviours: list[PlainText] = Field(min_length=2, max_length=3)
    overuse: PlainText = Field(description="The risk when this trait is overdone.")
    related: list[TraitId] = Field(default_factory=list)
    distinct_from: list[TraitDistinction] = Field(default_factory=list)
    lean: Lean = Field(description="Which kind of work the trait mostly serves (the guide's reading).")
    lean_why: PlainText = Field(description="Why it leans that way.")
    principles: list[PrincipleId] = Field(default_factory=list)
    sources: list[SourceId] = Field(default_factory=list)


#: The glossary's index group for names that do not start with a letter A–Z.
OTHER_LETTER = "#"


def letter_of(name: str) -> str:
    """The glossary index letter of a name: its first letter without accents, upper case (or ``#``)."""
    first = unicodedata.normalize("NFKD", name.strip()[:1])[:1].upper()
    return first if "A" <= first <= "Z" else OTHER_LETTER


def letter_id(letter: str) -> str:
    """Anchor of a glossary letter group: ``letter-a`` … ``letter-z``, ``letter-other``."""
    return "letter-other" if letter == OTHER_LETTER else f"letter-{letter.lower()}"


def letter_anchors(traits) -> set[str]:
    """The glossary's letter anchors (one per first letter in use); they share the page with trait ids."""
    return {letter_id(letter_of(trait.name)) for trait in traits}


# --------------------------------------------------------------------------- styles
class Origin(Record):
    """Where a style was described: who, when, in which source, and under what name."""

    author: Line
    year: int = Field(ge=1800, le=2100)
    source: SourceId
    term: Line | None = Field(
        default=None, description="The name that publication gave the style, when it differs from the site's name."
    )

    @property
    def surnames(self) -> str:
        """The authors by surname, for a short credit: "Lewin, Lippitt and White"."""
        names = [n.split()[-1] for n in re.split(r",\s*|\s+and\s+", self.author) if n.strip()]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class StyleDistinction(Record):
    style: StyleId
    note: PlainText = Field(description="How this style differs from the other one, in behaviour.")


class Climate(Record):
    effect: Literal["positive", "negative", "mixed", "not-reported"]
    note: PlainText
    source: SourceId | None = None
    measured: Line | None = Field(
        default=None,
        description="What the figure reports, in a few words for the styles matrix (e.g. Goleman's climate "
        "correlation, or a meta-analysis's link with outcomes), with the figures where they matter.",
    )


class Style(Entry):
    name: Line
    other_names: list[Line] = Field(default_factory=list)
    origin: Origin
    renamed: list[Origin] = Field(
        default_factory=list,
        description="Later works that renamed or restated the style, each with the name it used (term).",
    )
    essence: PlainText = Field(description="The style in one line.")
    how_it_works: PlainText
    best_when: PlainText
    backfires_when: PlainText
    advice_from: SourceId | None = Field(
        default=None,
        description="The source whose advice 'Best when' and 'Backfires when' give (e.g. goleman-2000); "
        "leave it out when they are the guide's own reading, which the page then says.",
    )
    strengths: PlainText = Field(description="What the style does well, as its sources report it.")
    criticisms: PlainText = Field(description="Its published criticisms and limits.")
    climate: Climate
    traits: list[TraitId] = Field(min_length=2)
    traits_show: Literal["draws-on", "lacks"] = Field(
        default="draws-on",
        description="Whether `traits` are the ones the style draws on, or (for a style defined by an absence, "
        "such as laissez-faire) the ones it lacks, so no virtue is pinned on a style the guide warns against.",
    )
    lean: StyleLean = Field(
        description="The kind of work the style mainly serves (the guide's reading), not a verdict on the style."
    )
    lean_why: PlainText = Field(description="Why it serves that kind of work.")
    distinct_from: list[StyleDistinction] = Field(default_factory=list)
    scenario: PlainText
    sources: list[SourceId] = Field(min_length=1)


class SituationalLevel(Entry):
    """One quadrant of Hersey and Blanchard's situational model (Hersey's line, not Blanchard's SLII)."""

    code: Line = Field(description="For example S1.")
    name: Line
    readiness: Line = Field(description="The follower readiness it matches, e.g. R1.")
    behaviour: PlainText = Field(description="Task and relationship behaviour.")
    summary: PlainText
    lean: Lean = Field(description="The kind of work this level mostly asks of you (the guide's reading).")
    styles: list[StyleId] = Field(default_factory=list)
    sources: list[SourceId] = Field(min_length=1)


class Situation(Entry):
    """A situation in the 'which style when' guide."""

    name: Line
    description: PlainText
    fits: list[StyleId] = Field(min_length=1, description="Styles that tend to fit (the guide's reading).")
    avoid: list[StyleId] = Field(
        default_factory=list, description="Styles that tend to backfire (the guide's reading)."
    )
    why: PlainText
    lean: Lean = Field(description="The kind of work the situation mostly needs (the guide's reading).")
    lean_why: PlainText = Field(description="Why, in a sentence or two.")
    situational: SituationalLevelId | None = None
    sources: list[SourceId] = Field(min_length=1)


# --------------------------------------------------------------------------- playbook
#: The groups of the playbook's situation list, in page order, with how each reads on the page.
PLAYBOOK_GROUPS = {
    "own-work": "Your own work",
    "people": "Your people",
    "team": "Your team",
    "boss": "Your boss",
}
PlaybookGroup = Literal["own-work", "people", "team", "boss"]


class PlaybookSituation(Entry):
    """A situation in the new manager's playbook: what to do about it, step by step."""

    name: Line
    group: PlaybookGroup = Field(description="Whose situation it is, for the list at the top of the playbook.")
    summary: PlainText = Field(description="When you meet this situation and why it matters.")
    steps: list[PlainText] = Field(min_length=3, description="Concrete steps, in order.")
    example: PlainText = Field(description="A workplace example.")
    lean: Lean = Field(description="The balance of leading and managing it needs (the guide's reading).")
    lean_why: PlainText = Field(description="Why it needs that balance.")
    mistakes: list[PlainText] = Field(min_length=2, description="Common mistakes.")
    traits: list[TraitId] = Field(min_length=1)
    practices: list[PracticeId] = Field(default_factory=list)
    styles: list[StyleId] = Field(default_factory=list)
    playbook: list[PlaybookId] = Field(
        default_factory=list,
        description="Other situations this one points to (a figure such as a meeting rhythm is written once, there).",
    )
    advises: list[Slug] = Field(
        default_factory=list,
        description="Habit keys (short slugs) the section recommends; practices and self-assessment "
        "statements name the same keys, and the content tests fail on any key advised both ways.",
    )
    advises_against: list[Slug] = Field(
        default_factory=list, description="Habit keys the section warns against (see 'advises')."
    )
    sources: list[SourceId] = Field(min_length=1)


class TeamSign(Entry):
    """A sign that a team is under-managed, under-led or under-supported, and what to do (the
    guide's reading)."""

    name: Line = Field(description="The sign, in a few words (e.g. Missed deadlines).")
    gap: Literal["under-managed", "under-led", "under-supported"] = Field(
        description="Which kind of work the sign says is missing: managing (task), leading (change), or the "
        "relations work (support, development, consultation, delegation) that belongs to both."
    )
    looks_like: PlainText = Field(description="What you notice, concretely.")
    first_step: PlainText = Field(description="What to do first.")
    playbook: list[PlaybookId] = Field(min_length=1, description="The playbook situations that say how.")


# --------------------------------------------------------------------------- frameworks
class ManagerialRole(Entry):
    """One of Mintzberg's ten managerial roles."""

    name: Line
    group: Literal["interpersonal", "informational", "decisional"]
    summary: PlainText = Field(description="What the role is, in Mintzberg's terms.")
    example: PlainText = Field(description="What it looks like in a team lead's week (the guide's example).")


# --------------------------------------------------------------------------- the kinds of entry
#: Where the data lives, from this module: ``data/`` beside ``macros/``.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Section:
    """A field written as a Markdown section in an entry's file (see :attr:`Kind.sections`)."""

    field: str
    """The model's field the section holds."""
    heading: str | None = None
    """Its ``## Heading``; None for the text right under the front matter (the first section only)."""


@dataclass(frozen=True)
class Kind:
    """One kind of entry, declared once. Everything else that lists kinds is derived from
    :data:`KINDS`: the loader, deep links, citations, the URL manifest, the open data, the
    quiz link groups and the content tests (see "Add a new kind of entry" in CONTRIBUTING.md).

    Which fields reference other kinds is declared by the model itself: a field typed
    ``TraitId``, ``SourceId`` … (see :func:`_ref`) names an entry of that kind.
    """

    name: str
    """The collection: ``data/<name>.yaml``, ``site.<name>``, ``data/<name>.json``."""
    model: type[Record]
    page: str
    """The page in ``docs/`` that shows the entries (``{id}`` for one page per entry)."""
    label: str
    """What a reader calls the collection (quiz link groups, citation back-links)."""
    renderer: str
    """The module in ``macros/`` that renders the entries …"""
    template: str
    """… with this template in ``macros/templates/``."""
    anchored: bool = True
    """Every entry is an anchor on its page (``page#id``; aliases too), a promised deep link."""
    part_of: str | None = None
    """For entries without an id of their own: the field naming the entry they belong to
    (a crosswalk row belongs to its dimension); citations point there."""
    extra_anchors: tuple[str, ...] = ()
    """More anchors each entry puts on its page, as patterns of ``{id}`` (e.g. a table row)."""
    group_anchors: Callable[[Iterable[Record]], set[str]] | None = None
    """Anchors the page derives from all the entries together (the glossary's letter headings)."""
    one_file_per_entry: bool = False
    """Entries live in ``data/<name>/<id>.yaml`` (one mapping each), not in one list."""
    entry_name: Callable[[Record], str] = dataclasses.field(default=lambda entry: entry.name)
    """How a link to an entry reads."""
    sections: tuple[Section, ...] = ()
    """The prose fields, in order, when the kind is written as one Markdown file per entry
    (``data/<name>/<id>.md``: YAML front matter for every other field, then these fields as
    Markdown sections; see macros/entries.py). A kind with sections may still be kept in
    ``data/<name>.yaml`` (the loader reads whichever shape is there, never both);
    ``scripts/to_markdown.py`` converts one into the other."""

    def in_markdown(self, data_dir: Path | None = None) -> bool:
        """Whether the entries are Markdown files (``data/<name>/<id>.md``) in ``data_dir``."""
        return bool(self.sections) and ((data_dir or DATA_DIR) / self.name).is_dir()

    def data_file(self, entry_id: str | None = None) -> str:
        """The data file (relative to the project) holding the entries, or one entry. For a kind
        written as Markdown files, without an id: the folder (``data/traits/``)."""
        if self.one_file_per_entry:
            return f"data/{self.name}/{entry_id or '<id>'}.yaml"
        if self.in_markdown():
            return f"data/{self.name}/{entry_id}.md" if entry_id else f"data/{self.name}/"
        return f"data/{self.name}.yaml"

    def page_of(self, entry_id: str | None = None) -> str:
        """The ``docs/`` page that shows an entry (or the kind, without an id)."""
        return self.page.format(id=entry_id) if "{id}" in self.page else self.page

    def owner_kind(self) -> str:
        """The kind that the ``part_of`` field references (its model declares it, e.g. ``DimensionId``)."""
        return self.model.model_json_schema()["properties"][self.part_of]["x-ref"]

    def anchors(self, entry: Record) -> list[tuple[str, str]]:
        """``[(anchor, field), …]`` an entry puts on its page: id, aliases, extra anchors."""
        if not self.anchored:
            return []
        out = [(entry.id, "id")] + [(alias, f"aliases[{i}]") for i, alias in enumerate(entry.aliases)]
        return out + [(pattern.format(id=entry.id), "id") for pattern in self.extra_anchors]


def _registry(*kinds: Kind) -> dict[str, Kind]:
    return {kind.name: kind for kind in kinds}


#: Every kind of entry, in site order. The one list: add a kind here (see CONTRIBUTING.md).
KINDS: dict[str, Kind] = _registry(
    Kind(name="sources", model=Source, page="sources.md", label="Sources",
         renderer="render_sources", template="sources.md",
         entry_name=lambda source: source.cite),
    Kind(name="dimensions", model=Dimension, page="leading-vs-managing.md", label="Dimensions",
         renderer="render_dimensions", template="dimension_sections.md",
         extra_anchors=("vs-{id}",),  # the comparison table's rows
         sections=(Section("summary"), Section("example", "Example"))),
    Kind(name="crosswalk", model=CrosswalkEntry, page="leading-vs-managing.md", label="Crosswalk",
         renderer="render_dimensions", template="crosswalk_table.html",
         anchored=False, part_of="dimension"),
    Kind(name="principles", model=Principle, page="principles.md", label="Principles",
         renderer="render_principles", template="principles.md",
         sections=(Section("statement"), Section("why", "Why it matters"), Section("lean_why", "Why it leans this way"),
                   Section("steps", "Steps"))),
    Kind(name="practices", model=Practice, page="principles.md", label="Practices",
         renderer="render_practices", template="practices.md",
         sections=(Section("summary"), Section("lean_why", "Why it leans this way"), Section("how", "How"))),
    Kind(name="roles", model=Role, page="roles.md", label="Roles",
         renderer="render_roles", template="roles.md",
         sections=(Section("accountable_for", "Accountable for"), Section("lean_why", "Why it leans this way"))),
    Kind(name="traits", model=Trait, page="traits.md", label="Traits",
         renderer="render_glossary", template="glossary.md",
         group_anchors=letter_anchors,
         sections=(Section("definition"), Section("behaviours", "Behaviours"), Section("overuse", "Overuse"),
                   Section("distinct_from", "How it differs"), Section("lean_why", "Why it leans this way"))),
    Kind(name="styles", model=Style, page="styles/index.md", label="Styles",
         renderer="render_styles", template="style_sections.md",
         sections=(Section("essence"), Section("how_it_works", "How it works"), Section("best_when", "Best when"),
                   Section("backfires_when", "Backfires when"), Section("strengths", "Strengths"),
                   Section("criticisms", "Criticisms"), Section("lean_why", "Why it leans this way"),
                   Section("distinct_from", "How it differs"), Section("scenario", "Scenario"))),
    Kind(name="situational", model=SituationalLevel, page="styles/which-style-when.md", label="Situational model",
         renderer="render_styles", template="situational_model.html",
         entry_name=lambda level: f"{level.code} {level.name}"),
    Kind(name="situations", model=Situation, page="styles/which-style-when.md", label="Situations",
         renderer="render_styles", template="situation_guide.md",
         sections=(Section("description"), Section("why", "Why"), Section("lean_why", "Why it leans this way"))),
    Kind(name="playbook", model=PlaybookSituation, page="playbook.md", label="New manager's playbook",
         renderer="render_playbook", template="playbook.md",
         sections=(Section("summary"), Section("steps", "Steps"), Section("example", "Example"),
                   Section("lean_why", "Why it leans this way"), Section("mistakes", "Common mistakes"))),
    Kind(name="signs", model=TeamSign, page="playbook.md",
         label="Signs of an under-managed, under-led or under-supported team",
         renderer="render_playbook", template="team_signs.html"),
    Kind(name="managerial_roles", model=ManagerialRole, page="frameworks.md", label="Mintzberg's managerial roles",
         renderer="render_frameworks", template="managerial_roles.html"),
)  # fmt: skip

#: Kinds whose entries have a page anchor: what deep links, quiz links and the URL manifest can name.
ANCHORED: tuple[str, ...] = tuple(name for name, kind in KINDS.items() if kind.anchored)


# --------------------------------------------------------------------------- quizzes
#: A question's ``links``: one optional list of ids per anchored kind (``traits: [visionary]``).
QuizLinks: type[Record] = create_model(
    "QuizLinks",
    __base__=Record,
    __doc__="Entries a question links to, by kind: further reading after the answer.",
    **{
        name: (list[Annotated[str, AfterValidator(_slug), _ref(name)]], Field(default_factory=list))
        for name in ANCHORED
    },
)


def statement_key(statement_id: str) -> str:
    """A short stable key for a self-assessment statement (its part of a shared result link)."""
    return hashlib.sha256(statement_id.encode("utf-8")).hexdigest()[:STATEMENT_KEY_LENGTH]


STATEMENT_KEY_LENGTH = 6  # hex digits


class QuizOption(Record):
    id: Slug
    text: Line
    correct: bool = False


class QuizQuestion(Record):
    id: Slug = Field(description="Stable: saved answers are keyed by it, so questions can be reordered.")
    prompt: PlainText
    multiple: bool = Field(default=False, description="True: several options may be correct (checkboxes).")
    options: list[QuizOption] = Field(min_length=2)
    explanation: PlainText
    links: QuizLinks = Field(default_factory=QuizLinks)
    key_reason: PlainText | None = Field(
        default=None,
        description="Why the key may differ from the lean of an entry the question links (e.g. a trait "
        "linked as the cure for what the scene shows). Without it, the content tests require the key of "
        "a leading/managing/both question to agree with every linked lean.",
    )

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
    label: Line


class Statement(Record):
    id: Slug = Field(description="Stable: the shared result URL is keyed by it.")
    text: Line = Field(description="One habit, worded to answer 'how often?' (one idea only).")
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
    playbook: list[PlaybookId] = Field(default_factory=list)
    habit: Slug | None = Field(
        default=None,
        description="The habit key (as the playbook names it) this statement rates: a plain statement "
        "advises the habit, a reversed one advises against it; the content tests fail when a playbook "
        "section says the opposite.",
    )


class Quiz(Entry):
    title: Line
    kind: Literal["choice", "self-assessment"]
    intro: PlainText
    questions: list[QuizQuestion] = Field(default_factory=list)
    scale: list[ScaleLabel] = Field(default_factory=list)
    not_yet: Line | None = Field(
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


# Declared after the quiz models, which need the anchored kinds above.
KINDS["quizzes"] = Kind(
    name="quizzes", model=Quiz, page="quizzes/{id}.md", label="Quizzes",
    renderer="render_quiz", template="quiz_choice.html",
    anchored=False, one_file_per_entry=True, entry_name=lambda quiz: quiz.title,
)  # fmt: skip

#: Kinds kept in one list file each: ``data/<name>.yaml`` -> model.
COLLECTIONS: dict[str, type[Record]] = {name: kind.model for name, kind in KINDS.items() if not kind.one_file_per_entry}


# --------------------------------------------------------------------------- onboarding paths
#: The kinds a path step may name: every kind with a reading of its own.
PATH_STEP_KINDS = ("playbook", "dimensions", "principles", "practices", "roles", "traits", "styles", "quizzes")


class PathStep(Record):
    kind: Literal[PATH_STEP_KINDS] = Field(description="The kind of entry (playbook, traits, quizzes …).")
    id: Slug = Field(description="The entry's id in that kind (checked: it must exist).")
    why: PlainText = Field(description="One line: why this step comes now.")


class OnboardingPath(Entry):
    """A reading plan an onboarding lead hands out: entries of any kind, in order, each with a
    'why now' note. The page computes reading times from the entries' own text."""

    name: PlainText = Field(description="The path's title (e.g. Your first week as a manager).")
    order: int = Field(ge=1, le=999, description="Where the path stands on the paths page (1 first).")
    audience: PlainText = Field(description="Who the path is for, in one sentence.")
    summary: PlainText = Field(description="What the reader gets from it, in one or two sentences.")
    steps: list[PathStep] = Field(min_length=3, description="The steps, in reading order.")

    @model_validator(mode="after")
    def _check_steps(self) -> OnboardingPath:
        seen = [(s.kind, s.id) for s in self.steps]
        dupes = sorted({f"{k}:{i}" for k, i in seen if seen.count((k, i)) > 1})
        if dupes:
            raise ValueError(f"names the same entry twice: {', '.join(dupes)}")
        return self


KINDS["paths"] = Kind(
    name="paths", model=OnboardingPath, page="paths/{id}.md", label="Onboarding paths",
    renderer="render_paths", template="path.html",
    anchored=False, one_file_per_entry=True,
)  # fmt: skip
COLLECTIONS = {name: kind.model for name, kind in KINDS.items() if not kind.one_file_per_entry}
