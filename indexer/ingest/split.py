"""Splitting a collection file into its reports.

A collection has headers like ``【第N篇】XX省政府工作报告(全文)``; what stands before
the first header (banner, table of contents) belongs to the collection, not to a
report, and is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.ingest.headings import PART_HEADER

_FULL_TEXT = re.compile(r"[（(]\s*(全文|摘要|全文实录)\s*[)）]\s*$")


@dataclass
class Part:
    header: str | None  # the header's title, e.g. 安徽省政府工作报告; None for a plain file
    label: str  # e.g. 第一篇
    lines: list[str]


def split_parts(lines: list[str]) -> list[Part]:
    headers = [i for i, line in enumerate(lines) if PART_HEADER.match(line)]
    if not headers:
        return [Part(None, "", lines)]
    parts = []
    for k, start in enumerate(headers):
        end = headers[k + 1] if k + 1 < len(headers) else len(lines)
        match = PART_HEADER.match(lines[start])
        assert match is not None
        title = _FULL_TEXT.sub("", match.group(2)).strip()
        parts.append(Part(title, f"第{match.group(1)}篇", lines[start + 1 : end]))
    return [part for part in parts if part.lines]
