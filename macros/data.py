"""Load, validate and cross-check every file in ``data/``.

``load_site_data(data_dir)`` is the only entry point. It reads each YAML file
(rejecting duplicate keys, which PyYAML would silently accept), validates it
against its model in :mod:`macros.models`, checks ids are unique and that
every reference names an entry that exists, and returns a :class:`SiteData`.

Anything wrong raises :class:`DataError` whose message has one line per
problem, each naming the file (with line), the entry (by id) and the field::

    data/traits.yaml:120: entry 'empathetic', field 'definition': missing required field

Run ``python -m macros.data`` to check the data without building the site.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from .links import PAGES
from .models import COLLECTIONS, QUIZ_DIR, Quiz, Record


class DataError(Exception):
    """Bad data. ``str(error)`` is the report: one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --------------------------------------------------------------------------- YAML
class _Lines:
    """Line numbers of the mappings a loader built, keyed by ``id()``."""

    def __init__(self) -> None:
        self.start: dict[int, int] = {}
        self.keys: dict[int, dict[str, int]] = {}


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
                    f"{label}:{line}: duplicate key {key!r} (first at line {key_lines[key]}); "
                    "YAML keeps only the last one, so remove or rename one of them"
                )
            mapping[key] = loader.construct_object(value_node, deep=True)
            key_lines[key] = line
        lines.start[id(mapping)] = node.start_mark.line + 1
        lines.keys[id(mapping)] = key_lines
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def read_yaml(path: Path, label: str, lines: _Lines, problems: list[str]) -> Any:
    """Parse one YAML file; syntax errors and emptiness become problems."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        problems.append(f"{label}: cannot read the file ({err})")
        return None
    try:
        data = yaml.load(text, Loader=_make_loader(lines, problems, label))  # noqa: S506 (SafeLoader subclass)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{label}:{mark.line + 1}" if mark else label
        what = getattr(err, "problem", None) or str(err).splitlines()[0]
        problems.append(f"{where}: YAML syntax error: {what}")
        return None
    if data is None:
        problems.append(f"{label}: the file is empty; it must hold at least one entry")
    return data


# --------------------------------------------------------------------------- errors
_TYPE_TAGS = {"str", "int", "bool", "list", "dict", "date", "none", "float"}


def _is_type_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part in _TYPE_TAGS)


def _describe(label: str, data: Any, loc: tuple, lines: _Lines) -> tuple[str, str, str]:
    """Turn a pydantic ``loc`` into (file:line, entry, field path)."""
    cur, line, entry, path = data, None, None, []
    for part in loc:
        if _is_type_tag(part):
            continue
        if isinstance(cur, dict):
            line = lines.start.get(id(cur), line)
            if isinstance(part, str) and part in cur:
                line = lines.keys.get(id(cur), {}).get(part, line)
        if entry is None and isinstance(part, int) and isinstance(cur, list):
            item = cur[part] if part < len(cur) else None
            entry = f"'{item['id']}'" if isinstance(item, dict) and isinstance(item.get("id"), str) else f"#{part + 1}"
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
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if kind.endswith("_type") or kind in {"literal_error", "enum"}:
        return f"{msg} (got {err.get('input')!r})"
    return msg


def _all_fields() -> set[str]:
    names: set[str] = set()
    for model in (*COLLECTIONS.values(), Quiz):
        names.update(model.model_fields)
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


def load_site_data(data_dir: Path | str, root: Path | str | None = None) -> SiteData:
    """Read and check everything in ``data_dir``; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    problems: list[str] = []
    loaded: dict[str, tuple[str, list[Record], list[Any], _Lines]] = {}

    def label_of(path: Path) -> str:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            return path.as_posix()

    for name, model in COLLECTIONS.items():
        path = data_dir / f"{name}.yaml"
        label = label_of(path)
        if not path.exists():
            problems.append(f"{label}: file missing (every collection needs its file, even with one entry)")
            continue
        lines = _Lines()
        raw = read_yaml(path, label, lines, problems)
        if raw is None:
            continue
        if not isinstance(raw, list):
            problems.append(f"{label}: the file must be a YAML list of entries (each starting with '- ')")
            continue
        records = _validate(label, raw, model, True, lines, problems)
        if records is not None:
            loaded[name] = (label, records, raw, lines)

    quiz_records, quiz_raw, quiz_labels = [], [], []
    for path in sorted((data_dir / QUIZ_DIR).glob("*.yaml")):
        label, lines = label_of(path), _Lines()
        raw = read_yaml(path, label, lines, problems)
        if raw is None:
            continue
        if not isinstance(raw, dict):
            problems.append(f"{label}: a quiz file must be a YAML mapping (id, title, kind, …)")
            continue
        record = _validate(label, raw, Quiz, False, lines, problems)
        if record is None:
            continue
        if record.id != path.stem:
            problems.append(f"{label}: field 'id': is {record.id!r} but must equal the file name {path.stem!r}")
        quiz_records.append(record)
        quiz_raw.append(raw)
        quiz_labels.append(label)
    loaded["quizzes"] = (label_of(data_dir / QUIZ_DIR), quiz_records, quiz_raw, _Lines())

    # Unique ids (aliases included: an alias is an anchor too).
    ids: dict[str, set[str]] = {}
    for name, (label, records, raw, lines) in loaded.items():
        seen: dict[str, int] = {}
        for i, rec in enumerate(records):
            if not hasattr(rec, "id"):
                continue
            for key in (rec.id, *getattr(rec, "aliases", ())):
                if key in seen:
                    line = lines.start.get(id(raw[i])) if name != "quizzes" else None
                    where = f"{label}:{line}" if line else (quiz_labels[i] if name == "quizzes" else label)
                    problems.append(
                        f"{where}: entry '{rec.id}', field 'id': duplicate id {key!r} "
                        f"(already used by entry #{seen[key] + 1}); ids must be unique"
                    )
                seen.setdefault(key, i)
        ids[name] = {rec.id for rec in records if hasattr(rec, "id")}

    # Kinds shown on the same page (playbook and signs, principles and practices …) share its
    # anchors: an id or alias may belong to one entry of one kind only.
    anchors_by_page: dict[str, dict[str, str]] = {}
    for name, (label, records, raw, lines) in loaded.items():
        page = PAGES.get(name)
        if page is None or "{id}" in page:
            continue
        taken = anchors_by_page.setdefault(page, {})
        for i, rec in enumerate(records):
            for key in (getattr(rec, "id", None), *getattr(rec, "aliases", ())):
                if key is None:
                    continue
                owner = taken.setdefault(key, name)
                if owner != name:
                    problems.append(
                        f"{label}:{lines.start.get(id(raw[i]), '?')}: entry '{rec.id}', field 'id': {key!r} is "
                        f"also an id in data/{owner}.yaml, shown on the same page ({page}); anchors must be unique"
                    )

    # References resolve.
    for name, (label, records, raw, lines) in loaded.items():
        model = Quiz if name == "quizzes" else COLLECTIONS[name]
        schema = TypeAdapter(model).json_schema()
        schema.setdefault("$defs", {})
        for i, item in enumerate(raw):
            found: list[tuple[str, str, str]] = []
            _schema_refs(schema, schema, item, "", found)
            rec = records[i]
            entry = f"'{rec.id}'" if hasattr(rec, "id") else f"#{i + 1}"
            where = quiz_labels[i] if name == "quizzes" else f"{label}:{lines.start.get(id(item), '?')}"
            for path, target, value in found:
                if target not in ids:
                    continue  # that file failed already; its own problems are reported
                if value not in ids[target]:
                    close = difflib.get_close_matches(value, sorted(ids[target]), n=1)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    problems.append(
                        f"{where}: entry {entry}, field '{path}': {value!r} is not an id in data/{target}.yaml{hint}"
                    )

    if problems:
        raise DataError(problems)
    return SiteData(
        {
            name: Collection(name, label, tuple(records), {r.id: r for r in records if hasattr(r, "id")})
            for name, (label, records, _raw, _lines) in loaded.items()
        }
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m macros.data [DATA_DIR]``: check the data, print problems, exit 1 if any."""
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "data"
    try:
        site = load_site_data(data_dir)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(c)} {n}" for n, c in site.collections.items())
    print(f"data OK: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
