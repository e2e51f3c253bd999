"""Open data: every collection as JSON, beside its JSON Schema, in the built site.

Published at stable URLs: ``data/<name>.json`` (quizzes and paths, one file each:
``data/quizzes/<id>.json``, ``data/paths/<id>.json``),
``schemas/<name>.schema.json`` and an index at ``data/index.json``. The schemas come from
macros/models.py, like the checked-in ``schemas/`` files that editors use
(scripts/export_schemas.py writes those; a test fails when they drift).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from .inline import plain_dump
from .models import COLLECTIONS, OnboardingPath, Quiz
from .render import render

LICENCE = {"name": "CC BY-SA 4.0", "url": "https://creativecommons.org/licenses/by-sa/4.0/"}
SCHEMA_ID_BASE = "https://leading-vs-managing.github.io/field-guide/schemas/"


def _file_of(name: str) -> str:
    return f"{ENTRY_SCHEMAS[name][0]}/<id>" if name in ENTRY_SCHEMAS else name


def schema_for(name: str) -> dict:
    """The JSON Schema of one data file (``quiz`` for a quiz file), with a stable $id."""
    if name in ENTRY_SCHEMAS:
        schema = TypeAdapter(ENTRY_SCHEMAS[name][1]).json_schema()
    else:
        schema = TypeAdapter(list[COLLECTIONS[name]]).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_ID_BASE}{name}.schema.json",
        "title": f"Leading vs Managing field guide: data/{_file_of(name)}.yaml",
        **schema,
    }


#: Kinds kept one entry per file: schema name -> (folder in data/, model of one entry).
ENTRY_SCHEMAS = {"quiz": ("quizzes", Quiz), "path": ("paths", OnboardingPath)}


def schema_names() -> list[str]:
    return [*COLLECTIONS, *ENTRY_SCHEMAS]


def _dump(path: Path, payload) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_open_data(site, site_dir: Path) -> list[str]:
    """Write the JSON files into ``site_dir``; return the site-relative paths written."""
    written = []
    files = {}
    for name in COLLECTIONS:
        rel = f"data/{name}.json"
        _dump(site_dir / rel, [plain_dump(r) for r in site.collections[name]])
        files[name] = {"data": rel, "schema": f"schemas/{name}.schema.json", "entries": len(site.collections[name])}
        written.append(rel)
    for schema, (folder, _model) in ENTRY_SCHEMAS.items():
        for entry in site.collections[folder]:
            rel = f"data/{folder}/{entry.id}.json"
            _dump(site_dir / rel, plain_dump(entry))
            files[f"{folder}/{entry.id}"] = {"data": rel, "schema": f"schemas/{schema}.schema.json"}
            written.append(rel)
    _dump(site_dir / "data" / "index.json", {"licence": LICENCE, "files": files})
    written.append("data/index.json")
    target = site_dir / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for name in schema_names():
        rel = f"schemas/{name}.schema.json"
        _dump(site_dir / rel, schema_for(name))  # identical to schemas/ (a test checks for drift)
        written.append(rel)
    return written


def render_open_data_table(site, href) -> str:
    """The list of published JSON files and schemas, for the Open data page."""
    rows = [
        (name, len(site.collections[name]), f"data/{name}.json", f"schemas/{name}.schema.json") for name in COLLECTIONS
    ]
    rows += [
        (
            f"quizzes/{q.id}",
            len(q.questions) or len(q.statements),
            f"data/quizzes/{q.id}.json",
            "schemas/quiz.schema.json",
        )
        for q in site.quizzes
    ]
    rows += [(f"paths/{p.id}", len(p.steps), f"data/paths/{p.id}.json", "schemas/path.schema.json") for p in site.paths]
    return render("open_data.html", rows=rows, href=href)
