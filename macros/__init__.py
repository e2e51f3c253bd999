"""mkdocs-macros entry point: load the data once, register the macros. Nothing else.

Each macro is a one-line wrapper that hands records from ``data/`` and the current
page's link context (``macros/links.py``) to a pure renderer in ``macros/render_*.py``.
What the renderers note on the link context (data files, scripts) goes to page.meta
for overrides/main.html as they note it (no post-page callback: Zensical has none).
Only ``define_env`` is used, so the module works under MkDocs, ProperDocs and Zensical; the data
is loaded and validated once per build even where ``define_env`` runs per page (build_cache.py).
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

_LOG = logging.getLogger("mkdocs.plugins.lvm_data")

#: Shared modules, reloaded first (in this order); then each kind's renderer (from the registry,
#: ``models.KINDS``); then the open-data export, which uses them all.
_SHARED = ("models", "data", "render", "links")
_LAST = ("lms", "qti", "export", "search_synonyms")


def _modules(kinds) -> list[str]:
    """Every module to (re)load, in order: shared, then the renderers ``kinds`` name, then the rest."""
    renderers = dict.fromkeys(kind.renderer for kind in kinds.values())
    return [*_SHARED, *(name for name in renderers if name not in _SHARED), *_LAST]


def _fresh(name: str):
    """Import (under ``mkdocs serve``: re-import) a submodule, so edits to macros/ apply."""
    full = f"{__name__}.{name}"
    module = sys.modules.get(full)
    return importlib.reload(module) if module else importlib.import_module(full)


def _load(root: Path, docs_dir: str):
    """(modules by name, validated data): the work ``define_env`` does once per build."""
    models = _fresh("models")
    m = {"models": models} | {name: _fresh(name) for name in _modules(models.KINDS) if name != "models"}
    try:
        site = m["data"].load_site_data(root / "data", root, docs_dir)
    except m["data"].DataError as err:
        # One line per problem; MkDocs prints it and aborts: no traceback, nothing published.
        raise PluginError("invalid data (fix these, then rebuild):\n" + str(err)) from None
    for warning in site.warnings:  # --strict stops the build on these too
        _LOG.warning(warning)
    try:  # the search synonyms are checked with the data (the post-build step publishes them)
        m["search_synonyms"].load_synonyms(root / "data")
    except m["data"].DataError as err:
        raise PluginError("invalid data (fix these, then rebuild):\n" + str(err)) from None
    return m, site


def _build_files(env):
    """The build's MkDocs ``Files`` if the builder provides them (Zensical's ``files`` is an empty
    list): links then come from the same rule as MkDocs' own, else from the page paths."""
    files = env.variables.get("files")
    return files if hasattr(files, "get_file_from_path") else None


def _link_from(page) -> str | None:
    """Where the builder resolves relative links in raw HTML from: MkDocs' page (it has ``file``)
    from its URL (None: the Linker's default); Zensical's page from its Markdown file (``path``,
    relative to docs/), whose links Zensical rewrites for the page's URL."""
    return None if hasattr(page, "file") else getattr(page, "path", None)


def _recorder(page, conf, docs_dir: str, render):
    """Writes what a renderer notes about the page onto ``page.meta`` at once: ``lvm_data`` (the
    data files the page is generated from: the edit button opens the first, the last-updated step
    dates the page by all) and ``lvm_scripts`` (file names in assets/javascripts/ that
    overrides/main.html loads)."""
    page.meta.setdefault("lvm_data", [])

    def on_data(path: str) -> None:
        edit = render.edit_url(conf.get("repo_url"), conf.get("edit_uri"), docs_dir, path)
        page.meta["lvm_data"].append({"path": path, "edit": edit})
        # On a generated page the edit button opens the data its entries come from (the first
        # file a renderer used), not the Markdown, which holds only the intro and macro calls.
        if edit and not page.meta.get("lvm_edit_url"):
            page.meta["lvm_edit_url"] = edit
            if hasattr(page, "edit_url"):  # MkDocs' page object; Zensical takes it from meta
                page.edit_url = edit

    return on_data


def define_env(env) -> None:
    root = Path(env.project_dir)
    docs_dir = str(env.conf["docs_dir"])
    build_cache = importlib.import_module(f"{__name__}.build_cache")
    stamp = build_cache.stamp(root / "data", Path(__file__).resolve().parent)
    m, site = build_cache.once(f"{root}|{docs_dir}", stamp, lambda: _load(root, docs_dir))
    links = m["links"]
    dims_r, sources_r = m["render_dimensions"], m["render_sources"]
    principles_r, practices_r, roles_r = m["render_principles"], m["render_practices"], m["render_roles"]
    glossary_r, styles, quiz_r = m["render_glossary"], m["render_styles"], m["render_quiz"]
    playbook_r, frameworks_r = m["render_playbook"], m["render_frameworks"]
    paths_r = m["render_paths"]

    env.variables["site_data"] = site
    env.variables["lvm_export"] = m["export"]
    use_dir_urls = env.conf.get("use_directory_urls", True)
    docs_name = Path(docs_dir).name

    def href():
        """The current page's link context: one per page object (it remembers which tooltips the
        page has given, its data files and scripts), so every build, including each
        `mkdocs serve` rebuild, starts afresh. What it notes goes to page.meta at once."""
        linker = getattr(env.page, "_lvm_linker", None)
        if linker is None:
            linker = links.Linker(env.page.url, use_dir_urls, _build_files(env), _link_from(env.page))
            linker.on_data = _recorder(env.page, env.conf, docs_name, m["render"])
            env.page.meta["lvm_scripts"] = linker.scripts  # the same list: scripts noted later show
            env.page._lvm_linker = linker
        return linker

    # Counts in prose come from the data: {{ site_data.styles|length|in_words }} -> "ten".
    env.filter(m["render"].in_words)

    # ------------------------------------------------------------ leading vs managing
    @env.macro
    def comparison_table() -> str:
        return dims_r.render_comparison_table(site.dimensions, site.sources, href())

    @env.macro
    def dimension_sections(heading_depth: int = 3) -> str:
        return dims_r.render_dimension_sections(site.dimensions, site.sources, site.crosswalk, href(), heading_depth)

    @env.macro
    def crosswalk_table() -> str:
        return dims_r.render_crosswalk_table(site.dimensions, site.sources, site.crosswalk, href())

    @env.macro
    def cheat_sheet() -> str:
        return dims_r.render_cheat_sheet(site.dimensions, site.styles, href(), site.sources)

    # ------------------------------------------------------------ principles, practices, roles
    @env.macro
    def principle_sections(heading_depth: int = 3) -> str:
        return principles_r.render_principles(
            site.principles,
            site.traits,
            site.sources,
            href(),
            heading_depth,
            practices=site.practices,
            playbook=site.playbook,
        )

    @env.macro
    def practice_sections(heading_depth: int = 3) -> str:
        return practices_r.render_practices(site.practices, site.sources, href(), heading_depth, playbook=site.playbook)

    @env.macro
    def role_sections(heading_depth: int = 3) -> str:
        return roles_r.render_roles(site.roles, site.dimensions, site.sources, href(), heading_depth)

    @env.macro
    def role_matrix() -> str:
        return roles_r.render_role_matrix(site.roles, site.dimensions, href())

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
    def style_matrix() -> str:
        return styles.render_style_matrix(site.styles, site.traits, href())

    @env.macro
    def style_sections(heading_depth: int = 2) -> str:
        return styles.render_style_sections(site.styles, site.traits, site.sources, href(), heading_depth)

    @env.macro
    def situational_model() -> str:
        return styles.render_situational_model(site.situational, site.styles, site.sources, href())

    @env.macro
    def situation_guide(heading_depth: int = 3) -> str:
        return styles.render_situation_guide(
            site.situations, site.styles, site.situational, href(), heading_depth, sources=site.sources
        )

    @env.macro
    def open_data_table() -> str:
        return m["export"].render_open_data_table(site, href())

    # ------------------------------------------------------------ playbook
    @env.macro
    def playbook_sections(heading_depth: int = 2) -> str:
        return playbook_r.render_playbook(
            site.playbook, site.traits, site.practices, site.styles, site.sources, href(), heading_depth
        )

    @env.macro
    def playbook_index() -> str:
        return playbook_r.render_playbook_index(site.playbook, href())

    @env.macro
    def team_signs_table() -> str:
        return playbook_r.render_team_signs(site.signs, site.playbook, href())

    # ------------------------------------------------------------ frameworks
    @env.macro
    def managerial_roles_table() -> str:
        return frameworks_r.render_managerial_roles(site.managerial_roles, href())

    # ------------------------------------------------------------ quizzes
    @env.macro
    def quiz(quiz_id: str) -> str:
        if quiz_id not in site.quizzes:
            raise PluginError(f"quiz({quiz_id!r}): no data/quizzes/{quiz_id}.yaml")
        quiz = site.quizzes[quiz_id]
        qti = None
        if quiz.kind == "choice":
            qti = href().asset(m["qti"].package_path(quiz.id))
        return quiz_r.render_quiz(quiz, site, href(), qti_url=qti)

    @env.macro
    def lms_table() -> str:
        return quiz_r.render_lms_table(site, href())

    @env.macro
    def site_file(path: str) -> str:
        """A file the build writes (a social card, a download), relative to the current page."""
        return href().asset(path)

    @env.macro
    def quiz_facts(quiz_id: str) -> str:
        if quiz_id not in site.quizzes:
            raise PluginError(f"quiz_facts({quiz_id!r}): no data/quizzes/{quiz_id}.yaml")
        return quiz_r.render_quiz_facts(site.quizzes[quiz_id])

    # ------------------------------------------------------------ onboarding paths
    @env.macro
    def onboarding_path(path_id: str) -> str:
        if path_id not in site.paths:
            raise PluginError(f"onboarding_path({path_id!r}): no data/paths/{path_id}.yaml")
        return paths_r.render_path(site.paths[path_id], site, href(), env.conf.get("site_url") or "")

    @env.macro
    def onboarding_paths() -> str:
        return paths_r.render_paths_index(site.paths, site, href())

    @env.macro
    def path_builder() -> str:
        return paths_r.render_path_builder(site, href())

    # Every macro call is checked like data: one line naming page, macro and argument.
    calls = _fresh("calls")
    calls.install_error_format()
    calls.guard(env, site)
