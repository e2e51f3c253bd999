"""One post-build step (lvm_site/postbuild.py): give every built page a strict Content-Security-Policy.

It reads every HTML page in ``site/``, hashes each inline script a browser
would run (SHA-256 of its exact text, as CSP Level 2 defines), and writes one
``<meta http-equiv="Content-Security-Policy">`` as the first element of each page's ``<head>``
(a meta policy only governs what comes after it). The hashes are computed at build time
because Material's start-up scripts change with its version and with the page's depth
(``__md_scope=new URL("..",location)``).

Every page carries the same policy, with the hashes of the inline scripts of *all* pages:
with instant navigation the policy of the first page a reader opens stays in force while
Material swaps in the next page, so it must allow that page's scripts too.

The policy:

* ``default-src 'self'``: nothing is fetched from another host (fonts, search index, worker).
* ``script-src`` the site's own path plus the hashes: no inline event handlers, no
  ``javascript:`` URLs, no ``eval``, and no script from another project on the same origin
  (GitHub Pages serves every project of an account from one origin,
  ``https://<account>.github.io/<project>/``, so ``'self'`` would allow their scripts too). The
  path is the site's URL (``site_url``), given when the build is the one to deploy
  (``LVM_CSP_SCRIPT_BASE`` or ``postbuild --script-base``); a local build, served from another
  origin (``http://127.0.0.1:…``), keeps ``'self'``, which is all a local origin can name. Material's
  search worker is a script too (``worker-src`` falls back to ``script-src``) and lives under the
  same path. ``<script type="application/json">`` (Material's ``__config``) is data, not a
  script, and needs no hash.
* ``style-src 'self'``: no inline ``<style>`` elements or ``style=""`` attributes in the pages
  (the build has none; a test keeps it so). Material and the site's scripts set styles through
  the CSSOM (``el.style.setProperty``), which CSP does not restrict, so nothing needs
  ``'unsafe-inline'``. Zensical's bundle adds one ``<style>`` of its own (its search dialog):
  that text alone is allowed, by its hash (``bundle_style_hashes``).
* ``img-src 'self' data:``: Material's stylesheet draws its icons from ``data:`` SVG URLs.
* ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'none'`` (the only form is the
  search box, which never submits).

What stays ``'self'`` and why: the search index and the data files are fetched (``connect-src``),
the icons and images (``img-src``) and the stylesheet (``style-src``) load from the site, and a
path cannot be named for ``base-uri``. They cannot run code, so the origin is narrow enough.
``frame-ancestors`` and reporting cannot be set from a meta tag; a host that can send headers
may add them.

A meta policy has a cost the header would not: Chromium's preload scanner stops at it, so the
scripts at the end of ``<body>`` (Material's bundle, the page's own) were only requested once the
parser reached them, after the first paint (measured in Chromium at 4x CPU slowdown: the bundle
requested about 2 s after the stylesheets; on stock Material, with no policy, together with
them). The script is then late to run, and the first tap waits. So ``add_policy`` also lists
every script file the page loads as ``<link rel="preload" as="script">`` in ``<head>``, after the
stylesheets and before the first inline script (where the parser waits for the stylesheets):
the parser reaches them at once, and they are fetched beside the stylesheets, as the scanner
would have done. The scripts still run where and when they did.

Under ``mkdocs serve`` no policy is written: the live-reload script MkDocs injects into every
page is inline and changes on each reload, so it cannot be hashed.
"""

from __future__ import annotations

import ast
import base64
import hashlib
import re
from html import escape, unescape
from pathlib import Path

#: Script types a browser runs (the HTML standard's JavaScript MIME types, and ``module``); any
#: other type (``application/json``, ``text/template``) is data and needs no hash.
_JS_TYPES = {
    "",
    "module",
    *(f"application/{t}" for t in ("ecmascript", "javascript", "x-ecmascript", "x-javascript")),
    *(f"text/{t}" for t in ("ecmascript", "javascript", "jscript", "livescript", "x-ecmascript", "x-javascript")),
    *(f"text/javascript1.{n}" for n in range(6)),
}

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTR_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HAS_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset=[^>]*>", re.IGNORECASE)
_OLD_META = re.compile(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>\s*", re.IGNORECASE)
_ATTR_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_STYLESHEET = re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?stylesheet\b[^>]*>", re.IGNORECASE)
_DEFERRED = re.compile(r"\s(?:defer|async)\b", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_PRELOAD = '<link rel="preload" as="script" href="{}">'
_OLD_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*">')


def _script_type(attrs: str) -> str:
    """A script element's type, as the browser compares it: unescaped, lower case, no parameters."""
    kind = _ATTR_TYPE.search(attrs)
    kind = next((g for g in kind.groups() if g is not None), "") if kind else ""
    return unescape(kind).split(";")[0].strip().lower()


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in ``html`` that a browser would run."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if not _HAS_SRC.search(attrs) and _script_type(attrs) in _JS_TYPES:
            found.append(body)
    return found


def script_files(html: str) -> list[str]:
    """The ``src`` of every classic script file in ``html`` that a browser runs (no modules: they
    would need ``modulepreload``; no data types), each once: those the parser waits for first
    (Material's bundle), then ``defer`` and ``async`` ones, each group in page order."""
    found: list[str] = []
    later: set[str] = set()
    for match in _SCRIPT.finditer(html):
        attrs = match.group(1)
        src = _ATTR_SRC.search(attrs)
        if not src:
            continue
        kind = _script_type(attrs)
        url = unescape(next(g for g in src.groups() if g is not None))
        if kind in _JS_TYPES and kind != "module" and url and url not in found:
            found.append(url)
            if _DEFERRED.search(attrs):
                later.add(url)
    return sorted(found, key=lambda url: url in later)


def add_preloads(html: str) -> str:
    """``html`` with each of its script files (``script_files``) preloaded in ``<head>``: before
    its first inline script, where the parser waits for the stylesheets, and after the
    stylesheets that come before that script. Earlier preloads of ours are replaced, not
    stacked. Why: see the module's docstring."""
    html = _OLD_PRELOAD.sub("", html)
    end = _HEAD_END.search(html)
    files = script_files(html)
    if not end or not files:
        return html
    inline = next(
        (m.start() for m in _SCRIPT.finditer(html, 0, end.start()) if inline_scripts(m.group(0))), end.start()
    )
    sheets = list(_STYLESHEET.finditer(html, 0, inline))
    at = sheets[-1].end() if sheets else inline
    links = "".join("\n    " + _PRELOAD.format(escape(url, quote=True)) for url in files)
    return html[:at] + links + html[at:]


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def script_source(base: str | None) -> str:
    """The CSP source for the site's own scripts: its URL (a path ending in ``/`` covers all below
    it), or ``'self'`` when none is given. Only an http(s) URL is accepted."""
    if not base:
        return "'self'"
    if not base.startswith(("https://", "http://")) or any(c in base for c in " ;,'\"\n"):
        raise ValueError(f"CSP script base must be an http(s) URL without spaces or quotes: {base!r}")
    return base if base.endswith("/") else base + "/"


# Zensical's bundle draws its search dialog in a shadow root and styles it with a <style> element
# whose text is a string constant of the bundle (``el.appendChild(C("style", {}, X.toString()))``).
# ``style-src 'self'`` blocks it (the dialog is then unstyled), so the policy allows exactly that
# text by its hash. Material's bundle has no such element: its policy keeps ``style-src 'self'``.
_STYLE_ELEMENT = re.compile(r'\(\s*"style"\s*,\s*\{\}\s*,\s*([A-Za-z_$][\w$]*)\.toString\(\)\s*\)')
_JS_STRING = r"""\s*=\s*('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""


def bundle_style_hashes(site_dir: Path) -> set[str]:
    """The hashes of the <style> texts the theme's bundle (assets/javascripts/bundle.*.js) adds."""
    hashes = set()
    for bundle in sorted((Path(site_dir) / "assets" / "javascripts").glob("bundle.*.js")):
        js = bundle.read_text(encoding="utf-8")
        for name in _STYLE_ELEMENT.findall(js):
            literal = re.search(r"(?<![\w$.])" + re.escape(name) + _JS_STRING, js)
            if literal is None:
                raise ValueError(f"{bundle.name}: the style text {name} is not a string constant")
            hashes.add(script_hash(ast.literal_eval(literal.group(1))))
    return hashes


def policy(hashes: set[str], script_base: str | None = None, style_hashes: set[str] = frozenset()) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            " ".join([f"script-src {script_source(script_base)}", *sorted(hashes)]),
            " ".join(["style-src 'self'", *sorted(style_hashes)]),
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'none'",
        ]
    )


def add_policy(html: str, csp: str) -> str:
    """``html`` with ``csp`` as a meta tag right after ``<meta charset>`` (else first in head),
    and its script files preloaded (``add_preloads``), which a meta policy makes necessary."""
    html = add_preloads(_OLD_META.sub("", html))
    head = _HEAD.search(html)
    if not head:
        return html
    at = head.end()
    charset = _CHARSET.match(html, at)
    if charset:
        at = charset.end()
    tag = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    return html[:at] + "\n    " + tag + html[at:]


def apply_policy(site_dir: Path, script_base: str | None = None) -> str:
    """Write the policy into every page of ``site_dir``; returns it."""
    pages = sorted(Path(site_dir).rglob("*.html"))
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    hashes = {script_hash(body) for text in texts.values() for body in inline_scripts(text)}
    csp = policy(hashes, script_base, bundle_style_hashes(site_dir))
    for path, text in texts.items():
        path.write_text(add_policy(text, csp), encoding="utf-8")
    return csp
