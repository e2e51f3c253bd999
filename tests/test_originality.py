"""Facts carry over, sentences do not: no 10-word run of docs/ or data/ matches a source article.

The articles themselves are not in the repository; tests/fixtures/source-shingles.txt holds only
hashes of their 10-word runs (made by scripts/fingerprint_sources.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from fingerprint_sources import digest, shingles, words  # noqa: E402

SCANNED = {".md", ".yml", ".yaml", ".html", ".txt", ".json"}


def fingerprints() -> set[str]:
    lines = (FIXTURES / "source-shingles.txt").read_text(encoding="utf-8").splitlines()
    return {ln for ln in lines if ln and not ln.startswith("#")}


def project_files() -> list[Path]:
    out = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
    for folder in ("docs", "data", "macros/templates"):
        out += [p for p in sorted((ROOT / folder).rglob("*")) if p.suffix in SCANNED]
    return out


def test_fingerprints_are_present():
    assert len(fingerprints()) > 3000


def test_no_sentence_is_copied_from_a_source():
    known = fingerprints()
    copied = []
    for path in project_files():
        tokens = words(path.read_text(encoding="utf-8", errors="replace"))
        for run in shingles(tokens):
            if digest(run) in known:
                copied.append(f"{path.relative_to(ROOT)}: {' '.join(run)}")
    assert not copied, "rewrite these in your own words (keep the fact, cite the source):\n" + "\n".join(copied)


def test_the_check_catches_a_copy():
    """Hashing is consistent: a copied run matches, a reworded one does not."""
    original = "The quick brown fox jumps over the lazy dog near the quiet river bank"
    known = {digest(run) for run in shingles(words(original))}
    copied = "As they say, the QUICK brown fox jumps over the lazy dog near the quiet river."
    reworded = "A fast brown fox leaps over a sleepy dog close to the calm river bank."
    assert any(digest(run) in known for run in shingles(words(copied)))
    assert not any(digest(run) in known for run in shingles(words(reworded)))
