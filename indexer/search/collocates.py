"""Collocations: the words that occur near a query (the node) more often than chance,
scored by the measures of ``indexer.search.association`` — for one selection, or for
two side by side (what 营商环境 goes with in Guangdong and in Guizhou).

The node's occurrences are those the concordance lists (the search's matching
paragraphs, ``highlight.match_spans_many``). The words are the index's word analysis
(jieba words, saved per paragraph at build time: ``indexer.index.tokens``). A window
is ``left`` words (or characters) before an occurrence and ``right`` after it, inside
its paragraph; punctuation is no word, so a window of words reaches across it. Words
the node itself covers, in any occurrence, are in no window. A word within two
occurrences' windows counts for each. ``n`` is the words of the selection's reports
(every report the filters choose, whole), a collocate's frequency its count there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from indexer.errors import QueryError, read_number
from indexer.search import association, budget
from indexer.search.compare import selected_codes
from indexer.search.highlight import match_spans_many
from indexer.search.prepare import SearchRequest
from indexer.search.results import find
from indexer.search.snapshot import Snapshot
from indexer.search.stopwords import shown

UNITS = ("expressions", "chars")
DEFAULT_SPAN = 5
MAX_SPAN = {"expressions": 20, "chars": 50}
DEFAULT_MIN_COUNT = 3
MAX_MIN_COUNT = 10_000
SORTS = ("logdice", "mi", "g2", "t", "freq")
DEFAULT_SORT = "logdice"
CHUNK = 4096  # paragraphs matched at a time, as the concordance does


@dataclass
class CollocateRequest:
    search: SearchRequest  # the node (q) and the filters
    left: int = DEFAULT_SPAN
    right: int = DEFAULT_SPAN
    unit: str = "expressions"
    min_count: int = DEFAULT_MIN_COUNT
    sort: str = DEFAULT_SORT
    everything: bool = False  # True: place names and function words too


@dataclass
class Collocate:
    term: str
    frequency: int  # o11: inside the node's windows
    corpus_frequency: int  # c1: in the selection
    expected: float
    mi: float
    log_dice: float
    log_likelihood: float
    t_score: float


@dataclass
class Collocates:
    request: CollocateRequest
    node: int  # f1: the node's occurrences
    window_words: int  # r1
    words: int  # n
    reports: int  # the selection's reports
    collocates: list[Collocate] = field(default_factory=list)


@dataclass
class Occurrences:
    docnums: np.ndarray
    starts: np.ndarray
    ends: np.ndarray


def read_span(name: str, text: str | None, default: int, unit: str) -> int:
    """A window side's length: a whole number from 0 to the unit's most."""
    most = MAX_SPAN[unit]
    if text is None or not text.strip():
        return default
    try:
        number = int(text)
    except ValueError:
        raise QueryError("window_range", name=name, most=most, value=text[:40]) from None
    if not 0 <= number <= most:
        raise QueryError("window_range", name=name, most=most, value=number)
    return number


def read_min_count(text: str | None) -> int:
    return read_number("min", text, DEFAULT_MIN_COUNT, MAX_MIN_COUNT)


def check(request: CollocateRequest) -> None:
    if not request.search.q.strip():
        raise QueryError("collocates_empty")
    if request.unit not in UNITS:
        raise QueryError("collocates_unit", value=request.unit[:40])
    most = MAX_SPAN[request.unit]
    for name, span in (("left", request.left), ("right", request.right)):
        if not 0 <= span <= most:
            raise QueryError("window_range", name=name, most=most, value=span)
    if request.left + request.right == 0:
        raise QueryError("window_range", name="window", most=most, value=0)
    if request.sort not in SORTS:
        raise QueryError("bad_sort", choices=", ".join(SORTS))


def collocates(snap: Snapshot, request: CollocateRequest) -> Collocates:
    """The collocates of the request's node at least ``min_count`` times in its windows,
    in the order of ``sort``; QueryError when the node occurs nowhere in the selection."""
    check(request)
    tokens = snap.tokens
    if tokens is None:
        raise QueryError("collocates_rebuild")
    found = find(snap, request.search, facets=False)
    reports = selected_codes(snap, found.prepared.selections)
    if not len(reports):
        raise QueryError("collocates_no_report")
    where = occurrences(snap, found.docnums, found.prepared.targets)
    if not len(where.docnums):
        raise QueryError("collocates_none", q=request.search.q[:100])
    window = window_words(tokens, where, request.left, request.right, request.unit)
    observed = np.bincount(np.asarray(tokens.ids[window]), minlength=len(tokens.vocabulary))
    frequencies = tokens.frequencies(reports)
    result = Collocates(request, len(where.docnums), len(window), int(frequencies.sum()), len(reports))
    result.collocates = scored(tokens.vocabulary, observed, frequencies, result, request)
    return result


def scored(vocabulary, observed: np.ndarray, frequencies: np.ndarray, totals: Collocates, request) -> list[Collocate]:
    """The table: every word seen at least ``min_count`` times in the windows, scored and sorted."""
    chosen = np.flatnonzero(observed >= request.min_count)
    terms = [str(vocabulary[k]) for k in chosen.tolist()]
    if not request.everything:
        keep = shown(terms)
        chosen, terms = chosen[keep], [t for t, k in zip(terms, keep.tolist(), strict=True) if k]
    o, c = observed[chosen], frequencies[chosen]
    r1, n, f1 = totals.window_words, totals.words, totals.node
    measures = {
        "freq": o.astype(np.float64),
        "mi": association.mutual_information(o, r1, c, n),
        "logdice": association.log_dice(o, f1, c),
        "g2": association.log_likelihood(o, r1, c, n),
        "t": association.t_score(o, r1, c, n),
    }
    expected = association.expected(o, r1, c, n)
    rows = [
        Collocate(
            term,
            int(o[k]),
            int(c[k]),
            float(expected[k]),
            *(float(measures[m][k]) for m in ("mi", "logdice", "g2", "t")),
        )
        for k, term in enumerate(terms)
    ]
    order = sorted(range(len(rows)), key=lambda k: (-measures[request.sort][k], rows[k].term))
    return [rows[k] for k in order]


def occurrences(snap: Snapshot, docnums: np.ndarray, targets) -> Occurrences:
    """Every match of the targets in these paragraphs: paragraph, start and end (original
    text); OutOfTime when the request's budget runs out before the last paragraph (the
    scores of a part would not be the selection's)."""
    docnums = np.sort(docnums)
    parts = []
    for k in range(0, len(docnums), CHUNK):
        if k:
            budget.check("collocates_out_of_time", searched=k, paragraphs=len(docnums))
        chunk = docnums[k : k + CHUNK]
        which, starts, ends = match_spans_many(snap.texts(chunk), targets)
        parts.append((chunk[which], starts, ends))
    joined = [
        np.concatenate([p[i] for p in parts]).astype(np.int64) if parts else np.zeros(0, np.int64) for i in range(3)
    ]
    return Occurrences(*joined)


def window_words(tokens, where: Occurrences, left: int, right: int, unit: str) -> np.ndarray:
    """The positions (in the word arrays) of every word inside a window, once per window
    it is in, without the words any occurrence covers."""
    starts, lengths = tokens.starts, tokens.lengths
    base = np.asarray(tokens.bases[where.docnums])
    at, until = base + where.starts, base + where.ends  # the occurrence, in the run of all paragraphs
    first_word = np.asarray(tokens.offsets[where.docnums])
    after_last = np.asarray(tokens.offsets[where.docnums + 1])
    before = np.searchsorted(starts, at.astype(starts.dtype), side="right") - 1  # the word starting at or before it
    safe = np.maximum(before, 0)
    inside = (before >= 0) & (np.asarray(starts[safe], dtype=np.int64) + lengths[safe] > at)
    node_first = np.where(inside, before, before + 1)  # the first word the occurrence covers (or the next)
    node_end = np.searchsorted(starts, until.astype(starts.dtype), side="left")  # the first word after it
    if unit == "chars":
        left_from = np.searchsorted(starts, np.maximum(at - left, 0).astype(starts.dtype), side="left")
        right_to = _words_ending_by(tokens, until + right, node_end)
    else:
        left_from, right_to = node_first - left, node_end + right
    lefts = _spread(np.maximum(left_from, first_word), node_first)
    rights = _spread(node_end, np.minimum(right_to, after_last))
    window = np.concatenate([lefts, rights])
    return window[~np.isin(window, _spread(node_first, node_end))]


def _words_ending_by(tokens, limit: np.ndarray, lowest: np.ndarray) -> np.ndarray:
    """The end of the run of words (from ``lowest``) that end by ``limit``: the first word past it."""
    end = np.searchsorted(tokens.starts, limit.astype(tokens.starts.dtype), side="left")
    last = np.maximum(end - 1, 0)
    overhangs = (end - 1 >= lowest) & (np.asarray(tokens.starts[last], dtype=np.int64) + tokens.lengths[last] > limit)
    return np.where(overhangs, end - 1, end)


def _spread(lows: np.ndarray, highs: np.ndarray) -> np.ndarray:
    """Every integer of each range lows[k]:highs[k] (an empty range gives none)."""
    sizes = np.maximum(highs - lows, 0)
    total = int(sizes.sum())
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(lows, sizes) + np.arange(total) - offsets
