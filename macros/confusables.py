"""One spelling for names readers cannot tell apart.

``skeleton(name)`` is what a reader sees, as text to compare: Unicode's compatibility spelling
(NFKC: "ﬁ" is "fi", a full-width "Ａ" is "A", "é" typed as "e" + accent is "é"), case folded
("ß" is "ss"), spaces collapsed, and every letter that looks like a Latin one in the guide's
fonts replaced by it (Cyrillic "а", Greek "ο" and the rest of :data:`LOOK_ALIKES`), after the
idea of the skeletons in Unicode Technical Standard #39 ("Unicode Security Mechanisms",
section 4, confusable detection). The table is the small part of UTS #39's confusables that
matters for names written in Latin letters; no package or download is needed at build time.

Two entries of one kind whose names have one skeleton are refused by the loader
(``macros/data.py``) like duplicate ids: a page would show two headings that read the same.
"""

from __future__ import annotations

import unicodedata

#: Lower-case letters (names are case folded first) that look like a Latin letter, -> that letter.
#: From UTS #39's confusables.txt: Cyrillic, Greek, Armenian and Latin-extension look-alikes of
#: a-z, for a capital or small form (a capital Cyrillic "Н" looks like "H": its small form "н" maps
#: to "h", as "H" folds to "h").
LOOK_ALIKES = str.maketrans(
    {
        # Cyrillic
        "а": "a",
        "в": "b",
        "с": "c",
        "ԁ": "d",
        "е": "e",
        "һ": "h",
        "н": "h",
        "і": "i",
        "ј": "j",
        "к": "k",
        "ӏ": "l",
        "м": "m",
        "о": "o",
        "р": "p",
        "ԛ": "q",
        "ѕ": "s",
        "т": "t",
        "у": "y",
        "ү": "y",
        "ԝ": "w",
        "х": "x",
        "ё": "ë",
        "ї": "ï",
        # Greek
        "α": "a",
        "β": "b",
        "ϲ": "c",
        "ε": "e",
        "η": "h",
        "ι": "i",
        "κ": "k",
        "μ": "m",
        "ν": "n",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "y",
        "χ": "x",
        "ζ": "z",
        # Armenian
        "օ": "o",
        "ս": "u",
        "հ": "h",
        "ո": "n",
        "ց": "g",
        # Latin letters that read as others
        "ı": "i",
        "ȷ": "j",
        "ɑ": "a",
        "ɡ": "g",
        "ɩ": "i",
        "ʏ": "y",
    }
)


def skeleton(name: str) -> str:
    """The text readers see in ``name``: equal for names that look the same."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    letters = unicodedata.normalize("NFC", folded.translate(LOOK_ALIKES))
    # Hyphens, dashes and other punctuation read as a space: "Active listener" is "Active-Listener".
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


def look_alike(name: str) -> str | None:
    """The first letter of ``name`` that only looks like a Latin one, described for a problem
    line (``Cyrillic 'о' (U+043E) for 'o'``), or None."""
    for char in unicodedata.normalize("NFKC", name):
        folded = char.casefold()
        latin = folded.translate(LOOK_ALIKES)
        if latin != folded:
            script = unicodedata.name(char, "").split(" ")[0].title() or "a"
            return f"{script} {char!r} (U+{ord(char):04X}) looks like {latin!r}"
    return None
