"""Entries written as Markdown: one file per entry, YAML front matter and fixed sections.

A kind that declares ``sections`` in the registry (:data:`macros.models.KINDS`) may be kept as a
folder ``data/<name>/`` of files ``<id>.md``::

    ---
    id: steady-hand
    name: Steady Hand
    order: 480
    tier: bonus
    lean: both
    sources: [lodhi-linkedin]
    ---
    Keeps the same calm response under pressure, so people know what to expect.

    ## Behaviours

    - When a delivery slips, you give the same account to the team and to your manager.
    - You answer a bad surprise the way you answer a good one: questions first.

The front matter holds every field that is not a section, plus ``order`` (a number: entries are
listed by order, then by id, so two new entries never need the same line of any file). The
sections are the kind's prose fields, in the registry's order, under the registry's headings;
the first may be the text right under the front matter, without a heading. A text section is one
paragraph (its lines are joined with single spaces); a list section holds ``- `` items (a longer
item continues on lines indented by two spaces); a list of notes about other entries (``How it
differs``) holds ``- <id>: note`` items. A section may be left out only when its field may be.

The reader turns a file into the same raw mapping the YAML shape gives, with line numbers, so
:mod:`macros.data` validates it against the same model with the same messages. Problems are one
line each, naming the file and line, the entry and the field. Everything here is plain Python:
no MkDocs, no Markdown library.
"""

from __future__ import annotations

import re
import textwrap
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .models import MAX_TEXT, Kind, Section, block_markup, excerpt

#: The front-matter field that places an entry among the others (not a field of the model).
ORDER = "order"
#: A file in the folder that is not an entry: notes for contributors (GitHub shows it).
README = "README.md"
#: The width the converter wraps prose to.
WIDTH = 100

_HEADING = re.compile(r"^(#{1,6})[ \t]*(.*?)[ \t]*#*[ \t]*$")
_ITEM = re.compile(r"^[-*+][ \t]+(.*)$")
_KEYED = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*):[ \t]+(.*)$")
_FENCE_LINE = "---"
_LIST_START = re.compile(r"^(?:[-*+]|\d+[.)])(?:[ \t]|$)")


# --------------------------------------------------------------------------- section shapes
def section_shape(kind: Kind, field: str) -> tuple[str, tuple[str, str] | None]:
    """How a field is written as a section: ``("text", None)``, ``("list", None)`` or
    ``("keyed", (ref field, text field))`` for a list of two-field records (a trait's
    ``distinct_from``: ``- other-id: how they differ``)."""
    annotation = kind.model.model_fields[field].annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            names = list(item.model_fields)
            if len(names) != 2:
                raise TypeError(f"{kind.name}.{field}: a section's records need exactly two fields (an id and a note)")
            return "keyed", (names[0], names[1])
        return "list", None
    return "text", None


def check_sections(kind: Kind) -> list[str]:
    """Problems with a kind's declared sections (a test runs this for every kind)."""
    out = []
    fields = kind.model.model_fields
    for i, section in enumerate(kind.sections):
        if section.field not in fields:
            out.append(f"{kind.name}: section field {section.field!r} is not a field of {kind.model.__name__}")
            continue
        if section.heading is None and i:
            out.append(f"{kind.name}: only the first section may go without a heading ({section.field!r})")
        section_shape(kind, section.field)
    headings = [s.heading for s in kind.sections]
    if len(set(headings)) != len(headings):
        out.append(f"{kind.name}: two sections share a heading")
    if ORDER in fields:
        out.append(f"{kind.name}: the model has a field {ORDER!r}, which the Markdown shape uses for ordering")
    return out


def _heading_of(section: Section) -> str:
    return f"## {section.heading}" if section.heading else "(the text under the front matter)"


# --------------------------------------------------------------------------- reading
class _Problems:
    def __init__(self, label: str, entry: str, problems: list[str]):
        self.label, self.entry, self.problems, self.count = label, entry, problems, 0

    def __call__(self, line: int | None, field: str | None, message: str) -> None:
        where = f"{self.label}:{line}" if line else self.label
        subject = ", ".join(p for p in (f"entry '{self.entry}'", f"field '{field}'" if field else "") if p)
        self.problems.append(f"{where}: {subject}: {message}")
        self.count += 1


def parse_entry(text: str, label: str, kind: Kind, entry_id: str, problems: list[str]) -> tuple[dict, Any] | None:
    """One entry file's text -> ``(raw mapping, line marks)`` as the YAML shape would give
    them (front-matter fields and section fields, ``order`` included), or None after adding
    problems. ``entry_id`` (the file name) names the entry in problems."""
    from .data import _Lines, _make_loader, scan_yaml  # the YAML shape's own reader and its checks

    report = _Problems(label, entry_id, problems)
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE_LINE:
        report(1, None, "the file must start with front matter: a line '---', the fields, and another '---'")
        return None
    end = next((n for n in range(1, len(lines)) if lines[n].rstrip() == _FENCE_LINE), None)
    if end is None:
        report(1, None, "the front matter has no closing '---' line")
        return None

    # Front matter: the YAML shape's scanner and loader, on text padded so line numbers are the file's.
    front = "\n" + "\n".join(lines[1:end]) + "\n"
    refused = scan_yaml(front, label)
    if refused:
        problems.extend(refused)
        return None
    marks = _Lines()
    before = len(problems)
    try:
        raw = yaml.load(front, Loader=_make_loader(marks, problems, label))  # noqa: S506 (SafeLoader subclass)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        report(mark.line + 1 if mark else 1, None, f"front matter: YAML syntax error: {getattr(err, 'problem', '')}")
        return None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:
        report(1, None, f"front matter: cannot read the YAML ({type(err).__name__}: {excerpt(str(err))})")
        return None
    if len(problems) > before:
        return None
    if not isinstance(raw, dict):
        report(2, None, "the front matter must be a mapping of fields (id: …, name: …)")
        return None
    key_lines = marks.keys.setdefault(id(raw), {})
    marks.start[id(raw)] = 1
    for section in kind.sections:
        if section.field in raw:
            report(
                key_lines.get(section.field),
                section.field,
                f"is a section of the file, not a front-matter field: write it under {_heading_of(section)}",
            )
    if report.count:
        return None

    # Sections.
    body = _split_sections(lines, end + 1, kind, report)
    if body is None:
        return None
    for section, (line, content) in body.items():
        value = _section_value(kind, section, line, content, report, marks)
        if value is not None:
            raw[section.field] = value
            key_lines[section.field] = line
    return (raw, marks) if not report.count else None


def _split_sections(lines: list[str], start: int, kind: Kind, report: _Problems):
    """``{section: (line of its heading or first line, [(line number, text), …])}`` in file order."""
    by_heading = {s.heading: s for s in kind.sections if s.heading}
    lead = kind.sections[0] if kind.sections and kind.sections[0].heading is None else None
    names = ", ".join(f"'## {s.heading}'" for s in kind.sections if s.heading)
    if len(names) > 90:  # keep the line short: the schema's description lists them all
        names = f"those listed in schemas/{kind.name}.frontmatter.schema.json"
    found: dict[Section, tuple[int, list[tuple[int, str]]]] = {}
    current: Section | None = lead
    current_content: list[tuple[int, str]] = []
    current_line = start + 1
    last_index = -1

    def close() -> None:
        if current is not None and (current is not lead or any(t.strip() for _, t in current_content)):
            found[current] = (current_line, current_content)

    for number in range(start, len(lines)):
        text = lines[number].rstrip()
        heading = _HEADING.match(text)
        if heading and len(heading.group(1)) == 2 and not text.startswith(" "):
            close()
            title = heading.group(2)
            section = by_heading.get(title)
            if section is None:
                close_match = [h for h in by_heading if h.casefold() == title.casefold()]
                hint = f" (did you mean '## {close_match[0]}'?)" if close_match else ""
                report(number + 1, None, f"unknown section '## {title}'{hint}; {kind.name} have {names}")
                current = None
                continue
            if section in found:
                report(number + 1, section.field, f"section '## {title}' appears twice")
                current = None
                continue
            index = kind.sections.index(section)
            if index < last_index:
                report(
                    number + 1,
                    section.field,
                    f"section '## {title}' is out of order; {kind.name} have, in order, {names}",
                )
            last_index = max(last_index, index)
            current, current_content, current_line = section, [], number + 1
            continue
        if heading:
            report(
                number + 1,
                current.field if current else None,
                f"a heading ({'#' * len(heading.group(1))}) inside an entry: the only headings are {names}",
            )
            continue
        if current is None:
            if text.strip():
                if lead is None and not found:
                    report(number + 1, None, f"text before the first section: start with one of {names}")
                current_content = []
            continue
        if current is lead and not current_content and not text.strip():
            current_line = number + 2
            continue
        current_content.append((number + 1, lines[number]))
    close()
    if report.count:
        return None
    for section in kind.sections:
        field = kind.model.model_fields[section.field]
        if section not in found and field.is_required():
            where = (
                "the text under the front matter" if section.heading is None else f"the section '## {section.heading}'"
            )
            report(None, section.field, f"missing {where} (a required field)")
    return None if report.count else found


def _section_value(kind: Kind, section: Section, line: int, content, report: _Problems, marks) -> Any:
    """The field's value from the section's lines: one paragraph, ``- `` items, or ``- id: note`` items."""
    shape, keyed = section_shape(kind, section.field)
    while content and not content[-1][1].strip():
        content = content[:-1]
    while content and not content[0][1].strip():
        content = content[1:]
    if not content:
        report(line, section.field, f"the section {_heading_of(section)} is empty: write it, or leave the heading out")
        return None
    for number, text in content:
        if text.lstrip().startswith("<"):
            report(number, section.field, "raw HTML is not allowed in an entry's text")
            return None
        structure = block_markup(text.strip())
        if structure:
            report(number, section.field, f"must be text, not page structure: it holds {structure}; reword it")
            return None
        if shape == "text" and _LIST_START.match(text.strip()):
            report(number, section.field, f"the section {_heading_of(section)} is one paragraph, not a list")
            return None
    if shape == "text":
        return _paragraph(section, content, report)
    items: list[tuple[int, list[str]]] = []
    for number, text in content:
        if not text.strip():
            if items:
                items[-1][1].append("")
            continue
        item = _ITEM.match(text)
        if item and not text[0].isspace():
            items.append((number, [item.group(1).strip()]))
        elif items and text[0].isspace():
            if items[-1][1][-1] == "":
                report(number, section.field, "an item is one paragraph: no blank line inside it")
                return None
            items[-1][1].append(text.strip())
        else:
            report(number, section.field, f"the section {_heading_of(section)} is a list: start each item with '- '")
            return None
    values: list[Any] = []
    for number, parts in items:
        joined = " ".join(p for p in parts if p)
        if keyed is None:
            values.append(joined)
            continue
        match = _KEYED.match(joined)
        if not match:
            report(number, section.field, f"write each item as '- <{keyed[0]} id>: {keyed[1]}'")
            return None
        record = {keyed[0]: match.group(1), keyed[1]: match.group(2)}
        marks.start[id(record)] = number
        marks.keys[id(record)] = {keyed[0]: number, keyed[1]: number}
        values.append(record)
    marks.items[id(values)] = [number for number, _ in items]  # each item's line, as the YAML shape gives
    return values


def _paragraph(section: Section, content, report: _Problems) -> str | None:
    texts = [text.strip() for _, text in content]
    if "" in texts:
        number = content[texts.index("")][0]
        report(number, section.field, f"the section {_heading_of(section)} is one paragraph: remove the blank line")
        return None
    return " ".join(texts)


def load_markdown_entries(kind: Kind, data_dir: Path, label_of, problems: list[str]):
    """Every ``data/<name>/*.md`` of a kind, as :mod:`macros.data` loads a kind (a ``_Loaded``),
    in order (front matter ``order``, then id)."""
    from .data import MAX_FILE_BYTES, _Loaded, _validate

    folder = data_dir / kind.name
    loaded = _Loaded(kind, label_of(folder) + "/")
    if (data_dir / f"{kind.name}.yaml").exists():
        problems.append(
            f"{label_of(data_dir / f'{kind.name}.yaml')}: {kind.name} are also in {loaded.label}: keep one shape "
            f"(run scripts/to_markdown.py {kind.name} to convert, then delete the YAML file)"
        )
        return None
    found = []
    before = len(problems)
    for path in sorted(folder.iterdir()):
        label = label_of(path)
        if path.name == README or path.name.startswith("."):
            continue
        if path.suffix != ".md" or not path.is_file():
            problems.append(
                f"{label}: not an entry: {kind.name} entries are files named <id>.md "
                f"(notes go in {loaded.label}{README})"
            )
            continue
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                problems.append(
                    f"{label}: the file is over {MAX_FILE_BYTES:,} bytes; an entry is a page of text at most"
                )
                continue
            text = path.read_text(encoding="utf-8").removeprefix("\ufeff")  # an editor's byte-order mark
        except (OSError, UnicodeDecodeError) as err:
            problems.append(f"{label}: cannot read the file ({excerpt(str(err))})")
            continue
        parsed = parse_entry(text.replace("\r\n", "\n"), label, kind, path.stem, problems)
        if parsed is None:
            continue
        raw, marks = parsed
        report = _Problems(label, path.stem, problems)
        order = raw.pop(ORDER, None)
        order_line = marks.keys[id(raw)].pop(ORDER, None)
        if order is None:
            report(2, ORDER, "missing: a number that places the entry among the others (listed by order, then id)")
            continue
        if isinstance(order, bool) or not isinstance(order, (int, float)) or not (0 <= order < 1e9):
            report(order_line, ORDER, f"must be a number from 0 (got {excerpt(order)})")
            continue
        records = _validate(label, [raw], kind.model, True, marks, problems)  # a list: problems name the entry
        if records is None:
            continue
        record = records[0]
        if record.id != path.stem:
            report(
                marks.keys[id(raw)].get("id", 2),
                "id",
                f"is {record.id!r} but the file is {path.name}: a file is named by its id (rename the file, "
                "or keep the id and add the new name to aliases)",
            )
            continue
        found.append((order, record.id, record, raw, marks, label))
    if len(problems) > before:
        return None  # like a YAML list with a bad entry: no partial kind (its references are not checked)
    for _order, _id, record, raw, marks, label in sorted(found, key=lambda f: (f[0], f[1])):
        loaded.records.append(record)
        loaded.raw.append(raw)
        loaded.places.append(f"{label}:1")
        loaded.sources.append((label, marks))
    if not found:
        problems.append(f"{loaded.label}: no entries (every collection needs at least one)")
    return loaded


# --------------------------------------------------------------------------- writing
_RISKY_START = re.compile(r"^(?:[-*+>#|:=!?/~`]|\d+[.)][ \t]|\[)")


def _wrap(text: str, width: int, indent: str = "") -> list[str] | None:
    """Lines of ``text`` wrapped to about ``width``, none of which starts like Markdown
    structure (a list marker, a heading …), so the file previews as it reads; None if no
    wrapping avoids that."""
    for w in range(width, width - 30, -1):
        lines = textwrap.wrap(
            text, w, break_long_words=False, break_on_hyphens=False, initial_indent="", subsequent_indent=""
        )
        if all(not _RISKY_START.match(line) for line in lines[1:]) and " ".join(lines) == text:
            return [indent + line if i else line for i, line in enumerate(lines)]
    return None


class CannotPlace(ValueError):
    """A value the Markdown shape cannot hold as it is (the converter refuses the entry)."""


def entry_markdown(kind: Kind, raw: dict, order: float | int, schema_path: str | None = None) -> str:
    """The file for one entry given as its raw YAML mapping (the inverse of :func:`parse_entry`).
    Raises :class:`CannotPlace` for a value the file could not give back exactly."""
    section_fields = {s.field for s in kind.sections}
    unknown = [k for k in raw if k not in kind.model.model_fields]
    if unknown:
        raise CannotPlace(f"field {unknown[0]!r} is not a field of {kind.model.__name__}; add it to the model first")
    if ORDER in raw:
        raise CannotPlace(f"field {ORDER!r} is reserved for the Markdown shape's ordering")
    front: dict[str, Any] = {}
    for key, value in raw.items():
        if key in section_fields:
            continue
        front[key] = value
        if key == "id":
            front[ORDER] = order
    out = ["---"]
    if schema_path:
        out.append(f"# yaml-language-server: $schema={schema_path}")
    for key, value in front.items():  # lists of ids on one line, records as indented blocks
        flat = isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value) and bool(value)
        dumped = yaml.safe_dump(
            {key: value}, sort_keys=False, allow_unicode=True, width=WIDTH, default_flow_style=False
        )
        if flat:
            dumped = yaml.safe_dump(
                {key: value}, sort_keys=False, allow_unicode=True, width=WIDTH, default_flow_style=None
            )
        out += dumped.rstrip("\n").split("\n")
    out.append("---")
    for section in kind.sections:
        if section.field not in raw:
            continue
        value = raw[section.field]
        shape, keyed = section_shape(kind, section.field)
        block = _section_text(section, shape, keyed, value)
        if block is None:
            continue
        if section.heading:
            out += ["", f"## {section.heading}"]
        out += ["", *block]
    return "\n".join(out) + "\n"


def _check_text(section: Section, text: Any) -> str:
    if not isinstance(text, str):
        raise CannotPlace(f"field {section.field!r}: {excerpt(text)} is not text")
    if text != " ".join(text.split()) or not text:
        raise CannotPlace(
            f"field {section.field!r}: the text has line breaks or doubled spaces, which a section cannot keep "
            "(make it one paragraph in the YAML first)"
        )
    if len(text) > MAX_TEXT:
        raise CannotPlace(f"field {section.field!r}: the text is longer than {MAX_TEXT} characters")
    return text


def _section_text(section: Section, shape: str, keyed, value: Any) -> list[str] | None:
    if shape == "text":
        if value is None:
            return None
        lines = _wrap(_check_text(section, value), WIDTH)
        if lines is None or _ITEM.match(lines[0]):
            raise CannotPlace(f"field {section.field!r}: the text starts like a Markdown list or heading")
        return lines
    if not isinstance(value, list):
        raise CannotPlace(f"field {section.field!r}: {excerpt(value)} is not a list")
    if not value:
        return None
    out = []
    for item in value:
        if keyed:
            if not isinstance(item, dict) or set(item) != set(keyed):
                raise CannotPlace(f"field {section.field!r}: each item needs exactly {keyed[0]!r} and {keyed[1]!r}")
            text = f"{item[keyed[0]]}: {_check_text(section, item[keyed[1]])}"
            if not _KEYED.match(text):
                raise CannotPlace(f"field {section.field!r}: {excerpt(item[keyed[0]])} is not an id")
        else:
            text = _check_text(section, item)
        lines = _wrap(text, WIDTH - 2, "  ")
        if lines is None:
            raise CannotPlace(f"field {section.field!r}: an item cannot be wrapped without looking like structure")
        out.append("- " + lines[0])
        out += lines[1:]
    return out


# --------------------------------------------------------------------------- schema
def front_matter_schema(kind: Kind) -> dict:
    """The JSON Schema of a kind's front matter: the model's schema without the section fields,
    with ``order``."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(kind.model).json_schema()
    sections = {s.field for s in kind.sections}
    props = {k: v for k, v in schema.get("properties", {}).items() if k not in sections}
    ordered: dict[str, Any] = {}
    for key, value in props.items():
        ordered[key] = value
        if key == "id":
            ordered[ORDER] = {
                "type": "number",
                "minimum": 0,
                "description": "Places the entry among the others: entries are listed by order, then by id.",
            }
    schema["properties"] = ordered
    schema["required"] = [k for k in (*schema.get("required", []), ORDER) if k not in sections]
    headings = "; ".join(f"{s.field}: {_heading_of(s)}" for s in kind.sections)
    schema["description"] = (
        f"Front matter of data/{kind.name}/<id>.md. The prose fields are Markdown sections below it: {headings}."
    )
    return schema
