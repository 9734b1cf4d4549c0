"""First use: the one definition the trend, a year's new vocabulary and a report's new
expressions share.

A place first uses an expression in the first of its reports, in use order (year, then
doc_id), in which the expression occurs at all — one occurrence is enough. Each view
hands ``first_uses`` its reports in that order and, for each, the expressions found in
it; what differs between the views is only which reports make a place (the trend: the
reports its filters let through, grouped by province or city; the other two: one
place's work reports, ``same_place``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from indexer.analysis.segment import is_ordinary_word

PLACE_KEYS = ("province", "city", "level", "doc_type", "lang")


def use_order(doc: dict) -> tuple[int, str]:
    """The order in which a place's reports are read: year, then doc_id."""
    return (doc.get("year") or 0, doc["doc_id"])


def same_place(doc: dict, other: dict) -> bool:
    """Two reports of one place's series: the same province and city, level, type and language."""
    return all(other.get(k) == doc.get(k) for k in PLACE_KEYS)


def first_uses(used: Iterable[np.ndarray], size: int) -> np.ndarray:
    """For each of ``size`` expressions, the position of the first report that uses it,
    the reports given in use order as the ids of the expressions each uses (-1: none)."""
    first = np.full(size, -1, dtype=np.int64)
    for position, ids in enumerate(used):
        ids = np.asarray(ids, dtype=np.int64)
        fresh = ids[first[ids] < 0]
        first[fresh] = position
    return first


def news(terms: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """The expressions of ``ids`` that can be news, in order: no ordinary word of general
    Chinese (司机, 排名: ``is_ordinary_word``), whose first use in a place says nothing of
    its policy. ``terms`` is the vocabulary (the expression counts' ``terms``)."""
    return ids[~ordinary_words(terms)[ids]] if len(ids) else ids


_ORDINARY: list[tuple[np.ndarray, np.ndarray]] = []  # the last vocabulary read, and its flags


def ordinary_words(terms: np.ndarray) -> np.ndarray:
    """Per term of a vocabulary, whether it is an ordinary word; worked out once per
    vocabulary (a generation's), as the snapshot keeps its memory-mapped array."""
    if not _ORDINARY or _ORDINARY[0][0] is not terms:
        flags = np.fromiter(map(is_ordinary_word, terms.tolist()), dtype=bool, count=len(terms))
        _ORDINARY[:] = [(terms, flags)]
    return _ORDINARY[0][1]
