"""MkDocs hook, a thin wrapper: after the build, every post-build step (lvm_site/postbuild.py:
open data and QTI export, last-updated dates, prune, minify, Content-Security-Policy). Other
builders run the same with ``python -m lvm_site.postbuild SITE_DIR``.

Under ``mkdocs serve`` the policy is left out: the live-reload script MkDocs injects into every
page is inline and changes on each reload, so it cannot be hashed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from lvm_site import postbuild

_serving = False


def on_startup(command, dirty=False, **kwargs) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config, **kwargs) -> None:
    macros = next((p for name, p in config["plugins"].items() if name.split("/")[-1] == "macros"), None)
    site_data = getattr(macros, "variables", {}).get("site_data") if macros else None
    steps = tuple(s for s in postbuild.STEPS if not (_serving and s == "csp"))
    try:
        postbuild.run(Path(config["site_dir"]), Path(config.config_file_path), site_data=site_data, steps=steps)
    except postbuild.PostBuildError as err:
        raise PluginError(str(err)) from None
