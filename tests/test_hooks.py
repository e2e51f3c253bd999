"""The MkDocs hooks: each has one job, tested on its own."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import markdown
import markdown.extensions.toc  # used by name below; without this the test depends on which test ran first

from .conftest import ROOT


def load_hook(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ABBR = load_hook("abbr_focus")
PRUNE = load_hook("prune_assets")
PERMALINK = load_hook("permalink_label")


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["abbr", "toc", ABBR.AbbrFocusExtension()])


def test_first_abbr_of_a_term_is_focusable_and_headings_have_none():
    html = to_html(
        "## Decisive teams\n\nA Decisive lead. Still Decisive. See [Decisive](x.md).\n\n"
        "*[Decisive]: Makes timely calls."
    )
    assert '<h2 id="decisive-teams">Decisive teams</h2>' in html
    assert html.count('<abbr tabindex="0" title="Makes timely calls.">Decisive</abbr>') == 1
    assert html.count('<abbr title="Makes timely calls.">Decisive</abbr>') == 2  # later mention and in the link


def test_abbr_inside_a_link_is_not_a_tab_stop():
    html = to_html("[Decisive](x.md) first.\n\n*[Decisive]: Makes timely calls.")
    assert "tabindex" not in html


def test_permalinks_are_named_by_aria_label_not_a_tooltip_title():
    html = markdown.markdown(
        '## Heading\n\n[A link](x.md "keep me")',
        extensions=[
            markdown.extensions.toc.TocExtension(permalink=True, permalink_title="Link to this section"),
            PERMALINK.PermalinkLabelExtension(),
        ],
    )
    assert '<a aria-label="Link to this section" class="headerlink" href="#heading">' in html
    assert 'title="Link to this section"' not in html
    assert '<a href="x.md" title="keep me">A link</a>' in html  # other titles are left alone


def test_prune_removes_maps_and_unused_search_languages(tmp_path: Path):
    site = tmp_path
    (site / "assets" / "javascripts" / "lunr" / "min").mkdir(parents=True)
    (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.de.min.js").write_text("x")
    (site / "assets" / "javascripts" / "lunr" / "tinyseg.js").write_text("x")
    (site / "assets" / "javascripts" / "bundle.js").write_text("x")
    (site / "assets" / "javascripts" / "bundle.js.map").write_text("x")
    search = SimpleNamespace(config={"lang": ["en"]})
    PRUNE.on_post_build({"site_dir": str(site), "plugins": {"material/search": search}})
    assert not list(site.rglob("*.map"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert (site / "assets" / "javascripts" / "bundle.js").exists()


def test_prune_keeps_configured_languages(tmp_path: Path):
    lunr = tmp_path / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for name in ("lunr.de.min.js", "lunr.fr.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"):
        (lunr / name).write_text("x")
    search = SimpleNamespace(config={"lang": ["en", "de"]})
    PRUNE.on_post_build({"site_dir": str(tmp_path), "plugins": {"search": search}})
    assert sorted(p.name for p in lunr.iterdir()) == [
        "lunr.de.min.js",
        "lunr.multi.min.js",
        "lunr.stemmer.support.min.js",
    ]
