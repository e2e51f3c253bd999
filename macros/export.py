"""Open data: write every collection as JSON, with its JSON Schema, into the built site."""

from __future__ import annotations

from pathlib import Path


def write_open_data(site, site_dir: Path) -> None:
    return None
