"""What kind of document a text is, from its title: a government work report, a
five-year plan, a resolution on a report."""

from __future__ import annotations

import re

_KINDS = (  # first match wins: a resolution on a work report is a resolution
    ("resolution", re.compile(r"决议|resolution", re.I)),
    ("work-report", re.compile(r"政府工作报告|government work report|work report", re.I)),
)


def title_kind(title: str) -> str | None:
    """The kind a title names, or None."""
    return next((kind for kind, pattern in _KINDS if pattern.search(title)), None)
