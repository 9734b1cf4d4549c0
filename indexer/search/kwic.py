"""Concordance (keyword in context): one line per occurrence of a query's match,
with the text on either side, built as data for the page, the API, the CSV and the CLI.

Occurrences are the spans ``highlight.match_spans`` finds in every paragraph the
search matches (same preparation, same filters), so the concordance counts what the
highlighting marks. Chinese context is measured in characters, English in words.
Lines are sorted by one or two keys and then their place (``kwic_order``).

The paragraphs are read a chunk at a time until the request's time budget
(``budget``) runs out: then the concordance holds the lines of the paragraphs read
and says so. Sorted by year or province, the paragraphs are read in that order, so
the lines found are the first ones of the whole concordance and its first pages are
exact (with a context key second, the lines of a year or province read only in part are
left out, so that what is shown is exact); sorted by context first, the lines read are
sorted among themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from indexer.errors import OutOfTime, QueryError
from indexer.messages import Message
from indexer.query.tree import Text
from indexer.search import budget
from indexer.search.highlight import match_spans_many
from indexer.search.kwic_order import (
    DEFAULT_SORT,
    KWIC_SORTS,
    is_context,
    levels,
    line_key,
    one_line,
    ranks,
    reads_width,
    report_ranks,
    words_after,
    words_before,
)
from indexer.search.prepare import SearchRequest, check_paging
from indexer.search.results import find
from indexer.search.snapshot import Snapshot

DEFAULT_WIDTH = 20
MAX_WIDTH = 80
CHUNK = 4096  # paragraphs matched (or lines made) at a time: their texts joined stay a few MB
Found = tuple[np.ndarray, np.ndarray, np.ndarray, list[list[str]]]  # docnums, starts, ends, per context key its strings
Ordered = tuple[np.ndarray, np.ndarray, np.ndarray]  # docnums, starts, ends of every line, in order


@dataclass
class KwicRequest:
    search: SearchRequest  # the query, filters and paging, as for a search
    sort: str = DEFAULT_SORT  # level 1 (``kwic_order``)
    width: int = DEFAULT_WIDTH  # characters of Chinese context, words of English context
    sort2: str | None = None  # level 2; None: the one implied (year → province, province → year)

    @property
    def keys(self) -> tuple[str, ...]:
        return levels(self.sort, self.sort2)


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
    searched: int = 0  # matching paragraphs read
    paragraphs: int = 0  # matching paragraphs: more than searched when time ran out
    sort2: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def notices(self) -> list[Message]:
        """What the page must say: that time ran out before every paragraph was read."""
        if self.searched >= self.paragraphs:
            return []
        code = "kwic_partial" if is_context(self.sort) else "kwic_partial_first"
        return [Message(code, {"lines": self.total, "searched": self.searched, "paragraphs": self.paragraphs})]


def concordance(snap: Snapshot, kwic: KwicRequest) -> KwicPage:
    """One page of concordance lines, sorted as asked: only the page's lines are made."""
    (docnums, starts, ends), (searched, paragraphs) = ordered(snap, kwic)
    first = (kwic.search.page - 1) * kwic.search.per_page
    shown = slice(first, first + kwic.search.per_page)
    lines = list(_lines(snap, docnums[shown], starts[shown], ends[shown], kwic.width))
    request = kwic.search
    return KwicPage(
        request.q,
        len(docnums),
        request.page,
        request.per_page,
        kwic.sort,
        kwic.width,
        lines,
        searched,
        paragraphs,
        kwic.sort2,
    )


def sorted_lines(snap: Snapshot, kwic: KwicRequest, limit: int | None = None) -> Iterator[KwicLine]:
    """Every concordance line of the request (not paged; the first ``limit`` of them),
    in the requested order, made one at a time as they are read (the CSV streams them).
    The request is checked now; OutOfTime when the time budget ran out before every
    matching paragraph was read (an export holds the first lines of the whole order or none)."""
    (docnums, starts, ends), (searched, paragraphs) = ordered(snap, kwic)
    if searched < paragraphs:
        raise OutOfTime("kwic_csv_out_of_time", searched=searched, paragraphs=paragraphs)
    shown = slice(0, limit)
    return _within_budget(_lines(snap, docnums[shown], starts[shown], ends[shown], kwic.width), len(docnums[shown]))


def _within_budget(lines: Iterator[KwicLine], total: int) -> Iterator[KwicLine]:
    """An export's lines with a look at the clock every CHUNK lines (it holds them all or none)."""
    for k, line in enumerate(lines):
        if k and not k % CHUNK:
            budget.check("kwic_lines_out_of_time", done=k, lines=total)
        yield line


def ordered(snap: Snapshot, kwic: KwicRequest) -> tuple[Ordered, tuple[int, int]]:
    """Every occurrence in the requested order (its paragraph's docnum, where the match
    starts and ends in it), and how many of the matching paragraphs were read of how
    many. Kept in the snapshot, so that the next pages, the API and the CSV do not find
    them again (nor a different subset when time ran out)."""
    check(kwic)
    request = kwic.search
    filters = tuple(sorted((name, tuple(values)) for name, values in request.filters.items()))
    width = kwic.width if reads_width(kwic.keys) else None  # the other sorts do not depend on it
    key = ("kwic", request.q, request.literal, filters, kwic.keys, width)
    docnums, starts, ends, read = snap.orders.get(key, lambda: _order(snap, kwic))
    return (docnums, starts, ends), (int(read[0]), int(read[1]))


def check(kwic: KwicRequest) -> None:
    """QueryError for a request the concordance cannot answer (the web reads it first, ``searchui.params``)."""
    check_paging(kwic.search)
    if not kwic.search.q.strip():
        raise QueryError("kwic_empty")
    if kwic.sort not in KWIC_SORTS:
        raise QueryError("bad_sort", choices=", ".join(KWIC_SORTS))
    if kwic.sort2 not in (None, *KWIC_SORTS):
        raise QueryError("bad_sort2", choices=", ".join(KWIC_SORTS))
    if not 1 <= kwic.width <= MAX_WIDTH:
        raise QueryError("width_range", most=MAX_WIDTH)


def _order(snap: Snapshot, kwic: KwicRequest) -> tuple[np.ndarray, ...]:
    """Find the occurrences in the matching paragraphs, a chunk at a time until done or
    out of time, and sort them by the request's keys, then place. Last, an array of
    (paragraphs read, matching)."""
    found = find(snap, kwic.search, facets=False)
    docnums = _reading_order(snap, found.docnums, kwic.keys)
    chunks: list[Found] = []
    for k in range(0, len(docnums), CHUNK):
        chunks.append(_occurrences(snap, docnums[k : k + CHUNK], found.prepared.targets, kwic))
        if budget.expired():
            break
    read = min(len(docnums), len(chunks) * CHUNK)
    searched = _complete(snap, docnums, read, kwic.keys)
    paragraphs, starts, ends = (np.concatenate([c[i] for c in chunks] or [np.zeros(0, np.int32)]) for i in range(3))
    context_keys = iter([ranks([key for c in chunks for key in c[3][n]]) for n in range(len(_context_keys(kwic)))])
    reports = snap.doc_column.codes[paragraphs]
    columns = [next(context_keys) if is_context(key) else report_ranks(snap, key)[reports] for key in kwic.keys]
    order = np.lexsort(
        (starts, snap.paragraph_numbers(paragraphs), report_ranks(snap, "place")[reports], *columns[::-1])
    )
    if searched < read:
        order = order[np.isin(paragraphs[order], docnums[:searched])]
    return paragraphs[order], starts[order], ends[order], np.array([searched, len(docnums)], dtype=np.int64)


def _context_keys(kwic: KwicRequest) -> list[str]:
    return [key for key in kwic.keys if is_context(key)]


def _reading_order(snap: Snapshot, docnums: np.ndarray, keys: tuple[str, ...]) -> np.ndarray:
    """The order the paragraphs are read in: sorted by context first, the index's (a
    report's paragraphs together, the text file read forwards); by a report's metadata
    first, that order, so that the lines read before time runs out come first."""
    if is_context(keys[0]):
        return np.sort(docnums)
    reports = snap.doc_column.codes[docnums]
    metadata = [report_ranks(snap, key)[reports] for key in keys if not is_context(key)]
    place = report_ranks(snap, "place")[reports]
    return docnums[np.lexsort((snap.paragraph_numbers(docnums), place, *metadata[::-1]))]


def _complete(snap: Snapshot, docnums: np.ndarray, read: int, keys: tuple[str, ...]) -> int:
    """How many of the paragraphs read (in reading order) hold lines that are exact:
    all of them, unless time ran out in a report key's group (a year) whose lines are
    then sorted by a context key — those the page cannot order, so they are left out."""
    if read >= len(docnums) or is_context(keys[0]) or not any(map(is_context, keys)):
        return read
    groups = report_ranks(snap, keys[0])[snap.doc_column.codes[docnums[: read + 1]]]
    return int(np.searchsorted(groups, groups[read]))  # the first paragraph of the unfinished group


def _occurrences(snap: Snapshot, docnums: np.ndarray, targets: list[Text], kwic: KwicRequest) -> Found:
    """The occurrences in these paragraphs — docnum, start, end — and, for each context
    key of the sort, every occurrence's key string."""
    texts = snap.texts(docnums)
    which, starts, ends = match_spans_many(texts, targets)
    keys: list[list[str]] = []
    context_keys = _context_keys(kwic)
    if context_keys:
        english = _english_reports(snap)[snap.doc_column.codes[docnums]].tolist()
        spans = list(zip(which.tolist(), starts.tolist(), ends.tolist(), strict=True))
        for key in context_keys:
            keys.append([line_key(key, texts[k], start, end, kwic.width, english[k]) for k, start, end in spans])
    return docnums[which].astype(np.int32), starts.astype(np.int32), ends.astype(np.int32), keys


def _english_reports(snap: Snapshot) -> np.ndarray:
    """Whether each report (by doc_id column code) is in English."""

    def compute() -> tuple[np.ndarray]:
        docs = (snap.documents.get(doc_id, {}) for doc_id in snap.doc_column.values)
        return (np.array([(d.get("lang") or "zh") == "en" for d in docs], dtype=bool),)

    return snap.orders.get(("english reports",), compute)[0]


def _lines(snap: Snapshot, docnums: np.ndarray, starts: np.ndarray, ends: np.ndarray, width: int) -> Iterator[KwicLine]:
    """The lines of these occurrences, in their order, made a chunk at a time."""
    for k in range(0, len(docnums), CHUNK):
        chunk = docnums[k : k + CHUNK]
        texts, numbers = snap.texts(chunk), snap.paragraph_numbers(chunk).tolist()
        at, until = starts[k : k + CHUNK].tolist(), ends[k : k + CHUNK].tolist()
        for docnum, text, number, start, end in zip(chunk.tolist(), texts, numbers, at, until, strict=True):
            doc = snap.documents[snap.doc_id_of(docnum)]
            left, right = context(text, start, end, width, (doc.get("lang") or "zh") == "en")
            yield KwicLine(doc, number, left, text[start:end], right, start)


def context(text: str, start: int, end: int, width: int, english: bool = False) -> tuple[str, str]:
    """The ``width`` characters (English: words) before ``start`` and after ``end``,
    line breaks shown as spaces."""
    if english:
        left, right = words_before(text[:start], width), words_after(text[end:], width)
    else:
        left, right = text[max(0, start - width) : start], text[end : end + width]
    return one_line(left), one_line(right)
