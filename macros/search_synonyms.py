"""Search synonyms (``data/search_synonyms.yaml``): what readers type -> the guide's words.

The file is read and checked at build time (one short line per problem, like every data file)
and published as ``search/synonyms.json``: a list of ``[phrase, replacement]`` pairs, each phrase
normalised by :func:`phrase_key`. The search worker wrapper
(``overrides/assets/javascripts/workers/search-stem.js``) normalises the query the same way and
replaces each phrase, longest first, before the search runs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .data import OTHER_FILES, DataError, _Lines, read_yaml

FILE = OTHER_FILES[0]  # data/search_synonyms.yaml (data.py lists it as read)
OUTPUT = "search/synonyms.json"
#: Letters and digits make words; everything else (spaces, hyphens, colons, case) is ignored.
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def phrase_key(text: str) -> str:
    """``"1:1"`` -> ``"1 1"``; ``"One-to-One"`` -> ``"one to one"`` (the JS side does the same)."""
    return " ".join(_WORD.findall(text.lower()))


def load_synonyms(data_dir: Path | str) -> list[tuple[str, str]]:
    """The ``[phrase, replacement]`` pairs, longest phrase first; DataError names each problem."""
    path = Path(data_dir) / FILE
    if not path.exists():
        return []
    label = f"data/{FILE}"
    lines, problems = _Lines(), []
    raw = read_yaml(path, label, lines, problems)
    if problems:
        raise DataError(problems)
    if not isinstance(raw, list):
        raise DataError([f"{label}: must be a list of entries with `search` and `also`"])
    pairs: dict[str, tuple[str, str]] = {}
    for number, entry in enumerate(raw, 1):
        where = f"{label}:{lines.start.get(id(entry), '?')}: entry {number}"
        if not isinstance(entry, dict) or set(entry) != {"search", "also"}:
            problems.append(f"{where}: needs exactly the fields `search` and `also`")
            continue
        search, also = entry["search"], entry["also"]
        if not isinstance(search, str) or not phrase_key(search):
            problems.append(f"{where}, field 'search': must be words")
            continue
        if not isinstance(also, list) or not also:
            problems.append(f"{where}, field 'also': must be a list of phrases")
            continue
        for phrase in also:
            key = phrase_key(phrase) if isinstance(phrase, str) else ""
            if not key:
                problems.append(f"{where}, field 'also': {phrase!r} is not a quoted phrase of words")
            elif key in pairs and pairs[key][1] != where:
                problems.append(f"{where}, field 'also': {phrase!r} is already a synonym in {pairs[key][1]}")
            elif key in pairs:
                problems.append(f"{where}, field 'also': {phrase!r} is listed twice (case and punctuation aside)")
            elif key == phrase_key(search):
                problems.append(f"{where}, field 'also': {phrase!r} is the same as `search`")
            else:
                pairs[key] = (search, where)
    if problems:
        raise DataError(problems)
    return sorted(((key, search) for key, (search, _) in pairs.items()), key=lambda p: (-len(p[0].split()), p[0]))


def write_synonyms(pairs: list[tuple[str, str]], site_dir: Path) -> Path:
    """Publish the pairs for the search worker; return the file written."""
    out = Path(site_dir) / OUTPUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps([list(p) for p in pairs], ensure_ascii=False) + "\n", encoding="utf-8")
    return out
