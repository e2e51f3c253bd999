"""Quizzes: accessible HTML for choice quizzes and the self-assessment."""

from __future__ import annotations

from .render import Href, render


def render_quiz(quiz, site, href: Href) -> str:
    raise NotImplementedError
