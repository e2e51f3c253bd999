"""Inline Markdown in entry text: one reader, one HTML renderer, one plain-text renderer.

An entry's prose may hold a little inline Markdown, the same in a YAML file and in a Markdown
entry (``data/<kind>/<id>.md``)::

    *emphasis*  _emphasis_  **strong**  __strong__  `code`  \\* (a literal star)
    [a page elsewhere](https://example.org/page)
    [delegating](playbook:delegating)          <- another entry, by kind and id

An entry link's target is ``<kind>:<id>``: the kind as the registry names it
(:data:`macros.models.KINDS`: ``traits``, ``playbook`` …) and the entry's id. It names the entry,
not a page: where the entry is shown (which page, which anchor, how the builder writes relative
URLs) is decided at build time by the page's link context (:class:`macros.links.Linker`), so a
link keeps working when a kind moves to another page or the site is built by another builder.
Every other target (``javascript:``, ``data:``, ``mailto:``, ``../file.md``, ``#anchor``) is
refused by :func:`check_text`.

:func:`render_inline` is the only way entry text becomes HTML (templates use it as the
``inline`` filter). It builds its output from escaped pieces: the text between the markers is
escaped, the only tags it writes are ``<em> <strong> <code> <a href>``, and an ``href`` is either
a checked http(s) URL or a URL the link context made. No raw HTML, attribute or id can come
through, whatever the text holds. :func:`plain_inline` gives the same text without the markers,
for places that are plain text (search, meta descriptions, tooltips, JSON and LMS exports).

The grammar is deliberately small and strict, so the loader can tell a contributor exactly what
did not parse: a leftover ``](``, ``**``, ``__`` or backtick is refused by :func:`check_text`
rather than shown literally on the page. Nothing here imports MkDocs.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from markupsafe import Markup, escape

#: An entry link's target: ``<kind>:<id>``.
ENTRY_TARGET = re.compile(r"([a-z][a-z_]*):([a-z0-9]+(?:-[a-z0-9]+)*)")
_HTTP = re.compile(r"https?://", re.IGNORECASE)

_TOKEN = re.compile(
    r"""
      (?P<esc>\\[\\`*_\[\]()])
    | `(?P<code>[^`\n]+)`
    | \[(?P<label>[^\[\]\n]+)\]\((?P<target>[^\s()<>\[\]]*)\)
    | \*\*(?P<strong>[^\s*](?:[^*]*[^\s*])?)\*\*
    | (?<![\w\\])__(?P<ustrong>[^\s_](?:[^_]*[^\s_])?)__(?!\w)
    | \*(?P<em>[^\s*](?:[^*]*[^\s*])?)\*
    | (?<![\w\\])_(?P<uem>[^\s_](?:[^_]*[^\s_])?)_(?!\w)
    """,
    re.VERBOSE,
)
#: What is left over when a marker did not pair up (shown literally, so refused by the loader).
_LEFTOVER = (
    ("](", "a link that did not parse: write [text](https://…) or [text](kind:id), no spaces or brackets in it"),
    ("**", "an unpaired '**': strong text is **like this**"),
    ("__", "an unpaired '__': strong text is __like this__"),
    ("`", "an unpaired backtick: code is `like this`"),
)


@dataclass(frozen=True)
class Token:
    """A piece of inline text: ``kind`` is text, esc (a backslash-escaped character), code, em,
    strong or link; ``children`` for em,
    strong and a link's label; ``target`` for a link."""

    kind: str
    text: str = ""
    children: tuple[Token, ...] = ()
    target: str = ""


def parse(text: str, links: bool = True) -> tuple[Token, ...]:
    """The tokens of ``text``; with ``links`` false (inside a link's label) a link stays text."""
    out: list[Token] = []
    plain: list[str] = []
    pos = 0

    def flush() -> None:
        if plain:
            out.append(Token("text", "".join(plain)))
            plain.clear()

    for match in _TOKEN.finditer(text):
        plain.append(text[pos : match.start()])
        pos = match.end()
        group = match.lastgroup
        if group == "esc":
            flush()
            out.append(Token("esc", match.group("esc")[1]))
            continue
        if group == "target" or match.group("label") is not None:
            if not links:
                plain.append(match.group(0))
                continue
            flush()
            out.append(Token("link", children=parse(match.group("label"), links=False), target=match.group("target")))
            continue
        flush()
        if match.group("code") is not None:
            out.append(Token("code", match.group("code")))
        elif match.group("strong") is not None or match.group("ustrong") is not None:
            inner = match.group("strong") if match.group("strong") is not None else match.group("ustrong")
            out.append(Token("strong", children=parse(inner, links)))
        else:
            inner = match.group("em") if match.group("em") is not None else match.group("uem")
            out.append(Token("em", children=parse(inner, links)))
    plain.append(text[pos:])
    flush()
    return tuple(out)


def _walk(tokens: tuple[Token, ...]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _walk(token.children)


def links_in(text: str) -> list[str]:
    """The targets of the links in ``text``, in order."""
    return [t.target for t in _walk(parse(text)) if t.kind == "link"]


def has_markup(text: str) -> bool:
    """Whether ``text`` holds any inline Markdown (or a backslash escape) at all."""
    return any(c in text for c in "*_`[\\")


# --------------------------------------------------------------------------- checks
def target_problem(target: str, ids: dict[str, set[str]], files: dict[str, str] | None = None) -> str | None:
    """Why a link target is refused (None if it is an http(s) URL or names an entry that exists).
    ``ids``: kind -> the ids of its entries (kinds that failed to load are left out: their
    links are not checked, their own problems are reported)."""
    from .models import KINDS, _http_url

    if _HTTP.match(target):
        try:
            _http_url(target)
        except ValueError as err:
            return f"link {target[:60]!r}: {err}"
        return None
    entry = ENTRY_TARGET.fullmatch(target)
    close = difflib.get_close_matches(entry.group(1), sorted(KINDS), n=1) if entry else []
    if entry is None or (entry.group(1) not in KINDS and not close):
        shown = target[:60] or "(empty)"
        return (
            f"link target {shown!r} is not allowed: link to an https:// address or to an entry as "
            "kind:id (e.g. traits:empathetic)"
        )
    kind, entry_id = entry.groups()
    if kind not in KINDS:
        return f"link {target!r}: {kind!r} is not a kind of entry (did you mean '{close[0]}:{entry_id}'?)"
    if kind not in ids:
        return None
    if entry_id not in ids[kind]:
        close = difflib.get_close_matches(entry_id, sorted(ids[kind]), n=1)
        hint = f" (did you mean '{kind}:{close[0]}'?)" if close else ""
        where = (files or {}).get(kind) or KINDS[kind].data_file()
        return f"link {target!r}: {entry_id!r} is not an id in {where}{hint}"
    return None


def text_problem(text: str, ids: dict[str, set[str]], files: dict[str, str] | None = None) -> str | None:
    """Why ``text``'s inline Markdown is refused: a bad link target, or a marker left unpaired
    (which the page would show literally). None when it is fine."""
    if not has_markup(text):
        return None
    tokens = parse(text)
    for token in _walk(tokens):
        if token.kind == "link":
            problem = target_problem(token.target, ids, files)
            if problem:
                return problem
    leftover = "".join(t.text for t in _walk(tokens) if t.kind == "text")
    for mark, what in _LEFTOVER:
        if mark in leftover:
            return f"{what} (or escape it with a backslash)" if mark != "](" else what
    return None


def _text_kind(metadata, annotation) -> str | None:
    """``"prose"`` for a ``PlainText`` field (or a list of them), ``"line"`` for a ``OneLine``
    one, None for any other (ids, URLs, closed lists: never inline Markdown)."""
    import typing

    from .models import _one_line, _plain_text

    funcs = {getattr(m, "func", None) for m in metadata}
    if _one_line in funcs:
        return "line"
    if _plain_text in funcs:
        return "prose"
    if typing.get_origin(annotation) is typing.Annotated:
        return _text_kind(annotation.__metadata__, typing.get_args(annotation)[0])
    for arg in typing.get_args(annotation):  # list[PlainText], PlainText | None
        found = _text_kind((), arg)
        if found:
            return found
    return None


def texts(value, path: tuple = (), kind: str | None = None) -> Iterator[tuple[tuple, str, str]]:
    """``(path, text, "prose" or "line")`` for every text field of a record, through its nested
    models and lists; the path is a tuple of field names and list indexes."""
    from pydantic import BaseModel

    if isinstance(value, str):
        if kind:
            yield path, value, kind
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from texts(getattr(value, name), (*path, name), _text_kind(info.metadata, info.annotation))
    elif isinstance(value, (list, tuple)):
        for n, item in enumerate(value):
            yield from texts(item, (*path, n), kind)


def _dotted(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def plain_dump(record) -> dict:
    """``record.model_dump(mode="json")`` with every text field as plain text (no Markdown):
    what the JSON export and other machine-read copies publish."""
    dumped = record.model_dump(mode="json")
    for path, text, _kind in texts(record):
        if has_markup(text):
            node = dumped
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = plain_inline(text)
    return dumped


def check_entries(loaded: dict, ids: dict[str, set[str]], problems: list[str]) -> None:
    """Every text of every loaded entry: its links name an https:// address or an entry that
    exists, and its markers pair up. Names and titles (one-line fields) hold no Markdown at all:
    they are headings and link texts. One line per problem, naming file, line, entry and field.
    ``loaded``: kind -> :class:`macros.data._Loaded`."""
    files = {name: item.label for name, item in loaded.items()}
    for item in loaded.values():
        for i, record in enumerate(item.records):
            for parts, text, kind in texts(record):
                if not has_markup(text):
                    continue
                path = _dotted(parts)
                if kind == "line":
                    tokens = [t for t in _walk(parse(text)) if t.kind != "text"]
                    problem = "a name or title is plain text: no links or Markdown here" if tokens else None
                else:
                    problem = text_problem(text, ids, files)
                if problem:
                    problems.append(f"{_place(item, i, parts, path)}: entry {item.entry(i)}, field '{path}': {problem}")


def _place(item, i: int, parts: tuple, path: str) -> str:
    """``file:line`` of a text: an item of a list of texts has its own line (both shapes record
    it), anything else the line of its field."""
    if parts and isinstance(parts[-1], int):
        label, lines = item.sources[i]
        node = item.raw[i]
        for part in parts[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return item.at(i, path)
        line = lines.item(node, parts[-1]) if isinstance(node, list) else None
        if line:
            return f"{label}:{line}"
    return item.at(i, path)


# --------------------------------------------------------------------------- output
def render_inline(text: object, href: Callable[..., str] | None = None, links: bool = True) -> Markup:
    """Entry text as HTML: its inline Markdown as ``<em>``, ``<strong>``, ``<code>`` and
    ``<a href>``, everything else escaped. ``href`` is the page's link context (it resolves
    ``kind:id`` targets); without one, entry links render as their text. A target the loader
    would refuse renders as its text too (never as a link), and so does every link with
    ``links`` false (text inside a form control's label, where a link cannot be used)."""
    return Markup("".join(_html(parse(str(text)), href, links)))  # noqa: S704 (built from escaped pieces)


def _html(tokens: tuple[Token, ...], href, links: bool = True) -> Iterator[str]:
    for token in tokens:
        if token.kind in ("text", "esc"):
            yield str(escape(token.text))
        elif token.kind == "code":
            yield f"<code>{escape(token.text)}</code>"
        elif token.kind in ("em", "strong"):
            yield f"<{token.kind}>{''.join(_html(token.children, href, links))}</{token.kind}>"
        else:
            label = "".join(_html(token.children, href, links))
            url = _url(token.target, href) if links else None
            yield f'<a href="{escape(url)}">{label}</a>' if url else label


def _url(target: str, href) -> str | None:
    from .models import KINDS, _http_url

    if _HTTP.match(target):
        try:
            return _http_url(target)
        except ValueError:
            return None
    entry = ENTRY_TARGET.fullmatch(target)
    if entry is None or href is None or entry.group(1) not in KINDS:
        return None
    return href(entry.group(1), entry.group(2))


def plain_inline(text: object) -> str:
    """Entry text without its Markdown: a link's label, emphasis and code as their words."""
    value = str(text)
    if not has_markup(value):
        return value
    return "".join(_plain(parse(value)))


def _plain(tokens: tuple[Token, ...]) -> Iterator[str]:
    for token in tokens:
        yield token.text if token.kind in ("text", "esc", "code") else "".join(_plain(token.children))
