"""A term's posting list read whole, as arrays: the paragraphs it occurs in, how
often, and (for phrases) its positions.

Whoosh hands postings out one at a time through a matcher, a few Python calls per
paragraph; a common word (发展: 40,000 paragraphs of the full corpus) spent most
of a query there. Its postings are stored in blocks of up to 128, each one pickled
tuple of ids, weights and values, so a block at a time is read here instead. This
reads Whoosh 2.7's block layout (``W3LeafMatcher``); a term whose postings are
inlined in the term table comes as a plain matcher and is read through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import chain
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.reading import IndexReader
from whoosh.system import _INT_SIZE


@dataclass
class Postings:
    ids: np.ndarray  # docnums (in the whole index), ascending
    weights: np.ndarray  # the term's frequency in each
    values: list[bytes] = field(default_factory=list)  # encoded positions, when asked for


EMPTY = Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))


def read_postings(segments: list[tuple[IndexReader, int]], fieldname: str, term: bytes, values: bool) -> Postings:
    """The term's postings in every (segment reader, docnum offset), in docnum order."""
    parts = [_segment_postings(reader, offset, fieldname, term, values) for reader, offset in segments]
    parts = [p for p in parts if len(p.ids)]
    if not parts:
        return EMPTY
    return Postings(
        np.concatenate([p.ids for p in parts]),
        np.concatenate([p.weights for p in parts]),
        [v for p in parts for v in p.values],
    )


def _segment_postings(reader: IndexReader, offset: int, fieldname: str, term: bytes, values: bool) -> Postings:
    if (fieldname, term) not in reader:
        return EMPTY
    matcher = reader.postings(fieldname, term)
    deleted = None
    if isinstance(matcher, FilterMatcher):  # the segment has deleted paragraphs
        deleted, matcher = np.fromiter(matcher._ids, dtype=np.int64), matcher.child
    if isinstance(matcher, W3LeafMatcher):
        ids, weights, encoded = _read_blocks(matcher, values)
    else:
        ids, weights, encoded = _read_one_by_one(matcher, values)
    if deleted is not None:
        keep = ~np.isin(ids, deleted)
        ids, weights = ids[keep], weights[keep]
        encoded = [v for v, k in zip(encoded, keep.tolist(), strict=True) if k] if values else []
    return Postings(ids + offset, weights, encoded)


def _read_blocks(matcher: W3LeafMatcher, values: bool) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    ids, weights, encoded = [], [], []
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.append(np.asarray(matcher._ids, dtype=np.int64))
        weights.append(np.asarray(matcher._weights, dtype=np.float64))
        if values:
            matcher._read_values()
            encoded.extend(matcher._values)
        matcher._next_block()
    if not ids:
        return EMPTY.ids, EMPTY.weights, []
    return np.concatenate(ids), np.concatenate(weights), encoded


def _read_one_by_one(matcher, values: bool) -> tuple[np.ndarray, np.ndarray, list[bytes]]:
    ids, weights, encoded = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        if values:
            encoded.append(matcher.value())
        matcher.next()
    return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64), encoded


def positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The positions of each of these postings' encoded values, flat and in order, and
    how many each has. Whoosh's ``Positions`` format stores a count and the pickled
    list of gaps (``formats.Positions.encode``); its ``decode_positions`` adds them up
    in a Python loop, here they are added up at once."""
    gaps = [loads(v[_INT_SIZE:] if v.endswith(b".") else v[_INT_SIZE:] + b".") for v in values]
    counts = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    running = np.zeros(int(counts.sum()) + 1, dtype=np.int64)  # the sum of the first k gaps of all
    np.cumsum(np.fromiter(chain.from_iterable(gaps), dtype=np.int64, count=len(running) - 1), out=running[1:])
    firsts = np.cumsum(counts) - counts  # where each posting's gaps begin
    return running[1:] - np.repeat(running[firsts], counts), counts
