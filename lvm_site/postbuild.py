"""All the work done on a built site, in one place, for any builder.

``run(site_dir)`` takes a built site folder (from MkDocs, ProperDocs or Zensical) and, in order:

1. publishes the open data, the quiz packages and the search synonyms: every collection as JSON
   beside its JSON Schema (``data/``, ``schemas/``), each choice quiz (and each path's quiz
   steps) for QTI 2.1, Canvas, Moodle and Blackboard (macros/export.py, qti.py, lms.py), and
   ``search/synonyms.json`` (macros/search_synonyms.py);
2. dates each page by the last commit of its Markdown and data files (lvm_site/last_updated.py);
3. removes what no browser loads: source maps, unused lunr language files (prune_assets.py);
4. minifies the site's own scripts and stylesheet in place (minify_assets.py);
5. writes the Content-Security-Policy into every page, last, so it hashes the final inline
   scripts (csp.py).

What it needs besides the folder it reads from mkdocs.yml: ``theme.custom_dir`` (whose assets to
minify), ``docs_dir``, the search plugin's ``lang``. MkDocs and ProperDocs call it from a thin
hook (hooks/postbuild.py); after another builder run it yourself::

    python -m lvm_site.postbuild site/            # after e.g. `zensical build`
    python -m lvm_site.postbuild site/ --script-base https://leading-vs-managing.github.io/field-guide/

A problem (invalid data) stops it with one line and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import yaml

from . import csp, last_updated, minify_assets, prune_assets

ROOT = Path(__file__).resolve().parent.parent
#: The deploy build sets this to the site's URL: scripts are then allowed from that path only.
SCRIPT_BASE_ENV = "LVM_CSP_SCRIPT_BASE"
STEPS = ("export", "dates", "prune", "minify", "csp")


class PostBuildError(Exception):
    """A problem that stops the post-build step; its message is one line for the reader."""


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's tags (``!ENV``, ``!!python/name``) read as plain values: only plain keys are used."""


def _any(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("", _any)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any)


def read_config(config_file: Path) -> dict:
    """The parts of mkdocs.yml this step uses."""
    config = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 (safe loader)
    project = Path(config_file).resolve().parent
    theme = config.get("theme") or {}
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    langs = ["en"]
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and str(next(iter(plugin), "")).split("/")[-1] == "search":
            lang = (next(iter(plugin.values())) or {}).get("lang") or ["en"]
            langs = [lang] if isinstance(lang, str) else list(lang)
    return {
        "project_dir": project,
        "docs_dir": project / config.get("docs_dir", "docs"),
        "custom_dir": project / custom_dir if custom_dir else None,
        "search_langs": langs,
    }


def load_site_data(project_dir: Path, docs_dir: Path):
    """The validated data (macros/data.py), for the export."""
    from macros import data

    try:
        return data.load_site_data(project_dir / "data", project_dir, str(docs_dir))
    except data.DataError as err:
        raise PostBuildError("invalid data (fix these, then rebuild):\n" + str(err)) from None


def export(site_dir: Path, site_data, project_dir: Path = ROOT) -> None:
    """Open data (JSON + schemas), the quizzes for every LMS (a path's quiz steps joined too) and
    the search synonyms (``search/synonyms.json``, for the search worker) into ``site_dir``."""
    from macros import export as open_data
    from macros import lms, package_cache, qti, search_synonyms

    cache = Path(project_dir) / package_cache.FOLDER  # kept between builds, as the social cards are
    open_data.write_open_data(site_data, site_dir)
    qti.write_packages(site_data.quizzes, site_dir, cache)
    lms.write_path_packages(site_data.paths, site_data.quizzes, site_dir, cache)
    try:
        synonyms = search_synonyms.load_synonyms(project_dir / "data")
    except Exception as err:  # DataError: one line per problem
        raise PostBuildError("invalid data (fix these, then rebuild):\n" + str(err)) from None
    search_synonyms.write_synonyms(synonyms, site_dir)


def run(
    site_dir: Path,
    config_file: Path | None = None,
    *,
    site_data=None,
    script_base: str | None = None,
    steps: tuple[str, ...] = STEPS,
) -> None:
    """Do every post-build step on ``site_dir`` (see the module's docstring).

    ``site_data``: the data the build already loaded (else it is loaded here);
    ``script_base``: the site's URL for the CSP's ``script-src`` (default: ``$LVM_CSP_SCRIPT_BASE``,
    else ``'self'``); ``steps``: a subset of :data:`STEPS` (``mkdocs serve`` leaves out ``csp``).
    """
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise PostBuildError(f"no built site at {site_dir}")
    conf = read_config(config_file or ROOT / "mkdocs.yml")
    if "export" in steps:
        export(site_dir, site_data or load_site_data(conf["project_dir"], conf["docs_dir"]), conf["project_dir"])
    if "dates" in steps:
        last_updated.fill_dates(site_dir, conf["project_dir"], conf["docs_dir"])
    if "prune" in steps:
        prune_assets.prune(site_dir, set(conf["search_langs"]))
    if "minify" in steps and conf["custom_dir"]:
        minify_assets.minify_own_assets(conf["custom_dir"], site_dir)
    if "csp" in steps:
        try:
            csp.apply_policy(site_dir, script_base if script_base is not None else os.environ.get(SCRIPT_BASE_ENV))
        except ValueError as err:
            raise PostBuildError(str(err)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lvm_site.postbuild", description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the built site folder")
    parser.add_argument("-f", "--config-file", type=Path, default=None, help="mkdocs.yml (default: the project's)")
    parser.add_argument(
        "--script-base", default=None, help=f"the site's URL for script-src (default: ${SCRIPT_BASE_ENV})"
    )
    parser.add_argument("--skip", action="append", choices=STEPS, default=[], help="leave out a step (repeatable)")
    args = parser.parse_args(argv)
    try:
        run(
            args.site_dir,
            args.config_file,
            script_base=args.script_base,
            steps=tuple(s for s in STEPS if s not in args.skip),
        )
    except PostBuildError as err:
        print(f"postbuild: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
