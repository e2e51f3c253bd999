"""What every part of the benchmark shares: its error, a budget check, sizes in KiB."""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024


class BenchError(Exception):
    """The bench could not measure (exit status 2)."""


@dataclass
class Check:
    """One budget: its name, whether it holds, and the figures behind the verdict."""

    name: str
    ok: bool
    detail: str


def kib(n: float) -> str:
    return f"{n / KIB:.1f} KiB"
