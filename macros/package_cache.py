"""Quiz packages (Canvas, Moodle, Blackboard, QTI 2.1) kept between builds, as the social plugin
keeps its cards: a package is drawn again only when what it is made from changes.

Drawing them is most of the post-build step (two LMS libraries parse every question), and a
contributor's ``mkdocs serve`` redraws the site on every edit. A package is stored under its quiz
and format with a key: a hash of the quiz's data, the source of :mod:`macros` and the versions of
the libraries that write packages. Another key draws it again and replaces it, so the folder
holds one file per quiz and format. Files are replaced whole (written beside, then renamed), so
builds running side by side never read half a file. No folder (``None``): nothing is kept.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

#: The libraries whose output is in a package (a new version may write other bytes).
WRITER_LIBRARIES = ("text2qti", "qti-package-maker", "lxml", "Markdown", "bespon", "crcmod")
#: Where a project keeps them (``.cache/`` is ignored by git, as for the social cards).
FOLDER = Path(".cache") / "lvm" / "packages"


@cache
def code_stamp() -> str:
    """A hash of the source of :mod:`macros` and the writer libraries' versions."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for name in WRITER_LIBRARIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def key(kind: str, quiz) -> bytes:
    """What the ``kind`` package of ``quiz`` is made from, as 32 hex digits and a newline."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{kind}\0{code_stamp()}\0".encode())
    digest.update(quiz.model_dump_json().encode("utf-8"))
    return digest.hexdigest().encode("ascii") + b"\n"


def package(folder: Path | None, kind: str, quiz, make: Callable[[object], bytes]) -> bytes:
    """``make(quiz)``, or the bytes it made last time for the same quiz, code and libraries."""
    if folder is None:
        return make(quiz)
    wanted = key(kind, quiz)
    path = Path(folder) / f"{quiz.id}.{kind}"
    try:
        kept = path.read_bytes()
    except OSError:
        kept = b""
    if kept.startswith(wanted):
        return kept[len(wanted) :]
    made = make(quiz)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as out:
            out.write(wanted + made)
        os.replace(tmp, path)
    except OSError:  # a read-only or full disk: the build goes on without keeping it
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return made
