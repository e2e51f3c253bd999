"""What the tests and the benchmark share: copy the project, build it, serve the built site under
site_url's path, start Debian's Chromium, and resolve a link in a built page to a site file.

Standard library and PyYAML only; no pytest, no timing. ``scripts/bench*.py`` and
``tests/conftest.py`` import it (each puts ``scripts/`` on ``sys.path``).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlparse

import yaml

ROOT = Path(__file__).resolve().parent.parent
#: What a build needs: copied by ``copy_project`` (tests that alter a project, the bench's snapshot).
PROJECT_PARTS = ("mkdocs.yml", "docs", "macros", "lvm_site", "overrides", "hooks", "layouts", "data")
#: Build quietly: MkDocs 1.6 and Material print a notice about MkDocs 2 unless told not to.
BUILD_ENV = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
#: Debian's Chromium (``make test`` installs it); never a downloaded browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


# =========================================================================== mkdocs.yml
class Tagged:
    """A YAML node under a tag the safe loader does not know (``!!python/name:…``, ``!ENV``), kept as is."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r})"


class ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml safely: unknown tags become ``Tagged`` values instead of errors."""


class ConfigDumper(yaml.SafeDumper):
    """Writes ``Tagged`` values back under their tags."""


def _construct_tagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(node.tag, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_scalar(node))


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


ConfigLoader.add_multi_constructor("", _construct_tagged)  # only tags without a safe constructor get here
ConfigDumper.add_representer(Tagged, _represent_tagged)


def load_config(text: str) -> dict:
    return yaml.load(text, Loader=ConfigLoader)  # noqa: S506 (a SafeLoader subclass)


def dump_config(config: dict) -> str:
    return yaml.dump(config, Dumper=ConfigDumper, sort_keys=False, allow_unicode=True, width=1000)


def site_url_path(config_text: str | None = None) -> str:
    """The path part of site_url (``/field-guide/``): the site is served under it.

    ``config_text`` is a mkdocs.yml's text; the project's own mkdocs.yml when omitted.
    """
    if config_text is None:
        config_text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = load_config(config_text) or {}
    return urlparse(str(config.get("site_url") or "/")).path or "/"


# =========================================================================== copy and build
def copy_project(dest: Path, data_dir: Path | None = None, root: Path = ROOT) -> Path:
    """A copy of the project in ``dest`` (optionally with another data/), for builds that alter it."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = data_dir if part == "data" and data_dir is not None else root / part
        target = dest / part
        if src.is_dir():
            shutil.copytree(src, target, ignore=shutil.ignore_patterns("__pycache__", "*.part.yaml"))
        elif src.is_file():
            shutil.copy2(src, target)
    return dest


def tool_exe(tool: str = "mkdocs") -> str:
    """The ``mkdocs`` (or ``properdocs``) next to this Python, else on PATH."""
    exe = Path(sys.executable).with_name(tool)
    return str(exe) if exe.exists() else (shutil.which(tool) or tool)


def build(
    project: Path, site_dir: Path, tool: str = "mkdocs", config: str = "mkdocs.yml", timeout: float = 900
) -> subprocess.CompletedProcess:
    """``<tool> build --strict`` of ``project`` (its ``config``) into ``site_dir``; the finished process.

    Each build draws its social cards in a cache of its own beside ``site_dir`` (builds running
    side by side in one project must not share one: a card half written by one is read by another)."""
    env = {
        **BUILD_ENV,
        "LVM_SOCIAL_CACHE": str(Path(site_dir).resolve().parent / f"{Path(site_dir).name}-social-cache"),
    }
    return subprocess.run(
        [tool_exe(tool), "build", "--strict", "--config-file", str(project / config), "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


# =========================================================================== serve
class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files as a typical host serves them: text types gzip-compressed on request, over
    connections kept open (HTTP/1.1; GitHub Pages serves HTTP/2, one connection a page); no log.
    Python's default, HTTP/1.0, opens a connection a file, and Lighthouse's simulated slow 4G
    then charges each file a new connection, as no host would."""

    protocol_version = "HTTP/1.1"

    COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.translate_path(self.path)
        if os.path.isdir(path) and urlparse(self.path).path.endswith("/"):
            path = os.path.join(path, "index.html")
        if "gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path) and path.endswith(self.COMPRESS):
            body = gzip.compress(Path(path).read_bytes(), 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "max-age=600")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


@contextlib.contextmanager
def serve(site: Path, prefix: str | None = None):
    """Serve ``site`` on 127.0.0.1 under ``prefix`` (site_url's path by default); yields the base URL."""
    prefix = (site_url_path() if prefix is None else prefix).strip("/")
    with tempfile.TemporaryDirectory(prefix="lvm-www-") as www:
        root = Path(www)
        if prefix:
            mount = root / prefix
            mount.parent.mkdir(parents=True, exist_ok=True)
            mount.symlink_to(Path(site).resolve(), target_is_directory=True)
        else:
            root = Path(site)
        handler = functools.partial(GzipHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/{prefix + '/' if prefix else ''}"
        finally:
            server.shutdown()
            server.server_close()


# =========================================================================== links
class Target(NamedTuple):
    """Where a link in a built page points: a file of the site and a fragment."""

    path: str  # site-relative file ("traits/index.html"); starts with "../" if the link leaves the site
    fragment: str  # unquoted, "" when none


_ORIGIN = "http://site.invalid"
_SPECIAL = ("mailto", "tel", "data", "javascript", "blob", "about")


def resolve(from_file: str, url: str, base_path: str = "/") -> Target | None:
    """The one link resolver: a URL found in site file ``from_file`` (site-relative, e.g.
    ``traits/index.html``) -> ``Target``, or None for another host or a special scheme.

    Relative URLs resolve against the file's folder, absolute paths against the host root
    (the site is published under ``base_path``, site_url's path); a folder means its index.html.
    """
    parsed = urlparse(url)
    if parsed.scheme in _SPECIAL or parsed.netloc or (parsed.scheme and parsed.scheme not in ("http", "https")):
        return None
    if parsed.scheme:  # http(s) without a host is not a link to this site
        return None
    base = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    page = _ORIGIN + base + from_file
    joined = urlparse(urljoin(page, parsed.path)) if parsed.path else urlparse(page)
    target = unquote(joined.path)  # "../" beyond the host's root stops at the root, as in a browser
    if not target.startswith(base):
        return Target("../" + target.lstrip("/"), unquote(parsed.fragment))
    rel = target[len(base) :]
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return Target(rel, unquote(parsed.fragment))
