"""The site's build steps (package lvm_site, run by the thin hooks in hooks/): each has one job,
tested on its own."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import markdown
import markdown.extensions.toc  # used by name below, so imported here (not left to test order)

from .conftest import ROOT


def load_hook(name: str):
    """A hook in hooks/ (loaded as MkDocs does, from its file)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_step(name: str):
    """A module of the package lvm_site (a Markdown extension or a post-build step)."""
    return importlib.import_module(f"lvm_site.{name}")


PRUNE = load_step("prune_assets")
PERMALINK = load_step("permalink_label")


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
    PRUNE.prune(site, {"en"})
    assert not list(site.rglob("*.map"))
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert (site / "assets" / "javascripts" / "bundle.js").exists()


def test_prune_keeps_configured_languages(tmp_path: Path):
    lunr = tmp_path / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for name in ("lunr.de.min.js", "lunr.fr.min.js", "lunr.stemmer.support.min.js", "lunr.multi.min.js"):
        (lunr / name).write_text("x")
    PRUNE.prune(tmp_path, {"en", "de"})
    assert sorted(p.name for p in lunr.iterdir()) == [
        "lunr.de.min.js",
        "lunr.multi.min.js",
        "lunr.stemmer.support.min.js",
    ]


MINIFY = load_step("minify_assets")


def test_minify_rewrites_only_the_sites_own_assets_in_place(tmp_path: Path):
    custom, site = tmp_path / "overrides", tmp_path / "site"
    for root in (custom, site):
        (root / "assets" / "javascripts").mkdir(parents=True)
        (root / "assets" / "stylesheets").mkdir(parents=True)
    script = "/* a comment */\nfunction add(a, b) {\n  return a + b;  // sum\n}\n"
    style = "/* note */\n.lvm-x {\n  color: red;\n}\n"
    for root in (custom, site):
        (root / "assets" / "javascripts" / "own.js").write_text(script)
        (root / "assets" / "stylesheets" / "own.css").write_text(style)
    (site / "assets" / "javascripts" / "bundle.min.js").write_text(script)  # the theme's: left alone
    done = MINIFY.minify_own_assets(custom, site)
    assert done == ["assets/javascripts/own.js", "assets/stylesheets/own.css"]
    assert (site / "assets" / "javascripts" / "own.js").read_text() == "function add(a,b){return a+b;}"
    assert (site / "assets" / "stylesheets" / "own.css").read_text() == ".lvm-x{color:red}"
    assert (site / "assets" / "javascripts" / "bundle.min.js").read_text() == script
    assert (custom / "assets" / "javascripts" / "own.js").read_text() == script, "sources stay readable"
