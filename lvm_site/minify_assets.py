"""One post-build step (lvm_site/postbuild.py): ship the site's own scripts and stylesheets minified.

Every ``.js`` and ``.css`` file that ``overrides/assets`` (the theme's
``custom_dir``) puts into the site is rewritten in place without comments and spare spaces
(rJSmin and rCSSmin, well-kept minifiers). File names and URLs do not change, so nothing that
links to them needs to know; the readable sources stay in ``overrides/``. Material's own files
are already minified and are left alone.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin

_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minify_own_assets(custom_dir: Path, site_dir: Path) -> list[str]:
    """Minify, in ``site_dir``, the files that ``custom_dir/assets`` provides; returns their site paths."""
    done = []
    assets = custom_dir / "assets"
    for src in sorted(assets.rglob("*")) if assets.is_dir() else []:
        minify = _MINIFIERS.get(src.suffix)
        target = site_dir / src.relative_to(custom_dir)
        if minify is None or not target.is_file():
            continue
        target.write_text(minify(target.read_text(encoding="utf-8")), encoding="utf-8")
        done.append(target.relative_to(site_dir).as_posix())
    return done
