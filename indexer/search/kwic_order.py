"""The order of concordance lines: a level-1 sort key and a level-2 one (as AntConc's
and CQPweb's sorts), then the lines' place in the corpus (report, paragraph, position).

A key is one of
- ``left`` / ``right``: the whole context on that side, the left one read from the
  match outwards (so 大力 推进 and 加快 推进 group by the character next to the match);
- ``1L`` … ``3L``, ``1R`` … ``3R``: the one unit at that distance from the match — a
  character of Chinese, a word of English (punctuation attached); a unit
  beyond the paragraph's edge is empty and sorts first;
- ``year`` (newest first) / ``province``: the report's metadata.

Context keys are strings made per line (``line_keys``) and turned into ranks; report
keys are ranks per report. A metadata key alone is followed by the other one (year →
province, province → year), as the concordance always did. Keys are compared by code
point, English ones case-folded (as corpus tools sort words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from indexer.search.snapshot import Snapshot

POSITIONS = 3  # how far from the match a position key reaches
POSITION_SORTS = tuple(f"{n}{side}" for side in "LR" for n in range(1, POSITIONS + 1))
WHOLE_SIDES = ("left", "right")
REPORT_SORTS = ("year", "province")
KWIC_SORTS = (*WHOLE_SIDES, *REPORT_SORTS, *POSITION_SORTS)
DEFAULT_SORT = "left"
_IMPLIED_SECOND = {"year": "province", "province": "year"}
_WORDS_BEFORE = re.compile(r"\S+\s*")  # a word and the space after it
_WORDS_AFTER = re.compile(r"\s*\S+")
_SPACE = re.compile(r"\s")


def levels(sort: str, sort2: str | None) -> tuple[str, ...]:
    """The keys lines are sorted by, level 1 first (a repeated key counts once)."""
    second = sort2 or _IMPLIED_SECOND.get(sort)
    return (sort,) if second in (None, sort) else (sort, second)


def is_context(key: str) -> bool:
    return key not in REPORT_SORTS


def reads_width(keys: Sequence[str]) -> bool:
    """Whether the order depends on the context width (a whole side is a key)."""
    return any(key in WHOLE_SIDES for key in keys)


def one_line(text: str) -> str:
    """Line breaks (any space) shown as one space each: offsets hold."""
    return _SPACE.sub(" ", text)


def words_before(text: str, width: int) -> str:
    return "".join(_WORDS_BEFORE.findall(text)[-width:])


def words_after(text: str, width: int) -> str:
    return "".join(_WORDS_AFTER.findall(text)[:width])


def line_key(key: str, text: str, start: int, end: int, width: int, english: bool) -> str:
    """The sort key ``key`` of the line whose match is ``text[start:end]``."""
    if english:
        return _english_key(key, text, start, end, width).casefold()
    if key in WHOLE_SIDES:
        side = text[max(0, start - width) : start] if key == "left" else text[end : end + width]
        side = one_line(side)
        return side[::-1] if key == "left" else side
    distance, left = int(key[:-1]), key.endswith("L")
    at = start - distance if left else end + distance - 1
    return one_line(text[at]) if 0 <= at < len(text) else ""


def _english_key(key: str, text: str, start: int, end: int, width: int) -> str:
    """A key counted in words: the whole side (the left one read backwards), or one word."""
    if key in WHOLE_SIDES:
        side = one_line(words_before(text[:start], width) if key == "left" else words_after(text[end:], width))
        return side[::-1] if key == "left" else side
    distance, left = int(key[:-1]), key.endswith("L")
    words = _WORDS_BEFORE.findall(text[:start])[::-1] if left else _WORDS_AFTER.findall(text[end:])
    return words[distance - 1].strip() if distance <= len(words) else ""


RANK_BYTES = 64 << 20  # the largest fixed-width copy of the keys that ``ranks`` makes


def ranks(keys: list[str]) -> np.ndarray:
    """Each string's place among the distinct strings, in code point order. Sorted as
    fixed-width strings where their copy is at most RANK_BYTES: NumPy sorts those a few
    times faster and lets go of the GIL while it does, so that a search in another
    thread is not held up for the length of a concordance's sort (a text has no NUL,
    the one character whose order the padding would change)."""
    if not keys:
        return np.zeros(0, dtype=np.int64)
    width = max(1, max(map(len, keys)))
    fixed = len(keys) * width * 4 <= RANK_BYTES
    array = np.array(keys, dtype=f"<U{width}" if fixed else object)
    return np.unique(array, return_inverse=True)[1].astype(np.int64)


def report_ranks(snap: Snapshot, key: str) -> np.ndarray:
    """Each report's rank (by doc_id column code) for a report key: ``year`` (newest
    first), ``province``, or ``place`` (the doc_id, the tie-break of every order).
    Equal values share a rank."""

    def compute() -> tuple[np.ndarray]:
        ids = snap.doc_column.values
        docs = [snap.documents.get(doc_id, {}) for doc_id in ids]
        values = [_REPORT_VALUES[key](doc, doc_id or "") for doc, doc_id in zip(docs, ids, strict=True)]
        distinct = sorted(set(values))
        where = {value: rank for rank, value in enumerate(distinct)}
        return (np.array([where[v] for v in values], dtype=np.int64),)

    return snap.orders.get(("report ranks", key), compute)[0]


_REPORT_VALUES = {
    "year": lambda doc, doc_id: -(doc.get("year") or 0),
    "province": lambda doc, doc_id: doc.get("province") or "",
    "place": lambda doc, doc_id: doc_id,
}
