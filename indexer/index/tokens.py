"""Every paragraph's words, in order, written once per generation: what the collocation
view reads (``indexer.search.collocates``), so that the words around 5,000 occurrences
are array lookups, not jieba runs at query time.

A paragraph's words are those of the index's word analysis (``WordTokenizer``: jieba
words with the policy-term dictionary for Chinese runs, letter/digit words for the
rest, normalised; punctuation is no word). Saved as arrays (``tokens-*.npy``,
memory-mapped when read), the words of every paragraph one after the other in docnum
order:

- ``ids``: each word's number in ``vocabulary`` (sorted strings);
- ``starts``: where it starts in the text file's run of all paragraphs (the
  paragraph's ``bases`` entry plus its offset in the paragraph's original text), and
  ``lengths`` its length in the original text (at most 255);
- ``offsets``: paragraph ``d``'s words are ``offsets[d]:offsets[d + 1]``;
- a report × word count matrix (``report-indptr``, ``report-indices``,
  ``report-counts``; rows by the doc_id column's codes): a selection's word
  frequencies are the sum of its reports' rows.
"""

from __future__ import annotations

import os
from array import array
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer import arrays
from indexer.index.analyse import AnalysedDocument, paragraph_words
from indexer.index.columns import DOC, load_characters, load_columns
from indexer.index.texts import load_texts
from indexer.model import Document

PREFIX = "tokens-"
_ARRAYS = (
    "vocabulary",
    "ids",
    "starts",
    "lengths",
    "offsets",
    "bases",
    "report-indptr",
    "report-indices",
    "report-counts",
)
CHUNK = 20_000  # paragraphs a worker analyses at a time
PARALLEL_PARAGRAPHS = 50_000  # below this the words are found in the building process
MAX_LENGTH = 255  # a longer word (a URL) keeps this length: it only shortens a character window


@dataclass
class Tokens:
    vocabulary: np.ndarray
    ids: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray
    offsets: np.ndarray
    bases: np.ndarray
    report_indptr: np.ndarray
    report_indices: np.ndarray
    report_counts: np.ndarray

    def frequencies(self, reports: np.ndarray) -> np.ndarray:
        """Every word's count in these reports (doc_id column codes), a dense vector."""
        spans = [np.arange(self.report_indptr[r], self.report_indptr[r + 1]) for r in reports.tolist()]
        picked = np.concatenate(spans) if spans else np.zeros(0, dtype=np.int64)
        weights = self.report_counts[picked]
        return np.bincount(self.report_indices[picked], weights=weights, minlength=len(self.vocabulary)).astype(
            np.int64
        )

    def save(self, generation: Path) -> None:
        arrays.save(generation, PREFIX, {name: getattr(self, name.replace("-", "_")) for name in _ARRAYS})

    @classmethod
    def load(cls, generation: Path) -> Tokens | None:
        """A generation's words, memory-mapped (None for a generation built without them)."""
        saved = arrays.load(generation, PREFIX, _ARRAYS)
        return None if saved is None else cls(*saved.values())


def build_tokens(generation: Path, found: FoundWords | None = None) -> Tokens:
    """Save the words of every paragraph of a generation (after its text file and
    columns): those ``found`` while it was written, the others (a generation written
    without) found here."""
    texts = load_texts(generation)
    if texts is None:
        raise FileNotFoundError(f"{generation} has no text file: save its columns first")
    found = found or FoundWords()
    reports = load_columns(generation)[DOC]
    codes = np.asarray(reports.codes)
    characters = np.asarray(load_characters(generation)).astype(np.int64)
    slots = found.slots(reports.values, codes, texts.numbers, characters)
    _find_missing(generation, found, slots, characters)
    first, counts = _spans(found, slots)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    # Arrays of one entry per word of the corpus (22 million on the full corpus) are made
    # in place and let go as soon as read: made anew at each step they took 1.3 GB at once.
    picked = np.arange(offsets[-1], dtype=np.int64)  # each word's place in ``found``'s arrays
    picked += np.repeat(first - offsets[:-1], counts)
    vocabulary, ids = _sorted_vocabulary(found.words(), np.frombuffer(found.ids, dtype=np.int32)[picked])
    bases = np.concatenate([[0], np.cumsum(characters)]).astype(np.int64)
    paragraph = np.repeat(np.arange(len(slots), dtype=np.int32), counts)
    starts = bases[paragraph]
    starts += np.frombuffer(found.starts, dtype=np.int32)[picked]
    starts = starts.astype(np.uint32) if bases[-1] < 2**32 else starts
    lengths = np.frombuffer(found.lengths, dtype=np.uint8)[picked]
    del picked
    report_words = _report_matrix(codes[paragraph], ids, int(codes.max(initial=-1)) + 1, len(vocabulary))
    del paragraph
    tokens = Tokens(
        np.array(vocabulary, dtype=f"U{max(map(len, vocabulary), default=1)}"),
        ids,
        starts,
        lengths,
        offsets,
        bases,
        *report_words,
    )
    tokens.save(generation)
    return tokens


def _spans(found: FoundWords, slots: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each paragraph's words start in ``found``'s arrays, and how many (0: no slot)."""
    ends = np.frombuffer(found.ends, dtype=np.int64)
    if not len(ends):
        return np.zeros(len(slots), np.int64), np.zeros(len(slots), np.int64)
    k = np.maximum(slots, 0)
    sizes = np.diff(ends, prepend=0)[k]
    return ends[k] - sizes, np.where(slots >= 0, sizes, 0)


def _sorted_vocabulary(words: list[str], found_ids: np.ndarray) -> tuple[list[str], np.ndarray]:
    """The words used, sorted, and each occurrence's number among them (through a table
    by ``found``'s ids: no sort of the occurrences)."""
    used = np.flatnonzero(np.bincount(found_ids, minlength=len(words)))
    vocabulary = [words[k] for k in used.tolist()]
    order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
    rank = np.zeros(len(words), dtype=np.int32)
    rank[used[order]] = np.arange(len(vocabulary), dtype=np.int32)
    return [vocabulary[k] for k in order], rank[found_ids]


class FoundWords:
    """The words of the paragraphs analysed while a generation is written (or carried
    over from the one before), by report and paragraph number, until the generation's
    paragraph order is known. Slot k's words are ``ends[k - 1]:ends[k]`` of the arrays."""

    def __init__(self) -> None:
        self.vocabulary: dict[str, int] = {}
        self.ids = array("i")
        self.starts = array("i")  # in the paragraph's original text
        self.lengths = array("B")  # at most MAX_LENGTH: 9 bytes a word in all (270 MB for the full corpus)
        self.ends = array("q")
        self.reports: dict[str, dict[int, int]] = {}  # doc_id -> paragraph number -> slot

    def add(self, doc_id: str, number: int, words: list[str], starts: list[int], lengths: list[int]) -> None:
        self.reports.setdefault(doc_id, {})[number] = len(self.ends)
        self.ids.extend([self.vocabulary.setdefault(w, len(self.vocabulary)) for w in words])
        self.starts.extend(starts)
        self.lengths.extend([min(n, MAX_LENGTH) for n in lengths])
        self.ends.append(len(self.ids))

    def add_document(self, doc: Document, analysed: AnalysedDocument) -> None:
        for p, a in zip(doc.paragraphs, analysed.paragraphs, strict=True):
            self.add(doc.doc_id, p.number, a.words, a.starts, [e - s for s, e in zip(a.starts, a.ends, strict=True)])

    def carry(self, generation: Path, doc_ids: set[str]) -> None:
        """The words of these reports' paragraphs, from a generation that has them saved."""
        old, texts = Tokens.load(generation), load_texts(generation)
        if old is None or texts is None:
            return
        reports = load_columns(generation)[DOC]
        vocabulary = old.vocabulary.tolist()
        for d, code in enumerate(np.asarray(reports.codes).tolist()):
            start, end = int(old.offsets[d]), int(old.offsets[d + 1])
            if reports.values[code] in doc_ids and old.bases[d + 1] > old.bases[d]:
                words = [vocabulary[k] for k in old.ids[start:end].tolist()]
                local = (old.starts[start:end].astype(np.int64) - old.bases[d]).tolist()
                self.add(reports.values[code], int(texts.numbers[d]), words, local, old.lengths[start:end].tolist())

    def words(self) -> list[str]:
        """Every word, by its id."""
        return sorted(self.vocabulary, key=self.vocabulary.__getitem__)

    def slots(self, values: list, codes: np.ndarray, numbers: np.ndarray, characters: np.ndarray) -> np.ndarray:
        """Each paragraph's slot, -1 where none: not found, or deleted (no text)."""
        return np.array(
            [
                self.reports.get(values[code], {}).get(number, -1) if length else -1
                for code, number, length in zip(codes.tolist(), numbers.tolist(), characters.tolist(), strict=True)
            ],
            dtype=np.int64,
        )


def _find_missing(generation: Path, found: FoundWords, slots: np.ndarray, characters: np.ndarray) -> None:
    """Analyse the paragraphs that have text and no words yet (in workers when many)."""
    missing = np.flatnonzero((slots < 0) & (characters > 0))
    chunks = [missing[k : k + CHUNK] for k in range(0, len(missing), CHUNK)]
    if len(missing) < PARALLEL_PARAGRAPHS:
        parts = [_chunk_words(generation, chunk) for chunk in chunks]
    else:
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            parts = list(pool.map(_chunk_words, [generation] * len(chunks), chunks))
    for chunk, part in zip(chunks, parts, strict=True):
        for d, words in zip(chunk.tolist(), part, strict=True):
            slots[d] = len(found.ends)
            found.add("", -1 - d, [w for w, _, _ in words], [s for _, s, _ in words], [e - s for _, s, e in words])


def _chunk_words(generation: Path, docnums: np.ndarray) -> list[list[tuple[str, int, int]]]:
    """The words of some paragraphs (run in a worker)."""
    texts = load_texts(generation)
    assert texts is not None
    return [paragraph_words(text) for text in texts.texts(docnums)]


def _report_matrix(reports: np.ndarray, ids: np.ndarray, rows: int, size: int) -> tuple[np.ndarray, ...]:
    """The report × word counts as a sparse matrix: indptr, indices, counts."""
    keys = reports.astype(np.int64)
    keys *= size
    keys += ids
    keys.sort()  # in place: np.unique would sort a copy
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(starts, append=len(keys))
    row, word = np.divmod(keys[starts], max(size, 1))
    indptr = np.searchsorted(row, np.arange(rows + 1)).astype(np.int64)
    return indptr, word.astype(np.int32), counts.astype(np.int32)
