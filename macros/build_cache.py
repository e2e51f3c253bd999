"""Load and validate the data once per build, however often the builder runs ``define_env``.

MkDocs runs ``define_env`` once per build; Zensical runs it for every page. The modules of
macros/ and the validated data are kept here (a module ``define_env`` never reloads) under a
stamp of every file in ``data/`` and ``macros/`` (path, size, modification time): the same
stamp reuses them, an edit (``mkdocs serve``, ``zensical serve``) loads them afresh.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

_LOCK = threading.Lock()
_CACHE: dict[str, tuple[tuple, object]] = {}


def stamp(*folders: Path) -> tuple:
    """What changes when any file under ``folders`` is added, removed or edited."""
    entries = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                info = path.stat()
                entries.append((str(path), info.st_size, info.st_mtime_ns))
    return tuple(entries)


def once(key: str, current: tuple, make: Callable[[], object]) -> object:
    """``make()``'s result, made again only when ``current`` differs from the last stamp for ``key``."""
    with _LOCK:
        kept = _CACHE.get(key)
        if kept is not None and kept[0] == current:
            return kept[1]
        value = make()
        _CACHE[key] = (current, value)
        return value
