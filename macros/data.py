"""Load, validate and cross-check every file in ``data/``.

``load_site_data(data_dir)`` is the only entry point. For each kind of entry in
the registry (:data:`macros.models.KINDS`) it reads the YAML (rejecting duplicate
keys, which PyYAML would silently accept), validates it against the kind's model,
checks ids are unique, that every reference names an entry that exists, and that
every anchor on every page is one thing only (entries of all kinds on the page,
the page's own headings, the glossary's letters; quiz statements' link keys
likewise), and returns a :class:`SiteData`. Every data check lives here, none in
the renderers.

Anything wrong raises :class:`DataError` whose message has one line per
problem, each naming the file (with line), the entry (by id) and the field::

    data/traits.yaml:120: entry 'empathetic', field 'definition': missing required field

Run ``python -m macros.data`` to check the data without building the site.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import TypeAdapter, ValidationError

from .confusables import look_alike, skeleton
from .inline import check_entries
from .models import COLLECTIONS, KINDS, MAX_TEXT, Kind, Quiz, Record, excerpt, forbidden_char, statement_key

#: At most this many problem lines are printed (``DataError.problems`` keeps them all): a file of
#: ten thousand bad entries must not print megabytes.
MAX_SHOWN = 50


class DataError(Exception):
    """Bad data. ``str(error)`` is the report: one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        shown = problems[:MAX_SHOWN]
        if len(problems) > MAX_SHOWN:
            shown = [*shown, f"… and {len(problems) - MAX_SHOWN} more problems (fix these first)"]
        super().__init__("\n".join(shown))


# --------------------------------------------------------------------------- YAML
class _Lines:
    """Line numbers of the mappings a loader built, keyed by ``id()``."""

    def __init__(self) -> None:
        self.start: dict[int, int] = {}
        self.keys: dict[int, dict[str, int]] = {}
        self.items: dict[int, list[int]] = {}  # a list's id() -> the line of each item

    def item(self, seq: list, index: int) -> int | None:
        """The line of ``seq[index]`` (a ``- null`` item has no mapping to carry one)."""
        found = self.items.get(id(seq), ())
        return found[index] if 0 <= index < len(found) else None


#: libyaml's parser when PyYAML was built with it (about 5x faster; `mkdocs serve` reloads data on
#: every edit), else the pure-Python one. Both are safe loaders and both report line numbers.
_BASE_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _make_loader(lines: _Lines, problems: list[str], label: str) -> type:
    class Loader(_BASE_LOADER):
        pass

    def construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False):
        loader.flatten_mapping(node)
        mapping: dict[Any, Any] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if key in mapping:
                problems.append(
                    f"{label}:{line}: duplicate key {excerpt(key)} (first at line {key_lines[key]}); "
                    "YAML keeps only the last one, so remove or rename one of them"
                )
            mapping[key] = loader.construct_object(value_node, deep=True)
            key_lines[key] = line
        lines.start[id(mapping)] = node.start_mark.line + 1
        lines.keys[id(mapping)] = key_lines
        return mapping

    def construct_sequence(loader: Any, node: yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        lines.items[id(items)] = [child.start_mark.line + 1 for child in node.value]
        return items

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


# --------------------------------------------------------------------------- hostile YAML
#: The largest data file (traits.yaml, the largest, is about 60 KB).
MAX_FILE_BYTES = 1_000_000
#: The deepest nesting of lists and mappings (a quiz option is five levels deep).
MAX_DEPTH = 12
#: The longest mapping key (field names and ids are short).
MAX_KEY = 64
#: The most values (scalars, lists, mappings) in one file: traits.yaml, the largest, has about
#: 3,000. Bounds the time the checks take on a file of a million one-character entries.
MAX_NODES = 50_000
#: A file with more problems than this stops being scanned.
_MAX_SCAN_PROBLEMS = 20

_STR_TAG = "tag:yaml.org,2002:str"
_KEY_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}


class _Scan:
    """Refuse, from the parser's events alone (before anything is built), the YAML the data never
    needs and that can hurt: anchors and aliases (exponential expansion), merge keys, explicit
    tags (``!!int``, ``!!binary``, ``!!python/…``), non-text and complex mapping keys, nesting
    deeper than MAX_DEPTH (the composer recurses; very deep input crashes it), over-long values,
    invisible or control characters, impossible dates and over-long numbers.

    Each problem names the line, the entry (the first list item on the way, by its ``id``) and
    the field, like the model errors do. The entry's id may come after the problem, so problems
    inside an entry wait until the entry ends.
    """

    def __init__(self, label: str):
        self.label = label
        self.problems: list[str] = []
        self.stack: list[dict] = []  # open lists and mappings: kind, path, key, expect_key, index
        self.entry: dict | None = None  # the open entry: depth, pos (its index in paths), id, pending
        self.resolver = yaml.resolver.Resolver()
        self.dates = yaml.constructor.SafeConstructor()

    # ----------------------------------------------------------------- reporting
    def _field(self, path: tuple) -> str:
        if self.entry is not None and self.entry["pos"] is not None:  # a list's entry: drop its index
            path = path[: self.entry["pos"]] + path[self.entry["pos"] + 1 :]
        out = ""
        for part in path:
            out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
        return out

    def _problem(self, event: Any, path: tuple, message: str) -> None:
        item = (event.start_mark.line + 1, self._field(path), message)
        if self.entry is not None:
            self.entry["pending"].append(item)
        else:
            self._emit(item, None)

    def _emit(self, item: tuple, entry: str | None) -> None:
        line, field_path, message = item
        subject = ", ".join(
            p for p in (f"entry {entry}" if entry else "", f"field '{field_path}'" if field_path else "") if p
        )
        self.problems.append(f"{self.label}:{line}: {subject + ': ' if subject else ''}{message}")

    def _close_entry(self) -> None:
        entry, self.entry = self.entry, None
        name = entry["id"] or (f"#{entry['index'] + 1}" if entry["index"] is not None else None)
        for item in entry["pending"]:
            self._emit(item, name)

    # ----------------------------------------------------------------- walking
    def _place(self, event: Any) -> tuple[tuple, str]:
        """Where a starting node sits: (its path, 'root' | 'key' | 'value' | 'item')."""
        if not self.stack:
            if isinstance(event, yaml.MappingStartEvent):  # a file that is one entry (its own id names it)
                self.entry = {"depth": 0, "pos": None, "index": None, "id": None, "pending": []}
            return (), "root"
        parent = self.stack[-1]
        if parent["kind"] == "seq":
            parent["index"] += 1
            path = (*parent["path"], parent["index"])
            if self.entry is None:
                self.entry = {
                    "depth": len(self.stack),
                    "pos": len(path) - 1,
                    "index": parent["index"],
                    "id": None,
                    "pending": [],
                }
            return path, "item"
        if parent["expect_key"]:
            return parent["path"], "key"
        return (*parent["path"], parent["key"]), "value"

    def _done(self, role: str, key: str = "?") -> None:
        """A node ended: the mapping above it waits for its next key, or for this key's value."""
        if self.stack and self.stack[-1]["kind"] == "map":
            parent = self.stack[-1]
            parent["expect_key"] = role == "value"
            if role == "key":
                parent["key"] = key
        if self.entry is not None and len(self.stack) == self.entry["depth"] and role == "item":
            self._close_entry()

    def _check_scalar(self, event: Any, path: tuple, role: str) -> str:
        value = event.value
        limit = MAX_KEY if role == "key" else MAX_TEXT
        if len(value) > limit:
            what = "key" if role == "key" else "value"
            self._problem(
                event, path, f"{what} {excerpt(value)} is {len(value):,} characters long; at most {limit:,} are allowed"
            )
            return value[:MAX_KEY]
        bad = forbidden_char(value)
        if bad:
            self._problem(event, path, f"{excerpt(value)} {bad}")
        elif (
            role == "value"
            and path[-1:] == ("id",)
            and self.entry
            and len(path) == (-1 if self.entry["pos"] is None else self.entry["pos"]) + 2
        ):
            self.entry["id"] = entry_label(value)  # names the entry in its problems
        plain = event.tag is None and event.implicit[0]
        tag = self.resolver.resolve(yaml.ScalarNode, value, (True, False)) if plain else _STR_TAG
        if plain and role != "key" and tag == _STR_TAG and self._comment_follows(event):
            self._problem(
                event,
                path,
                f"unquoted text followed by ' #': YAML drops the rest of the line as a comment, keeping only "
                f"{excerpt(value)}: quote the whole value, or put the comment on a line of its own",
            )
        if role == "key":
            if tag == "tag:yaml.org,2002:merge":
                self._problem(event, path, "merge keys (<<) are not allowed: write the fields out")
            elif tag != _STR_TAG:
                self._problem(
                    event,
                    path,
                    f"key {excerpt(value)} reads as {_KEY_KINDS.get(tag, 'not text')}: keys must be text (quote it)",
                )
        elif tag == "tag:yaml.org,2002:timestamp":
            try:
                self.dates.construct_yaml_timestamp(yaml.ScalarNode(tag, value))
            except (ValueError, OverflowError):
                self._problem(event, path, f"{excerpt(value)} is not a real date (YYYY-MM-DD, a day that exists)")
        elif tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and len(value) > 20:
            self._problem(event, path, f"the number {excerpt(value)} is too long")
        elif tag == "tag:yaml.org,2002:int" and not _DECIMAL.match(value):
            self._problem(event, path, _non_decimal(value))
        elif tag == "tag:yaml.org,2002:float" and ("_" in value or ":" in value or value[-1:].isalpha()):
            self._problem(event, path, f"{excerpt(value)} is not a plain decimal number: write digits, or quote it")
        return value

    def _comment_follows(self, event: Any) -> bool:
        """A plain scalar ends where a `` #`` comment starts: ``name: Coach #1`` is "Coach". A
        comment is fine after a value that is one token, an id, a choice or a URL
        (``tier: bonus  # key | bonus``, as CONTRIBUTING.md's templates write them), when it reads
        as one (``# `` and words); after text, or as ``#1``, it cut the text short."""
        end = event.end_mark
        if end.line >= len(self.lines):
            return False
        comment = _COMMENT_AFTER.match(self.lines[end.line], end.column)
        if comment is None:
            return False
        return not (_TOKEN.match(event.value) and comment.group(1) in ("", " ", "\t"))

    def run(self, text: str) -> list[str]:
        self.lines = text.splitlines()
        try:
            for nodes, event in enumerate(yaml.parse(text, Loader=_BASE_LOADER)):
                if len(self.problems) + len(self.entry["pending"] if self.entry else ()) >= _MAX_SCAN_PROBLEMS:
                    break
                if nodes > MAX_NODES:
                    self.entry = None  # a file-wide problem: no entry to name
                    self.problems.append(
                        f"{self.label}:{event.start_mark.line + 1}: the file holds more than {MAX_NODES:,} values; "
                        "split it"
                    )
                    break
                if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    frame = self.stack.pop()
                    self._done(frame["role"])
                    continue
                if not isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent, yaml.CollectionStartEvent)):
                    continue
                path, role = self._place(event)
                if isinstance(event, yaml.AliasEvent) or event.anchor is not None:
                    self._problem(
                        event, path, "anchors (&name) and aliases (*name) are not allowed: write the value out"
                    )
                    break  # one line is enough: the rest may be built of them
                if event.tag is not None:
                    shown = excerpt(event.tag.replace("tag:yaml.org,2002:", "!!"))
                    self._problem(event, path, f"explicit tags ({shown}) are not allowed: write a plain value")
                if isinstance(event, yaml.ScalarEvent):
                    self._done(role, self._check_scalar(event, path, role))
                    continue
                if role == "key":
                    self._problem(event, path, "a key must be a name, not a list or mapping")
                    break
                if len(self.stack) >= MAX_DEPTH:
                    self._problem(event, path, f"nested more than {MAX_DEPTH} levels deep")
                    break
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                self.stack.append(
                    {"kind": kind, "path": path, "role": role, "key": "?", "expect_key": True, "index": -1}
                )
        except yaml.YAMLError:
            pass  # the loader reports syntax errors with their line
        if self.entry is not None:
            self._close_entry()
        return self.problems


#: Integers as people write them; YAML 1.1 also reads 0x7DC, 0b101, 017 (octal), 1_990 and
#: 33:10 (base 60) as numbers, none of which a year or a count in this data is written as.
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_COMMENT_AFTER = re.compile(r"[ \t]+#(.?)")
#: A value that is one token (an id, a choice, a date, a URL): a comment after it drops nothing.
_TOKEN = re.compile(r"(?:[a-z0-9][a-z0-9._-]*|https?://\S+)\Z")
_NON_DECIMAL = (
    ("0x", "0x is hexadecimal"),
    ("0b", "0b is binary"),
    (":", "a colon counts in sixties"),
    ("_", "it drops the _"),
)


def _non_decimal(value: str) -> str:
    """The problem with an integer YAML 1.1 reads from a spelling that is not plain decimal."""
    try:
        number = yaml.constructor.SafeConstructor().construct_yaml_int(yaml.ScalarNode("", value))
    except ValueError:
        number = None
    digits = value.lstrip("+-")
    why = next((w for mark, w in _NON_DECIMAL if mark in digits.lower()), "YAML reads a leading 0 as octal")
    return (
        f"YAML reads this as a number ({why}: {value} is {number}): write numbers as plain decimal digits "
        "(no leading 0), or quote it if it is text"
    )


def entry_label(entry_id: str) -> str:
    """How a problem line names an entry by its id: ``'its-id'``, or, for an id too long or holding a
    line break, tab or other unprintable character, a short escaped excerpt (one line whatever it holds)."""
    if len(entry_id) <= MAX_KEY and entry_id.isprintable() and not forbidden_char(entry_id):
        return f"'{entry_id}'"
    return excerpt(entry_id)


def scan_yaml(text: str, label: str) -> list[str]:
    """Problems with YAML features and values the data must not use (see :class:`_Scan`)."""
    return _Scan(label).run(text)


def read_yaml(path: Path, label: str, lines: _Lines, problems: list[str]) -> Any:
    """Parse one YAML file; syntax errors and emptiness become problems."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(
                f"{label}: the file is {size:,} bytes; at most {MAX_FILE_BYTES:,} are allowed (split it or shorten it)"
            )
            return None
        text = _utf8(path.read_bytes(), label, problems)
    except OSError as err:
        problems.append(f"{label}: cannot read the file ({excerpt(str(err))})")
        return None
    if text is None:
        return None
    refused = scan_yaml(text, label)
    if refused:
        problems.extend(refused)
        return None
    try:
        data = yaml.load(text, Loader=_make_loader(lines, problems, label))  # noqa: S506 (SafeLoader subclass)
    except (ValueError, TypeError, OverflowError, RecursionError) as err:  # a case the scan missed
        problems.append(f"{label}: cannot read the YAML ({type(err).__name__}: {excerpt(str(err))})")
        return None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark else label
        what = getattr(err, "problem", None) or str(err).splitlines()[0]
        problems.append(f"{where}: YAML syntax error: {what}")
        return None
    if data is None:
        problems.append(f"{label}: the file is empty; it must hold at least one entry")
    return data


def _utf8(raw: bytes, label: str, problems: list[str]) -> str | None:
    """The file's text; a byte that is not UTF-8 is a problem naming its line and column."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        problems.append(
            f"{label}:{line}: byte 0x{raw[err.start]:02x} at column {column} is not UTF-8 "
            "(the file was saved in another encoding): save it as UTF-8"
        )
        return None


# --------------------------------------------------------------------------- errors
_TYPE_TAGS = {"str", "int", "bool", "list", "dict", "date", "none", "float"}


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part in _TYPE_TAGS)


def _entry_name(item: Any, index: int) -> str:
    """How a problem line names an entry: ``'its-id'`` (a short excerpt at most), else ``#n``."""
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return entry_label(item["id"])
    return f"#{index + 1}"


def _describe(label: str, data: Any, loc: tuple, lines: _Lines) -> tuple[str, str, str]:
    """Turn a pydantic ``loc`` into (file:line, entry, field path).

    ``data`` is a list of entries (the first index in ``loc`` is the entry) or one entry (a file per
    entry: every index is in a field, ``steps[1].kind``)."""
    cur, line, entry, path = data, None, None, []
    one_entry = isinstance(data, dict)
    if one_entry and isinstance(data.get("id"), str):
        entry = _entry_name(data, 0)
    for part in loc:
        if _is_type_tag(part):
            continue
        if isinstance(cur, dict):
            line = lines.start.get(id(cur), line)
            if isinstance(part, str) and part in cur:
                line = lines.keys.get(id(cur), {}).get(part, line)
        if isinstance(part, int) and isinstance(cur, list):
            line = lines.item(cur, part) or line
        if not one_entry and entry is None and isinstance(part, int) and isinstance(cur, list):
            item = cur[part] if part < len(cur) else None
            entry = _entry_name(item, part)
            cur = item
            if isinstance(cur, dict):
                line = lines.start.get(id(cur), line)
            continue
        if isinstance(part, int):
            path.append(f"[{part}]")
        else:
            path.append(("." if path else "") + str(part))
        if isinstance(cur, dict) and part in cur:
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            cur = cur[part]
        else:
            cur = None
    where = f"{label}:{line}" if line else label
    return where, entry or "", "".join(path)


def _message(err: dict, model_fields: set[str]) -> str:
    kind, loc = err["type"], err["loc"]
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        close = difflib.get_close_matches(name, sorted(model_fields), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown field{hint}; allowed fields are listed in the schema"
    hint = _quote_hint(err)
    if hint:
        return hint
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if kind.endswith("_type") or kind in {"literal_error", "enum"}:
        return f"{msg} (got {excerpt(err.get('input'))})"
    return msg


#: What YAML 1.1 (PyYAML) makes of an unquoted value that was meant as text.
_YAML11_READS = (
    (bool, "true/false (YAML reads unquoted yes, no, on, off, y and n that way)"),
    (int, "a number (YAML reads a leading 0 as octal: 012 is 10)"),
    (float, "a number"),
    (datetime.datetime, "a date and time"),
    (datetime.date, "a date"),
)


def _quote_hint(err: dict) -> str | None:
    """Text expected, something else read: say what YAML made of it and to quote it."""
    if err["type"] != "string_type":
        return None
    value = err.get("input")
    if value is None:
        return "has no value: write the text (in quotes if it is 'null' or '~')"
    for kind, reads in _YAML11_READS:
        if isinstance(value, kind):
            return f"YAML reads this as {reads}, not text: quote it (got {excerpt(value)})"
    return None


def _all_fields() -> set[str]:
    """Every field name of every model, nested ones included (a quiz question's, a path step's):
    what an "unknown field" hint may suggest."""
    names: set[str] = set()
    seen: set[type] = set()

    def walk(annotation: Any) -> None:
        if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
            if annotation in seen:
                return
            seen.add(annotation)
            for field in annotation.model_fields.values():
                walk(field.annotation)
            names.update(annotation.model_fields)
        for arg in get_args(annotation):
            walk(arg)

    for model in (*COLLECTIONS.values(), Quiz):
        walk(model)
    return names


def _validation_problems(label: str, data: Any, exc: ValidationError, lines: _Lines) -> list[str]:
    out = []
    fields = _all_fields()
    for err in exc.errors(include_url=False):
        where, entry, path = _describe(label, data, err["loc"], lines)
        subject = ", ".join(p for p in (f"entry {entry}" if entry else "", f"field '{path}'" if path else "") if p)
        out.append(f"{where}: {subject + ': ' if subject else ''}{_message(err, fields)}")
    return out


# --------------------------------------------------------------------------- references
def _schema_refs(schema: dict, node: dict, value: Any, trail: str, found: list[tuple[str, str, str]]) -> None:
    """Walk ``value`` beside its JSON Schema, collecting (path, collection, id) of x-ref fields."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "x-ref" in node and isinstance(value, str):
        found.append((trail, node["x-ref"], value))
        return
    for branch in node.get("anyOf", []):
        if branch.get("type") != "null":
            _schema_refs(schema, branch, value, trail, found)
    if isinstance(value, list) and "items" in node:
        for i, item in enumerate(value):
            _schema_refs(schema, node["items"], item, f"{trail}[{i}]", found)
    if isinstance(value, dict):
        for key, item in value.items():
            sep = "." if trail else ""
            if key in node.get("properties", {}):
                _schema_refs(schema, node["properties"][key], item, f"{trail}{sep}{key}", found)
            else:
                if "propertyNames" in node:
                    _schema_refs(schema, node["propertyNames"], key, f"{trail}{sep}{key}", found)
                values = [*node.get("patternProperties", {}).values(), node.get("additionalProperties")]
                for sub in values:
                    if isinstance(sub, dict):
                        _schema_refs(schema, sub, item, f"{trail}{sep}{key}", found)
                        break


_LAST_INDEX = re.compile(r"\[\d+\]$")


def _reference_shape_problems(
    where: str, entry: str, collection: str, rec: Record, found: list[tuple[str, str, str]]
) -> list[str]:
    """An entry that refers to itself (related to, or distinct from, itself), and a list of
    references that names the same entry twice (``sources: [a, a]``)."""
    out = []
    first: dict[tuple[str, str, str], str] = {}
    for path, target, value in found:
        if target == collection and value == getattr(rec, "id", None):
            out.append(f"{where}: entry {entry}, field '{path}': an entry cannot refer to itself")
        if not path.endswith("]"):
            continue  # one reference, not a list of them
        key = (_LAST_INDEX.sub("", path, count=1), target, value)  # "questions[0].traits[1]" -> "questions[0].traits"
        if key in first:
            out.append(f"{where}: entry {entry}, field '{path}': {value!r} is listed twice (also at '{first[key]}')")
        first.setdefault(key, path)
    return out


# --------------------------------------------------------------------------- result
@dataclass(frozen=True)
class Collection:
    """Entries of one data file, in file order, with lookup by id."""

    name: str
    file: str
    entries: tuple[Record, ...]
    by_id: dict[str, Record] = field(repr=False)

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, key: str) -> Record:
        return self.by_id[key]

    def __contains__(self, key: object) -> bool:
        return key in self.by_id


@dataclass(frozen=True)
class SiteData:
    collections: dict[str, Collection]
    #: Not wrong, but probably a mistake: printed by ``python -m macros.data``, logged as warnings
    #: by the build (which --strict turns into a stop). None today: two entries readers cannot tell
    #: apart (once a warning) are refused.
    warnings: tuple[str, ...] = ()

    def __getattr__(self, name: str) -> Collection:
        try:
            return self.collections[name]
        except KeyError:
            raise AttributeError(name) from None


def _validate(label: str, raw: Any, model: type, as_list: bool, lines: _Lines, problems: list[str]):
    adapter = TypeAdapter(list[model] if as_list else model)
    try:
        return adapter.validate_python(raw)
    except ValidationError as exc:
        problems.extend(_validation_problems(label, raw, exc, lines))
        return None


@dataclass
class _Loaded:
    """One kind's valid entries, with the raw YAML and where each entry starts (``file:line``)."""

    kind: Kind
    label: str
    records: list[Record] = field(default_factory=list)
    raw: list[Any] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    sources: list[tuple[str, _Lines]] = field(default_factory=list)  # per entry: (file, its line marks)

    def at(self, i: int, field_path: str) -> str:
        """``file:line`` of a field of entry ``i`` (``aliases[0]``, ``statements[2].id``), or of the entry."""
        label, lines = self.sources[i]
        node, line = self.raw[i], None
        for part in re.findall(r"[^.\[\]]+", field_path):
            if isinstance(node, dict) and part in node:
                line = lines.keys.get(id(node), {}).get(part, line)
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
                line = lines.start.get(id(node), line) if isinstance(node, dict) else line
            else:
                break
        return f"{label}:{line}" if line else self.places[i]

    def entry(self, i: int) -> str:
        rec = self.records[i]
        return f"'{rec.id}'" if hasattr(rec, "id") else f"#{i + 1}"


def _load_list_file(kind: Kind, data_dir: Path, label_of, problems: list[str]) -> _Loaded | None:
    """A kind kept in one file: ``data/<name>.yaml``, a YAML list of entries."""
    path = data_dir / f"{kind.name}.yaml"
    label = label_of(path)
    if not path.exists():
        problems.append(f"{label}: file missing (every collection needs its file, even with one entry)")
        return None
    lines = _Lines()
    raw = read_yaml(path, label, lines, problems)
    if raw is None:
        return None
    if not isinstance(raw, list):
        problems.append(f"{label}: the file must be a YAML list of entries (each starting with '- ')")
        return None
    if not raw:
        problems.append(f"{label}: the list is empty ([]); it must hold at least one entry")
        return None
    records = _validate(label, raw, kind.model, True, lines, problems)
    if records is None:
        return None
    places = [f"{label}:{lines.start.get(id(item)) or lines.item(raw, i) or '?'}" for i, item in enumerate(raw)]
    return _Loaded(kind, label, records, raw, places, [(label, lines)] * len(raw))


def _load_entry_files(kind: Kind, data_dir: Path, label_of, problems: list[str]) -> _Loaded:
    """A kind kept one entry per file: ``data/<name>/<id>.yaml``, each a YAML mapping."""
    loaded = _Loaded(kind, label_of(data_dir / kind.name))
    for path in sorted((data_dir / kind.name).glob("*.yaml")):
        label, lines = label_of(path), _Lines()
        raw = read_yaml(path, label, lines, problems)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            problems.append(f"{label}: the file must be a YAML mapping (id, title, …), one entry per file")
            continue
        record = _validate(label, raw, kind.model, False, lines, problems)
        if record is None:
            continue
        if record.id != path.stem:
            problems.append(f"{label}: field 'id': is {record.id!r} but must equal the file name {path.stem!r}")
        loaded.records.append(record)
        loaded.raw.append(raw)
        loaded.places.append(f"{label}:{lines.start.get(id(raw), 1)}")
        loaded.sources.append((label, lines))
    if not loaded.raw and not any(p.startswith(loaded.label + "/") for p in problems):
        problems.append(f"{loaded.label}/: no entries; the folder must hold at least one <id>.yaml file")
    return loaded


#: Data files that are not entries, each read by its own module (which reports its own problems).
OTHER_FILES = ("search_synonyms.yaml",)  # macros/search_synonyms.py


def read_paths(kind: Kind, data_dir: Path) -> list[Path]:
    """The files a kind reads: ``data/<name>.yaml``, or each ``data/<name>/*.yaml``, or (a kind
    kept as Markdown) every file of ``data/<name>/``, whose reader reports strays itself."""
    if kind.in_markdown(data_dir):  # a leftover data/<name>.yaml is reported by that reader too
        return [*sorted(p for p in (data_dir / kind.name).iterdir() if p.is_file()), data_dir / f"{kind.name}.yaml"]
    if kind.one_file_per_entry:
        return sorted((data_dir / kind.name).glob("*.yaml"))
    return [data_dir / f"{kind.name}.yaml"]


def _unread_files(data_dir: Path, label_of, problems: list[str]) -> None:
    """Every file in ``data/`` is read by a kind, or refused: a ``roles.yml`` or ``quizzes/x.yml``
    would otherwise be skipped in silence. Hidden files (``.gitkeep``, editors' swap files) aside."""
    read = {path for kind in KINDS.values() for path in read_paths(kind, data_dir)}
    read |= {data_dir / name for name in OTHER_FILES}
    folders = {data_dir / kind.name for kind in KINDS.values() if kind.one_file_per_entry or kind.in_markdown(data_dir)}
    for path in sorted(data_dir.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(data_dir).parts)
        if hidden or path in read or path in folders or (path.is_dir() and path.parent == data_dir):
            continue
        if path.is_dir():
            continue  # its files are reported one by one
        stem = path.name.split(".", 1)[0]
        if path.parent == data_dir and stem in KINDS and not KINDS[stem].one_file_per_entry:
            hint = f"rename it to {stem}.yaml"
        elif path.parent in folders:
            hint = f"rename it to {stem}.yaml" if path.suffix != ".yaml" else "move it"
        else:
            close = difflib.get_close_matches(stem, sorted(KINDS), n=1)
            hint = f"did you mean data/{close[0]}.yaml?" if close else "move it out of data/"
        hint = hint if hint.isprintable() else repr(hint)[1:-1]  # a name with a line break stays one line
        problems.append(f"{label_of(path)}: no kind of entry reads this file ({hint}); every file in data/ is read")


def _unique_ids(loaded: _Loaded, problems: list[str]) -> None:
    """Ids are unique within a kind, aliases included (an alias is an anchor too)."""
    seen: dict[str, int] = {}
    for i, rec in enumerate(loaded.records):
        if not hasattr(rec, "id"):
            continue
        for key in (rec.id, *getattr(rec, "aliases", ())):
            if key in seen:
                problems.append(
                    f"{loaded.places[i]}: entry '{rec.id}', field 'id': duplicate id {key!r} "
                    f"(already used by entry #{seen[key] + 1}); ids must be unique"
                )
            seen.setdefault(key, i)


@functools.cache
def _schema_of(model: type[Record]) -> dict:
    """A model's JSON Schema: its ``x-ref`` marks say which fields reference which kind."""
    schema = TypeAdapter(model).json_schema()
    schema.setdefault("$defs", {})
    return schema


def _references(
    loaded: _Loaded, ids: dict[str, set[str]], problems: list[str], files: dict[str, str] | None = None
) -> None:
    """Every reference field (typed ``TraitId``, ``SourceId`` … in the model) names an entry that exists."""
    schema = _schema_of(loaded.kind.model)
    for i, item in enumerate(loaded.raw):
        found: list[tuple[str, str, str]] = []
        _schema_refs(schema, schema, item, "", found)
        problems.extend(
            _reference_shape_problems(loaded.places[i], loaded.entry(i), loaded.kind.name, loaded.records[i], found)
        )
        for path, target, value in found:
            if target not in ids:
                continue  # that file failed already; its own problems are reported
            if value not in ids[target]:
                close = difflib.get_close_matches(value, sorted(ids[target]), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(
                    f"{loaded.at(i, path)}: entry {loaded.entry(i)}, field '{path}': {value!r} is not an id in "
                    f"{(files or {}).get(target) or KINDS[target].data_file()}{hint}"
                )


def _path_steps(loaded: _Loaded, ids: dict[str, set[str]], problems: list[str]) -> None:
    """A path step names an entry by kind and id: the entry must exist (its kind is in the step)."""
    for i, rec in enumerate(loaded.records):
        for n, step in enumerate(rec.steps):
            if step.kind in ids and step.id not in ids[step.kind]:
                close = difflib.get_close_matches(step.id, sorted(ids[step.kind]), n=1)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                problems.append(
                    f"{loaded.at(i, f'steps[{n}].id')}: entry {loaded.entry(i)}, field 'steps[{n}].id': "
                    f"{step.id!r} is not an id in {KINDS[step.kind].data_file()}{hint}"
                )


def references_of(record: Record, kind: str) -> list[tuple[str, str]]:
    """``[(field path, id), …]`` of the entries of ``kind`` a record names, through the fields its
    model declares as references to that kind (``SourceId`` …), in field order."""
    schema = _schema_of(type(record))
    found: list[tuple[str, str, str]] = []
    _schema_refs(schema, schema, record.model_dump(mode="json"), "", found)
    return [(path, value) for path, target, value in found if target == kind]


# --------------------------------------------------------------------------- anchors
_FENCE = re.compile(r"^\s*(```|~~~)")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_:.-]+)[^}]*\}\s*$")
#: ``id="x"``, ``id='x'`` anywhere (as before), and ``id=x`` unquoted inside a tag (HTML allows it).
_HTML_ID = re.compile(r"""(?<![\w-])id=["']([^"']+)["']""")  # not data-id=
_HTML_ID_UNQUOTED = re.compile(r"""<[A-Za-z][^<>]*?\sid=([^\s"'=<>`]+)""")


@dataclass(frozen=True)
class PageId:
    """An id a ``docs/`` page writes itself: where, what, and whether it is written out (an
    attribute list or HTML) or made by ``toc`` from a heading's text (which ``toc`` numbers apart
    from ids already taken: ``intro``, ``intro_1``)."""

    anchor: str
    line: int
    what: str
    written: bool


def _heading_id(text: str, line: int) -> PageId:
    from markdown.extensions.toc import slugify

    explicit = _ATTR_ID.search(text)
    anchor = explicit.group(1) if explicit else slugify(re.sub(r"\{[^}]*\}\s*$", "", text), "-")
    return PageId(anchor, line, f"the heading {text.strip()!r}", explicit is not None)


def page_ids(path: Path) -> list[PageId]:
    """Every id a ``docs/`` page writes itself, in order: headings, ATX (``## Title``) and setext
    (``Title`` underlined by ``===`` or ``---``), as Python-Markdown's ``toc`` names them or by
    ``{ #id }``, and ``id=`` in raw HTML, quoted or not. Front matter, fenced code and lines of
    macro output (``{{ … }}``) are left out: the entries' own checks cover what macros make."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[PageId] = []
    start = 0
    if lines and lines[0].rstrip() == "---":  # front matter: YAML, not Markdown
        start = next((n + 1 for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "...")), 0)
    fenced = False
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or "{{" in line or "{%" in line:
            continue
        heading = _ATX.match(line)
        if heading:
            found.append(_heading_id(heading.group(2), number))
            continue
        if _SETEXT.match(line) and index > start:
            text, before = lines[index - 1], lines[index - 2] if index - 1 > start else ""
            # Python-Markdown: the underlined line starts a block (a blank line before it).
            if text.strip() and not before.strip() and not text.startswith((" " * 4, "\t")) and "{{" not in text:
                if not re.match(r"\s*([-*+>|]|\d+[.)])(\s|$)", text) and not _FENCE.match(text):
                    found.append(_heading_id(text, index))
                    continue
        for anchor in [*_HTML_ID.findall(line), *_HTML_ID_UNQUOTED.findall(line)]:
            found.append(PageId(anchor, number, f'the element with id="{anchor}"', True))
    return found


def page_anchors(path: Path) -> dict[str, tuple[int, str]]:
    """Anchors a ``docs/`` page writes itself (:func:`page_ids`): ``{anchor: (line, what)}``, the
    first of each."""
    found: dict[str, tuple[int, str]] = {}
    for item in page_ids(path):
        found.setdefault(item.anchor, (item.line, item.what))
    return found


def page_front_matter(path: Path, label: str) -> list[str]:
    """A ``docs/`` page's front matter passes the data's YAML checks (:func:`scan_yaml`): a
    ``title: Step #1`` would publish "Step" (YAML reads `` #`` as a comment)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    if not lines or lines[0].rstrip() != "---":
        return []
    end = next((n for n in range(1, len(lines)) if lines[n].rstrip() in ("---", "...")), None)
    if end is None:
        return []
    return scan_yaml("\n" + "\n".join(lines[1:end]) + "\n", label)  # padded: line numbers are the file's


def page_id_clashes(path: Path, label: str) -> list[str]:
    """An id a page writes twice (``{ #x }`` twice, ``id="x"`` beside a heading ``x``): the built
    page would hold two elements with one id. Two headings of the same text are fine (``toc`` makes
    ``x`` and ``x_1``)."""
    out: list[str] = []
    first: dict[str, PageId] = {}
    for item in page_ids(path):
        held = first.get(item.anchor)
        if held is None:
            first[item.anchor] = item
        elif item.written or held.written:
            out.append(
                f"{label}:{item.line}: id {excerpt(item.anchor)} of {item.what} is on the page twice "
                f"(also {held.what} at line {held.line}); choose another id"
            )
    return out


def _anchor_clashes(loaded: dict[str, _Loaded], docs_dir: Path | None, label_of, problems: list[str]) -> None:
    """Every anchor on every page is one thing: an entry's id, alias or extra anchor (any kind on
    that page), a heading or element the page writes itself, or an anchor the page derives from
    its entries (the glossary's letters). A clash would publish two elements with one id."""
    by_page: dict[str, list[_Loaded]] = {}
    for item in loaded.values():
        if item.kind.anchored:
            by_page.setdefault(item.kind.page, []).append(item)
    for page, kinds in by_page.items():
        taken: dict[str, tuple[str, str | None]] = {}  # anchor -> (what holds it, its kind if an id/alias)
        if docs_dir is not None and (docs_dir / page).is_file():
            doc = label_of(docs_dir / page)
            for anchor, (line, what) in page_anchors(docs_dir / page).items():
                taken[anchor] = (f"{what} at {doc}:{line}", None)
        for item in kinds:
            if item.kind.group_anchors:
                for anchor in sorted(item.kind.group_anchors(item.records)):
                    taken.setdefault(anchor, (f"a heading the page makes from {item.kind.data_file()}", None))
        for item in kinds:
            for i, rec in enumerate(item.records):
                own = {rec.id, *rec.aliases}
                for anchor, where in item.kind.anchors(rec):
                    holder, holder_kind = taken.get(anchor, (None, None))
                    mine = item.kind.name if anchor in own else None
                    if holder is None:
                        taken[anchor] = (f"{item.kind.name} entry '{rec.id}' ({item.places[i]})", mine)
                    elif not (mine and holder_kind == mine):  # same kind, id vs id: reported as a duplicate id
                        problems.append(
                            f"{item.at(i, where)}: entry '{rec.id}', field '{where}': anchor {anchor!r} is also "
                            f"{holder} on the same page ({page}); choose another id"
                        )


def _statement_keys(loaded: _Loaded, problems: list[str]) -> None:
    """A shared self-assessment result keys each statement by a short hash of its id: no two alike."""
    for i, quiz in enumerate(loaded.records):
        seen: dict[str, str] = {}
        for n, statement in enumerate(getattr(quiz, "statements", ())):
            key = statement_key(statement.id)
            if key in seen:
                problems.append(
                    f"{loaded.at(i, f'statements[{n}].id')}: entry '{quiz.id}', field 'statements[{n}].id': statements "
                    f"{seen[key]!r} and {statement.id!r} share the link key {key!r}; rename the newer statement"
                )
            seen.setdefault(key, statement.id)


def load_site_data(
    data_dir: Path | str, root: Path | str | None = None, docs_dir: Path | str | None = None
) -> SiteData:
    """Read and check everything in ``data_dir``; raise DataError listing every problem.

    ``docs_dir`` (default ``<root>/docs`` when it exists) holds the pages: their own headings
    are checked against the entries' anchors.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    docs = Path(docs_dir) if docs_dir else root / "docs"
    problems: list[str] = []

    def label_of(path: Path) -> str:
        try:
            label = path.relative_to(root).as_posix()
        except ValueError:
            label = path.as_posix()
        # A file name may hold a line break or a control character: escaped, the line stays one line.
        return label if label.isprintable() else repr(label)[1:-1]

    loaded: dict[str, _Loaded] = {}
    failed: set[str] = set()  # kinds with a file that did not load: references to them are not checked
    for name, kind in KINDS.items():
        load = _load_entry_files if kind.one_file_per_entry else _load_list_file
        if kind.in_markdown(data_dir):
            from .entries import load_markdown_entries as load  # one Markdown file per entry
        before = len(problems)
        item = load(kind, data_dir, label_of, problems)
        if len(problems) > before:
            failed.add(name)
        if item is not None:
            loaded[name] = item

    _unread_files(data_dir, label_of, problems)
    for item in loaded.values():
        _unique_ids(item, problems)
    ids = {name: {rec.id for rec in item.records if hasattr(rec, "id")} for name, item in loaded.items()}
    for item in loaded.values():
        _references(item, ids, problems, {name: other.label for name, other in loaded.items()})
    check_entries(loaded, {k: v for k, v in ids.items() if k not in failed}, problems)  # inline Markdown, links
    _anchor_clashes(loaded, docs if docs.is_dir() else None, label_of, problems)
    if docs.is_dir():
        for page in sorted(docs.rglob("*.md")):
            problems.extend(page_front_matter(page, label_of(page)))
            problems.extend(page_id_clashes(page, label_of(page)))
    if "quizzes" in loaded:
        _statement_keys(loaded["quizzes"], problems)
    if "paths" in loaded:
        _path_steps(loaded["paths"], {k: v for k, v in ids.items() if k not in failed}, problems)
    problems.extend(_same_visible_names(loaded))

    if problems:
        raise DataError(problems)
    return SiteData(
        {
            name: Collection(name, item.label, tuple(item.records), {r.id: r for r in item.records if hasattr(r, "id")})
            for name, item in loaded.items()
        },
    )


def _visible_name(rec: Record) -> str | None:
    name = getattr(rec, "name", None) or getattr(rec, "title", None)
    if not isinstance(name, str):
        return None
    return skeleton(name)  # NFKC, case folded, look-alike letters as the Latin ones (macros/confusables.py)


def _same_visible_names(loaded: dict[str, _Loaded]) -> list[str]:
    """Two entries of one kind that readers would see under the same name (case, spacing,
    Unicode's equivalent spellings and look-alike letters aside): refused like duplicate ids."""
    out = []
    for item in loaded.values():
        seen: dict[str, tuple[str, str]] = {}  # skeleton -> (id, name as written)
        for i, rec in enumerate(item.records):
            shown = _visible_name(rec)
            if shown is None:
                continue
            field_name = "name" if getattr(rec, "name", None) else "title"
            written = getattr(rec, field_name)
            if shown in seen:
                other, other_written = seen[shown]
                alike = look_alike(written) or look_alike(other_written)
                out.append(
                    f"{item.at(i, field_name)}: entry '{rec.id}', field '{field_name}': same {field_name} as entry "
                    f"'{other}'; readers cannot tell them apart (rename one" + (f"; {alike})" if alike else ")")
                )
            seen.setdefault(shown, (rec.id, written))
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m macros.data [DATA_DIR]``: check the data, print problems, exit 1 if any."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        site = load_site_data(data_dir)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    for warning in site.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    counts = ", ".join(f"{len(c)} {n}" for n, c in site.collections.items())
    print(f"data OK: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
