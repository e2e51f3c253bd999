"""MkDocs hook with one job: give Material's ``social`` plugin its font from the repository.

The plugin draws each page's link-preview card (1200x630 PNG) with a font it looks up in its
cache (``<cache_dir>/fonts/<family>/<style>.<ext>``) and downloads from Google Fonts when the
family is missing there. The build must never touch the network, so this hook copies the
committed font files (``hooks/social_fonts/<family>/``: Inter, SIL Open Font License, see
OFL.txt there) into that cache before any card is drawn. The family is the one named by
``cards_layout_options.font_family`` in mkdocs.yml; a family with no committed files stops the
build with one line instead of a download.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

FONTS = Path(__file__).resolve().parent / "social_fonts"
STYLES = (".otf", ".ttf")


def _social(config):
    for name, plugin in config["plugins"].items():
        if name.split("/")[-1] == "social":
            return plugin
    return None


def on_config(config, **kwargs):
    social = _social(config)
    if social is None or not social.config.enabled:
        return config
    family = (social.config.cards_layout_options or {}).get("font_family")
    source = FONTS / str(family)
    files = sorted(p for p in source.glob("*") if p.suffix in STYLES) if family else []
    if not files:
        raise PluginError(
            f"social cards: no font files for cards_layout_options.font_family {family!r} in {FONTS}"
            " (the build would download them)"
        )
    cache = Path(social.config.cache_dir)
    if not cache.is_absolute():
        cache = Path(config.config_file_path).parent / cache
    target = cache / "fonts" / family
    target.mkdir(parents=True, exist_ok=True)
    for font in files:
        dest = target / font.name
        if not dest.exists() or dest.stat().st_size != font.stat().st_size:
            shutil.copyfile(font, dest)
    return config
