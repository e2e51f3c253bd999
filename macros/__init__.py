"""mkdocs-macros entry point: load the data once, register the macros. Nothing else.

Each macro is a one-line wrapper that hands records from ``data/`` and a link
function for the current page to a pure renderer in ``macros/render_*.py``.
Data is loaded and validated once per build (``define_env`` runs on config).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

# Reload order: shared modules first, then the renderers that import them.
_MODULES = (
    "models",
    "data",
    "render",
    "links",
    "render_compare",
    "render_people",
    "render_sources",
    "render_glossary",
    "render_styles",
    "render_quiz",
    "qti",
    "export",
)


def _fresh(name: str):
    """Import (under ``mkdocs serve``: re-import) a submodule, so edits to macros/ apply."""
    full = f"{__name__}.{name}"
    module = sys.modules.get(full)
    return importlib.reload(module) if module else importlib.import_module(full)


def define_env(env) -> None:
    m = {name: _fresh(name) for name in _MODULES}
    data, links = m["data"], m["links"]
    compare, people, sources_r = m["render_compare"], m["render_people"], m["render_sources"]
    glossary_r, styles, quiz_r = m["render_glossary"], m["render_styles"], m["render_quiz"]

    root = Path(env.project_dir)
    try:
        site = data.load_site_data(root / "data", root)
    except data.DataError as err:
        # One line per problem; MkDocs prints it and aborts: no traceback, nothing published.
        raise PluginError("invalid data (fix these, then rebuild):\n" + str(err)) from None
    env.variables["site_data"] = site
    env.variables["lvm_export"] = m["export"]
    use_dir_urls = env.conf["use_directory_urls"]

    def href():
        """The current page's link function: one per page object (it remembers which tooltips the
        page has given), so every build, including each `mkdocs serve` rebuild, starts afresh."""
        linker = getattr(env.page, "_lvm_linker", None)
        if linker is None:
            linker = env.page._lvm_linker = links.Linker(env.page.url, use_dir_urls)
        return linker

    # ------------------------------------------------------------ leading vs managing
    @env.macro
    def comparison_table() -> str:
        return compare.render_comparison_table(site.dimensions, site.sources, href())

    @env.macro
    def dimension_sections(level: int = 3) -> str:
        return compare.render_dimension_sections(site.dimensions, site.sources, site.crosswalk, href(), level)

    @env.macro
    def crosswalk_table() -> str:
        return compare.render_crosswalk_table(site.dimensions, site.sources, site.crosswalk, href())

    @env.macro
    def cheat_sheet() -> str:
        return compare.render_cheat_sheet(site.dimensions, site.styles, href())

    # ------------------------------------------------------------ principles, practices, roles
    @env.macro
    def principle_sections(level: int = 3) -> str:
        return people.render_principles(site.principles, site.traits, site.sources, href(), level)

    @env.macro
    def practice_sections(level: int = 3) -> str:
        return people.render_practices(site.practices, site.sources, href(), level)

    @env.macro
    def role_sections(level: int = 3) -> str:
        return people.render_roles(site.roles, site.dimensions, site.sources, href(), level)

    @env.macro
    def role_matrix() -> str:
        return people.render_role_matrix(site.roles, site.dimensions, href())

    # ------------------------------------------------------------ sources
    @env.macro
    def source_list() -> str:
        return sources_r.render_sources(site.sources, sources_r.collect_citations(site), href())

    # ------------------------------------------------------------ traits
    @env.macro
    def glossary() -> str:
        return glossary_r.render_glossary(site.traits, site.principles, site.sources, href())

    @env.macro
    def trait_matrix() -> str:
        return glossary_r.render_trait_matrix(site.traits, site.principles, href())

    # ------------------------------------------------------------ styles
    @env.macro
    def styles_matrix() -> str:
        return styles.render_styles_matrix(site.styles, site.traits, href())

    @env.macro
    def style_sections(level: int = 2) -> str:
        return styles.render_style_sections(site.styles, site.traits, site.sources, href(), level)

    @env.macro
    def situational_model() -> str:
        return styles.render_situational_model(site.situational, site.styles, site.sources, href())

    @env.macro
    def situation_guide(level: int = 3) -> str:
        return styles.render_situation_guide(
            site.situations, site.styles, site.situational, href(), level, sources=site.sources
        )

    @env.macro
    def open_data_table() -> str:
        return m["export"].render_open_data_table(site, href())

    # ------------------------------------------------------------ quizzes
    @env.macro
    def quiz(quiz_id: str) -> str:
        if quiz_id not in site.quizzes:
            raise PluginError(f"quiz({quiz_id!r}): no data/quizzes/{quiz_id}.yaml")
        quiz = site.quizzes[quiz_id]
        # Tells overrides/main.html which script to load: quiz-choice.js, self-assessment.js.
        kinds = env.page.meta.setdefault("quiz", [])
        if quiz.kind not in kinds:
            kinds.append(quiz.kind)
        qti = None
        if quiz.kind == "choice":
            qti = get_relative_url(m["qti"].package_path(quiz.id), env.page.url)
        return quiz_r.render_quiz(quiz, site, href(), qti_url=qti)

    @env.macro
    def quiz_facts(quiz_id: str) -> str:
        if quiz_id not in site.quizzes:
            raise PluginError(f"quiz_facts({quiz_id!r}): no data/quizzes/{quiz_id}.yaml")
        return quiz_r.render_quiz_facts(site.quizzes[quiz_id])


def on_post_page_macros(env) -> None:
    """Append the trait abbreviations, so trait names in prose show their definition; list the
    data files the page was generated from (main.html links to them: "edit the data"); say
    whether the page's trait links carry definitions (main.html then loads tooltips.js)."""
    site = env.variables["site_data"]
    render = sys.modules[f"{__name__}.render"]
    conf = env.conf
    docs_dir = Path(conf["docs_dir"]).name
    env.page.meta["lvm_data"] = [
        {"path": path, "edit": render.edit_url(conf.get("repo_url"), conf.get("edit_uri"), docs_dir, path)}
        for path in render.data_files_in(env.markdown)
    ]
    linker = getattr(env.page, "_lvm_linker", None)
    env.page.meta["lvm_tips"] = bool(linker and linker.tooltips_given)
    env.markdown += "\n\n" + sys.modules[f"{__name__}.render_glossary"].render_abbreviations(site.traits)


def on_post_build(env) -> None:
    """Publish the data as JSON (with its JSON Schema) under site/data/ and site/schemas/, and
    each choice quiz as a QTI 2.1 package (site/quizzes/<id>-qti21.zip)."""
    site_dir = Path(env.conf["site_dir"])
    env.variables["lvm_export"].write_open_data(env.variables["site_data"], site_dir)
    sys.modules[f"{__name__}.qti"].write_packages(env.variables["site_data"].quizzes, site_dir)
