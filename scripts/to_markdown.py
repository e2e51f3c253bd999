#!/usr/bin/env python3
"""Convert a kind's YAML list (``data/<kind>.yaml``) into one Markdown file per entry
(``data/<kind>/<id>.md``: front matter and the sections the registry declares).

    python scripts/to_markdown.py              # every kind with sections that is still YAML
    python scripts/to_markdown.py traits roles # only these kinds
    python scripts/to_markdown.py --check      # convert in memory and compare; write nothing
    python scripts/to_markdown.py --data DIR   # another data folder

Re-runnable: a kind already converted (no ``data/<kind>.yaml``) is skipped; a kind whose folder
and YAML file both exist is refused (delete one). Every entry keeps every word, id, alias and
field: each file is read back with the site's own loader and must give the same record as the
YAML entry, or nothing is written. A field the file cannot hold (a field the model does not
have, text with line breaks in a section) stops the script with one line naming the file, the
entry and the field. Comments in the YAML file (notes for contributors) move to
``data/<kind>/README.md``, which GitHub shows beside the entries. Entries keep their YAML order
through the front-matter field ``order`` (10, 20, 30 …, room to insert between).

After a conversion, ``python -m macros.data`` checks everything and
``python scripts/export_schemas.py`` writes the front-matter schemas.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.entries import README, CannotPlace, entry_markdown, parse_entry  # noqa: E402
from macros.models import KINDS, Kind  # noqa: E402

STEP = 10


class Refused(Exception):
    """One line: file, entry, field, what is wrong."""


def _comments(text: str) -> list[str]:
    """The YAML file's comment lines (not the editor's schema line), as Markdown paragraphs."""
    out: list[str] = []
    block: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("#") and "yaml-language-server" not in stripped:
            block.append(stripped.lstrip("#").strip())
        elif block:
            out.append(" ".join(b for b in block if b))
            block = []
    if block:
        out.append(" ".join(b for b in block if b))
    return [p for p in out if p]


def convert(kind: Kind, data_dir: Path) -> dict[Path, str]:
    """``{path: text}`` of the files for one kind; raises Refused."""
    from pydantic import TypeAdapter, ValidationError

    source = data_dir / f"{kind.name}.yaml"
    label = source.relative_to(data_dir.parent).as_posix()
    text = source.read_text(encoding="utf-8")
    entries = yaml.safe_load(text)
    if not isinstance(entries, list):
        raise Refused(f"{label}: not a YAML list of entries")
    folder = data_dir / kind.name
    out: dict[Path, str] = {}
    schema = f"../../schemas/{kind.name}.frontmatter.schema.json"
    for index, raw in enumerate(entries):
        entry_id = raw.get("id") if isinstance(raw, dict) else None
        name = f"'{entry_id}'" if isinstance(entry_id, str) else f"#{index + 1}"
        if not isinstance(entry_id, str):
            raise Refused(f"{label}: entry {name}: no id to name its file")
        try:
            expected = TypeAdapter(kind.model).validate_python(raw)
        except ValidationError as err:
            first = err.errors(include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"])
            raise Refused(f"{label}: entry {name}, field '{field}': {first['msg']} (fix the YAML first)") from None
        try:
            body = entry_markdown(kind, raw, (index + 1) * STEP, schema)
        except CannotPlace as err:
            raise Refused(f"{label}: entry {name}: {err}") from None
        target = folder / f"{entry_id}.md"
        problems: list[str] = []
        parsed = parse_entry(body, target.name, kind, entry_id, problems)
        if parsed is None:
            raise Refused(f"{label}: entry {name}: the file would not read back: {problems[0]}")
        back = dict(parsed[0])
        back.pop("order", None)
        try:
            got = TypeAdapter(kind.model).validate_python(back)
        except ValidationError as err:
            raise Refused(f"{label}: entry {name}: the file would not read back: {err.errors()[0]['msg']}") from None
        if got != expected:
            diff = [f for f in kind.model.model_fields if getattr(got, f) != getattr(expected, f)]
            raise Refused(f"{label}: entry {name}, field '{diff[0]}': the file would change the value; fix it by hand")
        if target in out:
            raise Refused(f"{label}: entry {name}: two entries with this id")
        out[target] = body
    notes = _comments(text)
    readme = [f"# {kind.label}: one file per entry", ""]
    readme += [
        f"Each entry of `{kind.name}` is a file here named by its id (`<id>.md`): YAML front matter for the "
        'structured fields, then Markdown sections for the prose. CONTRIBUTING.md ("Entries as Markdown '
        "files\") has a template; the front matter's schema is "
        f"`schemas/{kind.name}.frontmatter.schema.json`.",
        "",
        "Sections, in this order: "
        + ", ".join(f"`## {s.heading}`" if s.heading else "the text under the front matter" for s in kind.sections)
        + ".",
    ]
    if notes:
        readme += ["", f"## Notes (from the former `data/{kind.name}.yaml`)", ""]
        for note in notes:
            readme += [note, ""]
    out[folder / README] = "\n".join(readme).rstrip("\n") + "\n"
    return out


def run(data_dir: Path, names: list[str], check: bool = False) -> int:
    """Convert the kinds ``names`` (all with sections when empty) in ``data_dir``; 0 on success."""
    root = data_dir.parent
    unknown = [n for n in names if n not in KINDS or not KINDS[n].sections]
    if unknown:
        markdown_kinds = ", ".join(n for n, k in KINDS.items() if k.sections)
        print(f"to_markdown: {unknown[0]!r} is not a kind with sections ({markdown_kinds})", file=sys.stderr)
        return 2
    kinds = [KINDS[n] for n in names] if names else [k for k in KINDS.values() if k.sections]
    planned: dict[Path, str] = {}
    converted: list[Kind] = []
    for kind in kinds:
        source, folder = data_dir / f"{kind.name}.yaml", data_dir / kind.name
        if not source.exists():
            print(f"{kind.name}: already Markdown ({folder.relative_to(root)}/), skipped")
            continue
        if folder.exists():
            print(
                f"to_markdown: both {source.relative_to(root)} and {folder.relative_to(root)}/ exist: delete one",
                file=sys.stderr,
            )
            return 1
        try:
            planned.update(convert(kind, data_dir))
        except Refused as err:
            print(f"to_markdown: {err}", file=sys.stderr)
            return 1
        converted.append(kind)
    if check:
        print(f"would convert {', '.join(k.name for k in converted) or 'nothing'} ({len(planned)} files)")
        return 0
    for path, text in planned.items():  # every kind converted cleanly: now write
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for kind in converted:
        (data_dir / f"{kind.name}.yaml").unlink()
        entries = sum(1 for p in planned if p.parent.name == kind.name and p.name != README)
        print(f"{kind.name}: {entries} entries -> data/{kind.name}/<id>.md")
    return 0


def main(argv: list[str]) -> int:
    data_dir = ROOT / "data"
    if "--data" in argv:  # another data folder (the tests convert a copy)
        at = argv.index("--data")
        data_dir, argv = Path(argv[at + 1]).resolve(), argv[:at] + argv[at + 2 :]
    return run(data_dir, [a for a in argv if not a.startswith("--")], "--check" in argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
