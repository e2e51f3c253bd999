"""Macro calls in ``docs/*.md`` checked like data.

A page calls the macros that ``define_env`` registers (``{{ quiz("which-style") }}``,
``{{ style_sections(heading_depth=2) }}``). A mistake there is a contributor's mistake like a bad
data value, so it stops the build the same way: one line naming the page (with its line), the
macro and the argument::

    docs/quizzes/x.md:7: quiz(quiz_id='which-stlye'): argument 'quiz_id': no quiz 'which-stlye'
    (no data/quizzes/which-stlye.yaml; did you mean 'which-style'?)

:func:`guard` wraps every registered macro (one call at the end of ``define_env``):

* the call must fit the macro's signature (no missing, extra or unknown arguments);
* each argument must have the annotated type (``int`` is not ``"3"`` nor ``True``);
* arguments with a rule in :data:`RULES`, by parameter name, must pass it: a heading depth is
  1..6 (there is no ``<h7>``), a quiz id names a file in ``data/quizzes/``;
* no two macro calls on one page may put the same ``id`` on it (the same collection rendered
  twice would publish every anchor twice), nor take an id the page's own Markdown holds (a
  heading, ATX or setext, or an HTML ``id=``: ``## Step 1`` on a path page is ``step-1``);
* a macro that renders a whole collection (its only argument, if any, is ``heading_depth``:
  ``trait_matrix()``, ``glossary()``) runs once per page, whether its output has ids or not;
* anything else a macro raises (a bug in a renderer) becomes one line too; the traceback is
  logged at debug level only (``mkdocs build --verbose`` shows it).

mkdocs-macros (``on_error_fail: true``) prints what :func:`format_error` makes of the error and
stops the build; :func:`_one_line` replaces its default, which prints the whole traceback.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import logging
import re
import traceback
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .models import excerpt

_LOG = logging.getLogger("mkdocs.plugins.lvm_calls")

#: Heading levels that exist in HTML.
HEADING_DEPTHS = range(1, 7)


class MacroCallError(Exception):
    """A macro called wrongly (or failing): ``str(error)`` is the one line to print."""


# --------------------------------------------------------------------------- argument rules
def _heading_depth(value: int, site: Any) -> str | None:
    if value not in HEADING_DEPTHS:
        return f"must be 1 to 6 (an HTML heading level), got {value}"
    return None


def _known_id(folder: str, noun: str, entries_of: Callable[[Any], Any]) -> Callable[[str, Any], str | None]:
    """A rule: the value names an entry of ``data/<folder>/`` (with "did you mean")."""

    def rule(value: str, site: Any) -> str | None:
        ids = sorted(e.id for e in entries_of(site))
        if value in ids:
            return None
        close = difflib.get_close_matches(value, ids, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(ids)}"
        if len(value) > 64:
            return f"is not a {noun} id"
        return f"names no {noun}: there is no data/{folder}/{value}.yaml{hint}"

    return rule


_quiz_id = _known_id("quizzes", "quiz", lambda site: site.quizzes)
_path_id = _known_id("paths", "path", lambda site: site.paths)


#: Checks by parameter name, after the type check: return a problem, or None.
RULES: dict[str, Callable[[Any, Any], str | None]] = {
    "heading_depth": _heading_depth,
    "quiz_id": _quiz_id,
    "path_id": _path_id,
}

_TYPE_NAMES = {int: "a whole number", str: "text in quotes", bool: "true or false", float: "a number"}


def _type_problem(value: Any, expected: Any) -> str | None:
    if expected is inspect.Parameter.empty or not isinstance(expected, type):
        return None
    wrong = not isinstance(value, expected) or (expected is int and isinstance(value, bool))
    if wrong:
        return f"must be {_TYPE_NAMES.get(expected, expected.__name__)}, got {excerpt(value)}"
    return None


# --------------------------------------------------------------------------- where
def page_label(page: Any) -> str:
    """``docs/<path>.md`` of the page being rendered (or ``a page`` when unknown)."""
    src = getattr(getattr(page, "file", None), "src_uri", None)
    return f"docs/{src}" if src else "a page"


def _call_text(name: str, args: tuple, kwargs: dict) -> str:
    shown = [excerpt(a) for a in args] + [f"{k}={excerpt(v)}" for k, v in kwargs.items()]
    return f"{name}({', '.join(shown)})"


#: ``id="…"`` in HTML, and a Markdown heading's attribute list that starts with the id
#: (``## Name { #id .class }``, as the templates write it): text that merely holds ``{#x}`` is not one.
_IDS = re.compile(
    r"""\bid=["']([^"']+)["']|^\#{1,6}[ \t].*?(?<!\\)\{:?[ \t]*\#([A-Za-z][\w:.-]*)(?:[ \t][^}\n]*)?\}[ \t]*$""",
    re.MULTILINE,
)


def _ids(html: Any) -> list[str]:
    """Anchors a macro's output puts on the page: ``id="…"`` and Markdown ``{ #id }``."""
    if not isinstance(html, str):
        return []
    return [a or b for a, b in _IDS.findall(html)]


# --------------------------------------------------------------------------- the guard
class _Page:
    """What is on the page being rendered: anchor -> what made it (a macro call, or a heading or
    element the page writes itself, read from its Markdown), and which whole collections have
    been rendered on it (macro name -> the call)."""

    def __init__(self) -> None:
        self.page: Any = None
        self.ids: dict[str, str] = {}
        self.collections: dict[str, str] = {}

    def on(self, page: Any) -> _Page:
        if page is not self.page:
            self.page, self.ids, self.collections = page, _written_ids(page), {}
        return self


def _written_ids(page: Any) -> dict[str, str]:
    """The ids a page's own Markdown makes (headings, setext ones included, and raw HTML), so a
    macro's output cannot take one of them (``## Step 1`` on a path page is ``step-1``, as is the
    path's first step). Empty when the builder's page does not say where its file is."""
    from .data import page_ids

    source = getattr(getattr(page, "file", None), "abs_src_path", None)
    if not source:
        return {}
    try:
        found = page_ids(Path(source))
    except (OSError, ValueError):
        return {}
    label = page_label(page)
    return {item.anchor: f"{item.what} at {label}:{item.line}" for item in reversed(found)}


def _whole_collection(signature: inspect.Signature) -> bool:
    """A macro that renders a whole collection: it takes no argument that picks an entry or a
    file (only how deep its headings go), so a second call on a page repeats every entry."""
    return all(name in ("heading_depth",) for name in signature.parameters)


def _usage(name: str, signature: inspect.Signature) -> str:
    """How the macro is called: ``style_sections(heading_depth=2)``, ``quiz(quiz_id)``."""
    shown = [p.name if p.default is p.empty else f"{p.name}={p.default!r}" for p in signature.parameters.values()]
    return f"{name}({', '.join(shown)})"


#: Every macro name, for "did you mean" on an unknown one.
_KNOWN: list[str] = []


def _checked(name: str, fn: Callable, env: Any, site: Any, state: _Page) -> Callable:
    signature = inspect.signature(fn)
    whole = _whole_collection(signature)
    try:
        hints = typing.get_type_hints(fn)
    except Exception:  # noqa: BLE001 (an annotation that does not resolve: check arity only)
        hints = {}

    @functools.wraps(fn)
    def macro(*args, **kwargs):
        page = getattr(env, "page", None)
        call = _call_text(name, args, kwargs)
        where = f"{page_label(page)}: {call}"
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as err:
            raise MacroCallError(f"{where}: {err}; the macro is {_usage(name, signature)}") from None
        for arg, value in bound.arguments.items():
            problem = _type_problem(value, hints.get(arg, inspect.Parameter.empty))
            if problem is None and arg in RULES:
                problem = RULES[arg](value, site)
            if problem:
                raise MacroCallError(f"{where}: argument '{arg}' {problem}")
        done = state.on(page).collections
        if whole and name in done:
            raise MacroCallError(
                f"{where}: renders the whole collection again on this page (also {done[name]}); "
                "render each collection once per page"
            )
        try:
            out = fn(*args, **kwargs)
        except MacroCallError:
            raise
        except Exception as err:  # noqa: BLE001 (a renderer bug: one line, traceback at debug level)
            _LOG.debug("%s failed:\n%s", where, traceback.format_exc())
            first = (str(err).splitlines() or [""])[0]
            raise MacroCallError(
                f"{where}: the macro failed ({type(err).__name__}: {excerpt(first)[1:-1]}); "
                "run `mkdocs build --verbose` for the traceback"
            ) from None
        seen = state.on(page).ids
        for anchor in dict.fromkeys(_ids(out)):
            if anchor in seen:
                made = seen[anchor]
                fix = (
                    "give the page's heading another id ({ #other-id }) or other words"
                    if made.startswith("the ")
                    else "render each collection once per page"
                )
                raise MacroCallError(
                    f"{where}: puts id {excerpt(anchor)} on the page again (also "
                    f"{made if made.startswith('the ') else 'made by ' + made}); {fix}"
                )
        for anchor in _ids(out):
            seen[anchor] = call
        if whole:
            done[name] = call
        return out

    return macro


def guard(env: Any, site: Any) -> None:
    """Check every macro ``define_env`` registered (call it last in ``define_env``)."""
    state = _Page()
    _KNOWN[:] = sorted(env.macros)
    for name, fn in list(env.macros.items()):
        if callable(fn) and not getattr(fn, "_lvm_checked", False):
            wrapped = _checked(name, fn, env, site, state)
            wrapped._lvm_checked = True
            env.macros[name] = wrapped


# --------------------------------------------------------------------------- one line, no traceback
def _template_line(error: BaseException) -> int | None:
    """The line of the page's Markdown where the failing call is (Jinja maps template frames)."""
    line = None
    for frame, lineno in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename == "<template>":
            line = lineno
    return line


def _front_matter_lines(page: Any, markdown: str) -> int:
    """Lines before the page's Markdown in its file (the YAML front matter MkDocs took off)."""
    try:
        source = open(page.file.abs_src_path, encoding="utf-8-sig").read()  # noqa: PTH123, SIM115
    except (AttributeError, OSError, TypeError, ValueError):
        return 0
    start = source.find(markdown[:200]) if markdown else -1
    return source.count("\n", 0, start) if start > 0 else 0


def _one_line(error: Exception, markdown: str, page: Any) -> str:
    """What mkdocs-macros prints for an error in a page: one line, file and line first."""
    message = str(error) if isinstance(error, MacroCallError) else None
    if message is None:
        _LOG.debug("macro error:\n%s", "".join(traceback.format_exception(error)))
        first = (str(error).splitlines() or [""])[0]
        message = f"{page_label(page)}: {type(error).__name__}: {excerpt(first)[1:-1]}"
        if type(error).__name__ == "UndefinedError":
            name = re.match(r"'(\w+)' is undefined", first)
            close = difflib.get_close_matches(name.group(1), _KNOWN, n=1) if name else []
            message += f" (did you mean {close[0]!r}?)" if close else " (no such macro or variable)"
    line = _template_line(error)
    label = page_label(page)
    if line and message.startswith(label + ":"):
        message = f"{label}:{line + _front_matter_lines(page, markdown)}" + message[len(label) :]
    return message


def _syntax_line(error: Exception, markdown: str, page: Any) -> str:
    """A Jinja syntax error in a page (``{{ quiz("x" }}``): one line, file and line first."""
    line = getattr(error, "lineno", None)
    where = f"{page_label(page)}:{line + _front_matter_lines(page, markdown)}" if line else page_label(page)
    message = getattr(error, "message", None) or str(error)
    return f"{where}: template syntax error: {excerpt(message.splitlines()[0])[1:-1]}"


def install_error_format() -> None:
    """Make mkdocs-macros print one line (:func:`_one_line`, :func:`_syntax_line`) instead of a
    traceback or a Markdown block for every error in a page's macros."""
    try:
        from mkdocs_macros import errors, plugin
    except ImportError:  # another builder without mkdocs-macros' plugin: nothing to replace
        return
    # The plugin imported the function by name: registering on the shared singledispatch
    # function changes what the plugin calls.
    if plugin.format_error is errors.format_error:
        from jinja2 import TemplateSyntaxError

        errors.format_error.register(Exception)(_one_line)
        errors.format_error.register(TemplateSyntaxError)(_syntax_line)
