"""Leadership styles: the comparison matrix, one section per style, the situational guide."""

from __future__ import annotations

from .render import Href, render


def render_styles_matrix(styles, traits, href: Href) -> str:
    raise NotImplementedError


def render_style_sections(styles, traits, sources, href: Href, level: int = 2) -> str:
    raise NotImplementedError


def render_situational_model(levels, styles, sources, href: Href) -> str:
    raise NotImplementedError


def render_situation_guide(situations, styles, levels, href: Href, level: int = 3) -> str:
    raise NotImplementedError
