"""JSON Lines: one source text per record with a text field (``content``, ``text`` or
``body``); ``title``, ``year``, ``date`` and ``url`` become hints for the metadata.
Records extracted from web pages (Wikisource) separate paragraphs with blank lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from indexer.ingest.readers.base import ReadError, SourceText, decode

TEXT_FIELDS = ("content", "text", "body")
HINT_FIELDS = ("title", "year", "date", "url")


def read(data: bytes) -> Iterator[SourceText | ReadError]:
    """Records as source texts; a bad record is yielded as a ReadError, the rest go on."""
    problems: list[ReadError] = []
    found = 0
    for number, line in enumerate(decode(data).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(ReadError(f"line {number}: invalid JSON ({exc.msg})"))
            continue
        text = _text_of(record)
        if not text.strip():
            problems.append(ReadError(f"line {number}: no text ({'/'.join(TEXT_FIELDS)})"))
            continue
        found += 1
        hints = {f: record[f] for f in HINT_FIELDS if record.get(f) not in (None, "")}
        yield SourceText(text, part=f"#{number}", hints=hints, breaks="block")
    if not found:
        detail = "; ".join(str(p) for p in problems[:3])
        raise ReadError("no records with text" + (f" ({detail})" if detail else ""))
    yield from problems


def _text_of(record: object) -> str:
    if not isinstance(record, dict):
        return ""
    return next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str)), "")
