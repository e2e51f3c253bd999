#!/usr/bin/env python3
"""The public URL manifest: every page URL and every entry anchor the site promises to keep.

    python scripts/url_manifest.py SITE_DIR           # list what the built site offers
    python scripts/url_manifest.py SITE_DIR --update  # append new URLs to tests/url_manifest.txt

Onboarding material links deep into this site, so a URL, once published, must keep working.
tests/test_url_manifest.py fails when a URL in the manifest no longer resolves (add a redirect
in mkdocs.yml for a moved page, or an `aliases:` entry in the data for a renamed id) and when the
site offers a URL the manifest does not list yet (run this script with --update).
Entries are never removed automatically.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.data import load_site_data  # noqa: E402
from macros.links import page_url  # noqa: E402
from macros.models import KINDS  # noqa: E402

MANIFEST = ROOT / "tests" / "url_manifest.txt"
HEADER = """\
# Public URLs of the Leading vs Managing field guide: pages and entry anchors, relative to site_url.
# A test fails if one stops resolving. Never delete a line: keep old links working with a redirect
# (mkdocs.yml, plugin redirects) or an alias (the entry's `aliases:` in data/). New lines are
# appended by: python scripts/url_manifest.py SITE_DIR --update
"""


def current_urls(site_dir: Path) -> list[str]:
    """Every page of the built site and every entry anchor the data defines."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.relative_to(site_dir).as_posix()[: -len("index.html")]
        if (html.parent / "index.html").read_text(encoding="utf-8").find('http-equiv="refresh"') >= 0:
            continue  # a redirect stub, not a page of its own
        pages.append(rel)
    site = load_site_data(ROOT / "data", ROOT)
    anchors = []
    for name, kind in KINDS.items():  # every entry's anchor, or page (one page per entry)
        for entry in site.collections[name]:
            if kind.anchored:
                anchors.append(f"{page_url(kind.page)}#{entry.id}")
            elif "{id}" in kind.page:
                anchors.append(page_url(kind.page_of(entry.id)))
    return sorted(set(pages) | set(anchors), key=lambda u: (u.split("#")[0], u))


def read_manifest() -> list[str]:
    if not MANIFEST.exists():
        return []
    lines = [
        line.strip()
        for line in MANIFEST.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return list(dict.fromkeys("" if line == "/" else line for line in lines))  # "/" is the home page, ""


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    urls = current_urls(Path(argv[0]))
    if "--update" not in argv:
        print("\n".join(u or "(home)" for u in urls))
        return 0
    known = read_manifest()
    new = [u for u in urls if u not in known]
    lines = known + new
    MANIFEST.write_text(HEADER + "".join(f"{u or '/'}\n" for u in lines), encoding="utf-8")
    print(f"{len(new)} new URL(s) added; {len(lines)} in the manifest")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
