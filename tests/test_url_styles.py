"""Links work in every URL style MkDocs offers: the site built with ``use_directory_urls: false``
(the form an offline copy or a plain file server needs: ``traits.html``, not ``traits/``) has no
broken internal link or anchor. (The default style is checked by test_links.py, the ProperDocs
build by test_build.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import copy_project, html_pages, run_build, site_url_path
from .test_links import parse, resolve

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def file_url_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("file-urls"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^use_directory_urls:.*$", "use_directory_urls: false", text)
    if not count:
        text += "\nuse_directory_urls: false\n"
    config.write_text(text, encoding="utf-8")
    site = tmp_path_factory.mktemp("file-urls-site")
    result = run_build(project, site)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site


def test_pages_are_files_not_folders(file_url_site):
    assert (file_url_site / "traits.html").is_file() and not (file_url_site / "traits").exists()


def test_no_broken_link_or_anchor_with_file_urls(file_url_site):
    base_path = site_url_path()
    cache = {}
    broken, checked = [], 0
    for page in html_pages(file_url_site):
        cache.setdefault(page, parse(page))
        for line, url in cache[page].links:
            target = resolve(file_url_site, base_path, page, url)
            if target is None:
                continue
            path, fragment = target
            checked += 1
            where = f"{page.relative_to(file_url_site)}:{line}: {url}"
            if not path.exists():
                broken.append(f"{where} -> missing {path.relative_to(file_url_site)}")
            elif fragment and path.suffix == ".html":
                cache.setdefault(path, parse(path))
                if fragment not in cache[path].ids:
                    broken.append(f"{where} -> no #{fragment} in {path.relative_to(file_url_site)}")
    assert checked > 100
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:40])
