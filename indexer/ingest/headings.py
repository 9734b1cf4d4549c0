"""Headings of policy documents (一、 （一） 1. （1） 第X部分, Part I, First, …) and their
levels, and the part headers of a collection (【第N篇】XX省政府工作报告(全文))."""

from __future__ import annotations

import re

PART_HEADER = re.compile(r"^【\s*第\s*([一二三四五六七八九十百零〇\d]+)\s*[篇章部]\s*】\s*(.+)$")

# (rank, pattern): a heading of rank r closes every open heading of rank ≥ r.
_HEADING_LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^第[一二三四五六七八九十百零〇\d]+(部分|章|篇)")),
    (0, re.compile(r"^(part|chapter) [ivx\d]+\b", re.I)),
    (1, re.compile(r"^[一二三四五六七八九十]+[、.．]")),
    (1, re.compile(r"^[ivx]+\.\s", re.I)),
    (1, re.compile(r"^(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)[,，:]", re.I)),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[）)]")),
    (3, re.compile(r"^\d{1,2}[、.．](?!\d)")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
_LABEL_END = re.compile(r"[。；;：:！!？?]|\.(\s|$)")
LABEL_MAX_CHARS = 40


def heading_rank(line: str) -> int | None:
    for rank, pattern in _HEADING_LEVELS:
        if pattern.match(line):
            return rank
    return None


def heading_label(line: str) -> str:
    """The heading's own words: up to its first sentence end, at most LABEL_MAX_CHARS."""
    end = _LABEL_END.search(line)
    label = line[: end.start()] if end else line
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


def is_heading(line: str) -> bool:
    return heading_rank(line) is not None
