#!/usr/bin/env python3
"""Fingerprint the source articles, so tests can catch copied sentences without the articles.

    python scripts/fingerprint_sources.py ../shared/sources   # rewrites tests/fixtures/source-shingles.txt

Every run of 10 consecutive words in the source articles is normalised (lowercase words, HTML
tags dropped, curly apostrophes straightened) and stored only as a short hash: the repository
keeps no text of the articles. Runs made mostly (80%+) of the trait names listed in the sources'
names.lst are skipped, because the site may list the 47 characteristics in the source's order.
tests/test_originality.py hashes every 10-word run of docs/ and data/ the same way and fails on
any match. Facts carry over from sources; sentences do not.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "source-shingles.txt"
RUN = 10


def words(text: str) -> list[str]:
    text = re.sub(r"<[^>]+>", " ", text)
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def digest(run: list[str]) -> str:
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def shingles(tokens: list[str], n: int = RUN):
    for i in range(len(tokens) - n + 1):
        yield tokens[i : i + n]


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    src = Path(argv[0])
    names = src / "names.lst"
    vocab = set()
    if names.exists():
        lines = [ln for ln in names.read_text().splitlines() if ln and not ln.startswith("#")]
        vocab = set(words(" ".join(lines)))
    hashes = set()
    for article in sorted(src.glob("*.txt")):
        for run in shingles(words(article.read_text(errors="replace"))):
            if sum(w in vocab for w in run) >= 0.8 * RUN:
                continue
            hashes.add(digest(run))
    OUT.write_text(
        f"# sha256[:16] of every {RUN}-word run of the source articles (see scripts/fingerprint_sources.py)\n"
        + "\n".join(sorted(hashes))
        + "\n",
        encoding="utf-8",
    )
    print(f"{len(hashes)} fingerprints written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
