#!/usr/bin/env python3
"""Write schemas/<name>.schema.json from the pydantic models in macros/models.py.

    python scripts/export_schemas.py          # rewrite the files
    python scripts/export_schemas.py --check  # exit 1 if a checked-in file is out of date

The models are the single source of the schema; these files serve editors (the
yaml-language-server modeline at the top of each data file) and the published site.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.entries import front_matter_schema  # noqa: E402
from macros.export import SCHEMA_ID_BASE, schema_for, schema_names  # noqa: E402
from macros.models import KINDS  # noqa: E402


def rendered(name: str) -> str:
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"


def frontmatter_files() -> dict[str, str]:
    """``<kind>.frontmatter.schema.json``: the front matter of a kind written as Markdown files
    (``data/<kind>/<id>.md``), for editors (its first line names the schema)."""
    out = {}
    for name, kind in KINDS.items():
        if kind.sections:
            schema = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"{SCHEMA_ID_BASE}{name}.frontmatter.schema.json",
                **front_matter_schema(kind),
                "title": f"Leading vs Managing field guide: front matter of data/{name}/<id>.md",
            }
            out[f"{name}.frontmatter.schema.json"] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return out


def main(argv: list[str]) -> int:
    check = "--check" in argv
    out = ROOT / "schemas"
    out.mkdir(exist_ok=True)
    stale = []
    files = {f"{name}.schema.json": rendered(name) for name in schema_names()}
    files.update(frontmatter_files())
    for file_name, text in files.items():
        path = out / file_name
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(path.relative_to(ROOT).as_posix())
            if not check:
                path.write_text(text, encoding="utf-8")
    if check and stale:
        print("out of date (run: python scripts/export_schemas.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    print(("updated: " + ", ".join(stale)) if stale else "schemas up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
