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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.analysis import WordTokenizer
from indexer.index.columns import DOC, load_columns
from indexer.index.texts import load_texts

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
        for name in _ARRAYS:
            np.save(generation / f"{PREFIX}{name}.npy", getattr(self, name.replace("-", "_")))

    @classmethod
    def load(cls, generation: Path) -> Tokens | None:
        """A generation's words, memory-mapped (None for a generation built without them)."""
        if not all((generation / f"{PREFIX}{name}.npy").exists() for name in _ARRAYS):
            return None
        return cls(*(np.load(generation / f"{PREFIX}{name}.npy", mmap_mode="r") for name in _ARRAYS))


def build_tokens(generation: Path) -> Tokens:
    """Find and save the words of every paragraph of a generation (after its text file and columns)."""
    texts = load_texts(generation)
    if texts is None:
        raise FileNotFoundError(f"{generation} has no text file: save its columns first")
    size = len(texts.numbers)
    chunks = [(k, min(k + CHUNK, size)) for k in range(0, size, CHUNK)]
    if size < PARALLEL_PARAGRAPHS:
        parts = [_chunk_tokens(generation, start, end) for start, end in chunks]
    else:
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            parts = list(pool.map(_chunk_tokens, [generation] * len(chunks), *zip(*chunks, strict=True)))
    vocabulary = sorted(set().union(*(part[0] for part in parts)))
    number = {word: k for k, word in enumerate(vocabulary)}
    ids = _joined([np.array([number[w] for w in part[0]], dtype=np.int32)[part[1]] for part in parts], np.int32)
    local, lengths, counts, characters = (_joined([part[k] for part in parts], np.int64) for k in range(2, 6))
    bases = np.concatenate([[0], np.cumsum(characters)]).astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    paragraph = np.repeat(np.arange(size), counts)
    starts = bases[paragraph] + local
    reports = np.asarray(load_columns(generation)[DOC].codes)
    tokens = Tokens(
        np.array(vocabulary, dtype=f"U{max(map(len, vocabulary), default=1)}"),
        ids,
        starts.astype(np.uint32 if bases[-1] < 2**32 else np.int64),
        np.minimum(lengths, MAX_LENGTH).astype(np.uint8),
        offsets,
        bases,
        *_report_matrix(reports[paragraph], ids, int(reports.max(initial=-1)) + 1, len(vocabulary)),
    )
    tokens.save(generation)
    return tokens


def paragraph_words(text: str) -> list[tuple[str, int, int]]:
    """A paragraph's words (the word analysis's, unstemmed) with their start and end in the
    original text; a "+" (a token for the phrase search: 人工智能+) is no word of its own."""
    return [(t.text, t.startchar, t.endchar) for t in WordTokenizer()(text, chars=True) if t.text != "+"]


def _chunk_tokens(generation: Path, start: int, end: int) -> tuple:
    """The words of paragraphs ``start:end`` (run in a worker): the chunk's own
    vocabulary, each word's number in it, start, length, and each paragraph's word
    count and length in characters."""
    texts = load_texts(generation)
    assert texts is not None
    vocabulary: dict[str, int] = {}
    ids: list[int] = []
    starts: list[int] = []
    lengths: list[int] = []
    counts: list[int] = []
    characters: list[int] = []
    for text in texts.texts(np.arange(start, end)):
        words = paragraph_words(text)
        ids.extend(vocabulary.setdefault(word, len(vocabulary)) for word, _, _ in words)
        starts.extend(s for _, s, _ in words)
        lengths.extend(e - s for _, s, e in words)
        counts.append(len(words))
        characters.append(len(text))
    return list(vocabulary), *(np.array(x, dtype=np.int64) for x in (ids, starts, lengths, counts, characters))


def _report_matrix(reports: np.ndarray, ids: np.ndarray, rows: int, size: int) -> tuple[np.ndarray, ...]:
    """The report × word counts as a sparse matrix: indptr, indices, counts."""
    keys, counts = np.unique(reports.astype(np.int64) * size + ids, return_counts=True)
    row, word = np.divmod(keys, max(size, 1))
    indptr = np.searchsorted(row, np.arange(rows + 1)).astype(np.int64)
    return indptr, word.astype(np.int32), counts.astype(np.int32)


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype)
