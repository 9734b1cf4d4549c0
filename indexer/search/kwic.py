"""Concordance (keyword in context): one line per occurrence of a query's match,
with the text on either side, built as data for the page, the API, the CSV and the CLI.

Occurrences are the spans ``highlight.match_spans`` finds in every paragraph the
search matches (same preparation, same filters), so the concordance counts what the
highlighting marks. Chinese context is measured in characters, English in words.
Sorting by left context reads the left side from the match outwards, as corpus tools
do, so that 大力 推进 and 加快 推进 group by the character next to the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from indexer.errors import QueryError
from indexer.query.prepare import SearchRequest
from indexer.search.highlight import match_spans
from indexer.search.results import find
from indexer.search.snapshot import Snapshot

DEFAULT_WIDTH = 20
MAX_WIDTH = 80
KWIC_SORTS = ("left", "right", "year", "province")
DEFAULT_SORT = "left"
_WORDS_BEFORE = re.compile(r"\S+\s*")  # a word and the space after it
_WORDS_AFTER = re.compile(r"\s*\S+")


@dataclass
class KwicRequest:
    search: SearchRequest  # the query, filters and paging, as for a search
    sort: str = DEFAULT_SORT
    width: int = DEFAULT_WIDTH  # characters of Chinese context, words of English context


@dataclass
class KwicLine:
    doc: dict  # the report's metadata
    paragraph: int
    left: str
    match: str
    right: str
    start: int  # where the match starts in the paragraph


@dataclass
class KwicPage:
    query: str
    total: int  # occurrences, that is lines
    page: int
    per_page: int
    sort: str
    width: int
    lines: list[KwicLine] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def concordance(snap: Snapshot, kwic: KwicRequest) -> KwicPage:
    """One page of concordance lines, sorted as asked."""
    lines = sorted_lines(snap, kwic)
    start = (kwic.search.page - 1) * kwic.search.per_page
    shown = lines[start : start + kwic.search.per_page]
    return KwicPage(kwic.search.q, len(lines), kwic.search.page, kwic.search.per_page, kwic.sort, kwic.width, shown)


def sorted_lines(snap: Snapshot, kwic: KwicRequest) -> list[KwicLine]:
    """Every concordance line of the request (not paged), in the requested order."""
    _check(kwic)
    found = find(snap, kwic.search)
    lines = list(_lines(snap, [int(d) for d in found.docnums], found.prepared.targets, kwic.width))
    lines.sort(key=_SORT_KEYS[kwic.sort])
    return lines


def _check(kwic: KwicRequest) -> None:
    if not kwic.search.q.strip():
        raise QueryError("q is required: the words to show in context.")
    if kwic.sort not in KWIC_SORTS:
        raise QueryError(f"sort must be one of: {', '.join(KWIC_SORTS)}.")
    if not 1 <= kwic.width <= MAX_WIDTH:
        raise QueryError(f"width must be between 1 and {MAX_WIDTH}.")


def _lines(snap: Snapshot, docnums: list[int], targets: list, width: int) -> Iterator[KwicLine]:
    for docnum in docnums:
        fields = snap.stored(docnum)
        doc = snap.documents[fields["doc_id"]]
        text = fields["text"]
        english = (doc.get("lang") or "zh") == "en"
        for start, end in match_spans(text, targets):
            left, right = context(text, start, end, width, english)
            yield KwicLine(doc, fields["paragraph"], left, text[start:end], right, start)


def context(text: str, start: int, end: int, width: int, english: bool = False) -> tuple[str, str]:
    """The ``width`` characters (English: words) before ``start`` and after ``end``,
    line breaks shown as spaces."""
    before, after = text[:start], text[end:]
    if english:
        left, right = "".join(_WORDS_BEFORE.findall(before)[-width:]), "".join(_WORDS_AFTER.findall(after)[:width])
    else:
        left, right = before[-width:], after[:width]
    return _one_line(left), _one_line(right)


def _one_line(text: str) -> str:
    return re.sub(r"\s", " ", text)


def _place(line: KwicLine) -> tuple:
    return (line.doc.get("doc_id") or "", line.paragraph, line.start)


_SORT_KEYS = {
    "left": lambda line: (line.left[::-1], *_place(line)),
    "right": lambda line: (line.right, *_place(line)),
    "year": lambda line: (-(line.doc.get("year") or 0), line.doc.get("province") or "", *_place(line)),
    "province": lambda line: (line.doc.get("province") or "", -(line.doc.get("year") or 0), *_place(line)),
}
