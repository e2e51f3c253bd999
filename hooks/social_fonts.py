"""MkDocs hook, a thin wrapper: the social cards' font comes from the repository, never a download
(lvm_site/social_fonts.py does the work; other builders run ``python -m lvm_site.social_fonts``)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from lvm_site.social_fonts import FontError, place_fonts


def _social(config):
    for name, plugin in config["plugins"].items():
        if name.split("/")[-1] == "social":
            return plugin
    return None


def on_config(config, **kwargs):
    social = _social(config)
    if social is None or not social.config.enabled:
        return config
    cache = Path(social.config.cache_dir)
    if not cache.is_absolute():
        cache = Path(config.config_file_path).parent / cache
    try:
        place_fonts((social.config.cards_layout_options or {}).get("font_family"), cache)
    except FontError as err:
        raise PluginError(str(err)) from None
    return config
