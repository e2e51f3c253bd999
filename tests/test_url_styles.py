"""Links work in every URL style MkDocs offers: the site built with ``use_directory_urls: false``
(the form an offline copy or a plain file server needs: ``traits.html``, not ``traits/``) has no
broken internal link or anchor. (The default style is checked by test_links.py, the ProperDocs
build by test_build.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import copy_project, run_build
from .test_links import broken_links

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
    checked, broken = broken_links(file_url_site)
    assert checked > 100
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:40])
