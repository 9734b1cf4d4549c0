"""Date lines near the top of a text (``date 2023-03-16``, ``Updated:2024.12.25``,
``发布时间：…``) are page furniture, not paragraphs: they are taken out of the text,
and the first one's date is kept as a hint for the metadata."""

from __future__ import annotations

import re
from datetime import date as Date

YEAR = r"((?:19|20)\d{2})"
_LABEL = r"(?:date|updated|published|release date|time|发布时间|发布日期|更新时间|日期|时间)"
_DATELINE = re.compile(
    rf"^(?:{_LABEL})?\s*[:：]?\s*{YEAR}\s*[-./年]\s*(\d{{1,2}})\s*[-./月]\s*(\d{{1,2}})\s*日?(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*$",
    re.I,
)
_PREFIX = re.compile(rf"^{_LABEL}\s*[:：]?\s*{YEAR}-(\d{{1,2}})-(\d{{1,2}})\s+", re.I)
_DATELINE_LINES = 6  # a date-only line among the first six
_PREFIX_LINES = 3  # a "date 2023-03-16 " prefix on one of the first three


def iso_date(year: str, month: str, day: str) -> str | None:
    try:
        return Date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def take_datelines(lines: list[str]) -> tuple[list[str], str | None]:
    """The lines without date lines and date prefixes near the top, and the first date."""
    found = None
    kept = []
    for i, line in enumerate(lines):
        if i < _DATELINE_LINES and (match := _DATELINE.match(line)):
            found = found or iso_date(*match.groups())
            continue
        if i < _PREFIX_LINES and (match := _PREFIX.match(line)):
            found = found or iso_date(*match.groups())
            line = line[match.end() :]
        kept.append(line)
    return kept, found
