"""One job: give Material's ``social`` plugin its font from the repository.

The plugin draws each page's link-preview card (1200x630 PNG) with a font it looks up in its
cache (``<cache_dir>/fonts/<family>/<style>.<ext>``) and downloads from Google Fonts when the
family is missing there. The build must never touch the network, so this copies the
committed font files (``lvm_site/social_fonts/<family>/``: Inter, SIL Open Font License, see
OFL.txt there) into that cache before any card is drawn: from the MkDocs hook
hooks/social_fonts.py (on config), and before any other builder starts with
``python -m lvm_site.social_fonts`` (reads mkdocs.yml). The family is the one named by
``cards_layout_options.font_family`` in mkdocs.yml; a family with no committed files stops the
build with one line instead of a download.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import yaml

FONTS = Path(__file__).resolve().parent / "social_fonts"
STYLES = (".otf", ".ttf")


class FontError(Exception):
    """The family has no committed font files (the build would download them)."""


def place_fonts(family: str | None, cache_dir: Path) -> Path:
    """Copy the committed files of ``family`` into ``<cache_dir>/fonts/<family>/``; returns that folder."""
    source = FONTS / str(family)
    files = sorted(p for p in source.glob("*") if p.suffix in STYLES) if family else []
    if not files:
        raise FontError(
            f"social cards: no font files for cards_layout_options.font_family {family!r} in {FONTS}"
            " (the build would download them)"
        )
    target = Path(cache_dir) / "fonts" / str(family)
    target.mkdir(parents=True, exist_ok=True)
    for font in files:
        dest = target / font.name
        if not dest.exists() or dest.stat().st_size != font.stat().st_size:
            shutil.copyfile(font, dest)
    return target


def social_settings(config_file: Path) -> tuple[str | None, Path] | None:
    """(font family, cache folder) of the social plugin in ``config_file``; None without one."""
    from .postbuild import _Loader  # mkdocs.yml's tags read as plain values

    config = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and str(next(iter(plugin))).split("/")[-1] == "social":
            options = next(iter(plugin.values())) or {}
            if options.get("enabled") is False:
                return None
            cache = options.get("cache_dir") or ".cache/plugin/social"
            if isinstance(cache, list):  # !ENV [VARIABLE, default]
                cache = next((os.environ[v] for v in cache[:-1] if os.environ.get(v)), cache[-1])
            cache = Path(cache)
            if not cache.is_absolute():
                cache = Path(config_file).resolve().parent / cache
            return (options.get("cards_layout_options") or {}).get("font_family"), cache
    return None


def main(argv: list[str] | None = None) -> int:
    """``python -m lvm_site.social_fonts [mkdocs.yml]``: put the font in place before a build."""
    args = sys.argv[1:] if argv is None else argv
    config_file = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "mkdocs.yml"
    settings = social_settings(config_file)
    if settings is None:
        return 0
    try:
        place_fonts(*settings)
    except FontError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
