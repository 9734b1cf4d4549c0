"""Concordance (keyword in context): one line per occurrence of a query's match,
with the text on either side, built as data for the page, the API, the CSV and the CLI.

Occurrences are the spans ``highlight.match_spans`` finds in every paragraph the
search matches (same preparation, same filters), so the concordance counts what the
highlighting marks. Chinese context is measured in characters, English in words.
Sorting by left context reads the left side from the match outwards, as corpus tools
do, so that 大力 推进 and 加快 推进 group by the character next to the match.

The paragraphs are read a chunk at a time until the request's time budget
(``budget``) runs out: then the concordance holds the lines of the paragraphs read
and says so. Sorted by year or province, the paragraphs are read in that order, so
the lines found are the first ones of the whole concordance and its first pages are
exact; sorted by context, the lines read are sorted among themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from indexer.errors import OutOfTime, QueryError
from indexer.messages import Message
from indexer.query.prepare import SearchRequest, check_paging
from indexer.query.syntax import Text
from indexer.search import budget
from indexer.search.highlight import match_spans_many
from indexer.search.results import find
from indexer.search.snapshot import Snapshot

DEFAULT_WIDTH = 20
MAX_WIDTH = 80
KWIC_SORTS = ("left", "right", "year", "province")
DEFAULT_SORT = "left"
CONTEXT_SORTS = ("left", "right")  # in the order of ``context``'s result
CHUNK = 4096  # paragraphs matched (or lines made) at a time: their texts joined stay a few MB
Found = tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]  # docnums, starts, ends, sort keys
Ordered = tuple[np.ndarray, np.ndarray, np.ndarray]  # docnums, starts, ends of every line, in order
_WORDS_BEFORE = re.compile(r"\S+\s*")  # a word and the space after it
_WORDS_AFTER = re.compile(r"\s*\S+")
_SPACE = re.compile(r"\s")


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
    searched: int = 0  # matching paragraphs read
    paragraphs: int = 0  # matching paragraphs: more than searched when time ran out

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def notices(self) -> list[Message]:
        """What the page must say: that time ran out before every paragraph was read."""
        if self.searched >= self.paragraphs:
            return []
        code = "kwic_partial" if self.sort in CONTEXT_SORTS else "kwic_partial_first"
        return [Message(code, {"lines": self.total, "searched": self.searched, "paragraphs": self.paragraphs})]


def concordance(snap: Snapshot, kwic: KwicRequest) -> KwicPage:
    """One page of concordance lines, sorted as asked: only the page's lines are made."""
    (docnums, starts, ends), (searched, paragraphs) = ordered(snap, kwic)
    first = (kwic.search.page - 1) * kwic.search.per_page
    shown = slice(first, first + kwic.search.per_page)
    lines = list(_lines(snap, docnums[shown], starts[shown], ends[shown], kwic.width))
    request = kwic.search
    return KwicPage(
        request.q, len(docnums), request.page, request.per_page, kwic.sort, kwic.width, lines, searched, paragraphs
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
    return _lines(snap, docnums[shown], starts[shown], ends[shown], kwic.width)


def ordered(snap: Snapshot, kwic: KwicRequest) -> tuple[Ordered, tuple[int, int]]:
    """Every occurrence in the requested order (its paragraph's docnum, where the match
    starts and ends in it), and how many of the matching paragraphs were read of how
    many. Kept in the snapshot, so that the next pages, the API and the CSV do not find
    them again (nor a different subset when time ran out)."""
    _check(kwic)
    request = kwic.search
    filters = tuple(sorted((name, tuple(values)) for name, values in request.filters.items()))
    width = kwic.width if kwic.sort in CONTEXT_SORTS else None  # the other sorts do not read the context
    key = ("kwic", request.q, request.literal, filters, kwic.sort, width)
    docnums, starts, ends, read = snap.orders.get(key, lambda: _order(snap, kwic))
    return (docnums, starts, ends), (int(read[0]), int(read[1]))


def _check(kwic: KwicRequest) -> None:
    check_paging(kwic.search)
    if not kwic.search.q.strip():
        raise QueryError("kwic_empty")
    if kwic.sort not in KWIC_SORTS:
        raise QueryError("bad_sort", choices=", ".join(KWIC_SORTS))
    if not 1 <= kwic.width <= MAX_WIDTH:
        raise QueryError("width_range", most=MAX_WIDTH)


def _order(snap: Snapshot, kwic: KwicRequest) -> tuple[np.ndarray, ...]:
    """Find the occurrences in the matching paragraphs, a chunk at a time until done or
    out of time, and sort them: by the reports' metadata (then place), or by the
    context on one side (then place). Last, an array of (paragraphs read, matching)."""
    found = find(snap, kwic.search)
    docnums = _reading_order(snap, found.docnums, kwic.sort)
    chunks: list[Found] = []
    for k in range(0, len(docnums), CHUNK):
        chunks.append(_occurrences(snap, docnums[k : k + CHUNK], found.prepared.targets, kwic))
        if budget.expired():
            break
    read = np.array([min(len(docnums), len(chunks) * CHUNK), len(docnums)], dtype=np.int64)
    paragraphs, starts, ends = (np.concatenate([c[i] for c in chunks] or [np.zeros(0, np.int32)]) for i in range(3))
    reports = snap.doc_column.codes[paragraphs]
    numbers = snap.paragraph_numbers(paragraphs)
    if kwic.sort not in CONTEXT_SORTS:
        order = np.lexsort((starts, numbers, _report_ranks(snap, kwic.sort)[reports]))
        return paragraphs[order], starts[order], ends[order], read
    order = np.lexsort((starts, numbers, _report_ranks(snap, "place")[reports]))  # ties stay in this order
    sides = [side for c in chunks for side in c[3]]
    keys = [sides[i] for i in order.tolist()]
    del sides
    order = order[sorted(range(len(keys)), key=keys.__getitem__)]
    return paragraphs[order], starts[order], ends[order], read


def _reading_order(snap: Snapshot, docnums: np.ndarray, sort: str) -> np.ndarray:
    """The order the paragraphs are read in: for a context sort, the index's (a report's
    paragraphs together, the text file read forwards); for a sort by the reports'
    metadata, that order, so that the lines read before time runs out come first."""
    if sort in CONTEXT_SORTS:
        return np.sort(docnums)
    ranks = _report_ranks(snap, sort)[snap.doc_column.codes[docnums]]
    return docnums[np.lexsort((snap.paragraph_numbers(docnums), ranks))]


def _occurrences(snap: Snapshot, docnums: np.ndarray, targets: list[Text], kwic: KwicRequest) -> Found:
    """The occurrences in these paragraphs — docnum, start, end — and, for a context sort,
    each one's sort key (the left context read outwards, or the right)."""
    texts = snap.texts(docnums)
    which, starts, ends = match_spans_many(texts, targets)
    keys: list[str] = []
    if kwic.sort in CONTEXT_SORTS:
        english = _english_reports(snap)[snap.doc_column.codes[docnums]].tolist()
        flat = [_one_line(text) for text in texts]  # line breaks as spaces, one for one: offsets hold
        width, left = kwic.width, kwic.sort == "left"
        for k, start, end in zip(which.tolist(), starts.tolist(), ends.tolist(), strict=True):
            if english[k]:
                key = context(texts[k], start, end, width, True)[0 if left else 1]
            else:
                key = flat[k][max(0, start - width) : start] if left else flat[k][end : end + width]
            keys.append(key[::-1] if left else key)
    return docnums[which].astype(np.int32), starts.astype(np.int32), ends.astype(np.int32), keys


def _report_ranks(snap: Snapshot, sort: str) -> np.ndarray:
    """Each report's place (by doc_id column code) in the order of ``sort``'s key."""

    def compute() -> tuple[np.ndarray]:
        ids = snap.doc_column.values
        key = _REPORT_KEYS[sort]
        docs = [snap.documents.get(doc_id, {}) for doc_id in ids]
        order = sorted(range(len(ids)), key=lambda r: key(docs[r], ids[r] or ""))
        ranks = np.empty(len(ids), dtype=np.int64)
        ranks[order] = np.arange(len(ids))
        return (ranks,)

    return snap.orders.get(("report ranks", sort), compute)[0]


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
        before, after = text[:start], text[end:]
        left, right = "".join(_WORDS_BEFORE.findall(before)[-width:]), "".join(_WORDS_AFTER.findall(after)[:width])
    else:
        left, right = text[max(0, start - width) : start], text[end : end + width]
    return _one_line(left), _one_line(right)


def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text)


_REPORT_KEYS = {  # a report's metadata and doc_id → its sort key; within a report, lines go by place
    "year": lambda doc, doc_id: (-(doc.get("year") or 0), doc.get("province") or "", doc_id),
    "province": lambda doc, doc_id: (doc.get("province") or "", -(doc.get("year") or 0), doc_id),
    "place": lambda doc, doc_id: doc_id,
}
