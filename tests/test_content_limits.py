"""One stance on every page (issue 20): each dimension of the comparison says where its line
blurs, and the comparison table, the dimension sections and the cheat sheet show it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from macros.data import DataError, load_site_data
from macros.links import Linker
from macros.render_dimensions import render_cheat_sheet, render_comparison_table, render_dimension_sections

from .conftest import MINIMAL, html_soup


def _load(data_dir: Path):
    return load_site_data(data_dir, data_dir.parent)


def test_a_dimension_without_limits_stops_the_build(tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(MINIMAL, data_dir)
    dims = data_dir / "dimensions.yaml"
    text = dims.read_text(encoding="utf-8")
    line = "  limits: {short: Fixture reading in brief., text: Fixture reading in full.}\n"
    assert line in text, "fixture changed"
    dims.write_text(text.replace(line, ""), encoding="utf-8")
    with pytest.raises(DataError) as info:
        _load(data_dir)
    assert info.value.problems == ["data/dimensions.yaml:9: entry 'risk', field 'limits': missing required field"]


def test_every_real_dimension_says_where_its_line_blurs(site_data):
    for d in site_data.dimensions:
        assert d.limits.short.strip() and d.limits.text.strip(), d.id
        assert len(d.limits.short) < len(d.limits.text), f"{d.id}: the short caveat is the longer one"


def test_the_comparison_shows_each_caveat_and_marks_our_reading():
    site = _load(MINIMAL)
    href = Linker("leading-vs-managing/")
    table = html_soup(render_comparison_table(site.dimensions, site.sources, href))
    cells = {row["id"]: row.find_all("td")[-1] for row in table.select("tbody tr")}
    assert "Fixture caveat in brief." in cells["vs-change-vs-stability"].get_text()
    assert cells["vs-change-vs-stability"].select("a.lvm-cite"), "a cited caveat links its source"
    assert "Our reading:" in cells["vs-risk"].get_text(), "an uncited caveat is marked as the guide's reading"
    sections = render_dimension_sections(site.dimensions, site.sources, site.crosswalk, href)
    assert "Fixture caveat in full." in sections and "Fixture reading in full." in sections
    sheet = html_soup(render_cheat_sheet(site.dimensions, site.styles, href, site.sources))
    assert "Fixture reading in brief." in sheet.get_text()


def test_a_contrast_no_study_draws_says_so(site_data):
    """One rule for every row: tagged when no source is research; the tag names what it rests on."""
    href = Linker("leading-vs-managing/")
    table = html_soup(render_comparison_table(site_data.dimensions, site_data.sources, href))
    for d in site_data.dimensions:
        kinds = {site_data.sources[s].kind for s in d.sources}
        tag = table.find(id=f"vs-{d.id}").select_one(".lvm-popular")
        assert (tag is not None) == ("research" not in kinds and "guidance" not in kinds), d.id
        if tag is not None:
            popular_only = kinds <= {"practitioner-article", "popular-book", "essay"}
            assert ("not research" in tag.get_text()) == popular_only, d.id
            assert ("no study of this contrast" in tag.get_text()) == (not popular_only), d.id
            # a row that rests on practitioner articles alone says so: no essay or book behind it
            assert ("practitioner articles only" in tag.get_text()) == (kinds == {"practitioner-article"}), d.id


@pytest.mark.parametrize("slogan", ["you manage things", "manage things and lead people", "managing = micromanaging"])
def test_no_page_data_states_the_folk_split(site_data, slogan):
    """The seed articles' slogans are shown only as a source's view (crosswalk), never stated."""
    fields = []
    for d in site_data.dimensions:
        fields += [d.name, d.leading, d.managing, d.summary, d.example, d.limits.short, d.limits.text]
    for r in site_data.roles:
        fields += [r.accountable_for, r.lean_why]
    assert not [f for f in fields if slogan in f.lower()]


def test_the_cheat_sheet_credits_each_style_to_its_sources(site_data):
    """Origin first (with the name it used), then later works, then the work whose advice the guide
    uses, only when that is not already named."""
    from macros.render_dimensions import style_credit

    for s in site_data.styles:
        credit = style_credit(s, site_data.sources)
        assert credit.startswith(f"{s.origin.surnames} ({s.origin.year}"), s.id
        for r in s.renamed:
            assert f"{r.surnames} ({r.year})" in credit, s.id
        named = {s.origin.source, *(r.source for r in s.renamed)}
        used_by = f"as used by {site_data.sources[s.advice_from].cite}" if s.advice_from else ""
        assert (bool(used_by) and used_by in credit) == bool(s.advice_from and s.advice_from not in named), s.id
