"""What the expressions step reads a report's units from (``UnitReader``): the report's
paragraphs from the text file, the lexicon, and the words of every run of its text,
taken from the words the index's analysis saved (``indexer.index.tokens``) instead of a
second jieba pass over the whole text.

The expressions step reads jieba's words of each run of Chinese characters, letters,
digits and ``+`` (``indexer.analysis.report_units.word_runs``); the analysis ran the same
``jieba_words`` on each run of CJK characters alone (``WordTokenizer``), of the same
normalised paragraph. A run of the first kind made of CJK characters only is a run of the
second kind, the same string, so its words are the saved ones. A run with letters, digits
or ``+`` in it is segmented anew: jieba reads across those boundaries (5g; its buffer of
unknown characters spans them), so its words are not those of its pieces. On the sample
87 % of the characters are in runs of CJK characters alone.

The saved words are used only where they fit: a paragraph's words must spell its runs and
words in order (``units``), else the whole paragraph is segmented anew.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from indexer.analysis import normalize
from indexer.analysis.report_units import Units, report_units, word_run_spans
from indexer.analysis.segment import jieba_words
from indexer.analysis.tokenizers import units
from indexer.index.reports import ReportTexts
from indexer.index.tokens import Tokens
from indexer.pinyin.lexicon import Lexicon


def paragraph_runs(normalized: str, words: list[str] | None) -> list[list[str]]:
    """jieba's words of each run of a normalised paragraph (``word_runs``), those of its
    runs of CJK characters alone from ``words``, the paragraph's words as the index's
    analysis made them (None: none saved)."""
    saved = _cjk_runs(normalized, words) if words is not None else {}
    return [saved.get((start, end)) or jieba_words(normalized[start:end]) for start, end in word_run_spans(normalized)]


def _cjk_runs(normalized: str, words: list[str]) -> dict[tuple[int, int], list[str]]:
    """The words of each run of CJK characters by its span, read off the analysis's words
    of the paragraph (its tokens but a ``+``); empty where they do not spell the text."""
    found: dict[tuple[int, int], list[str]] = {}
    k = 0
    for kind, text, start, end in units(normalized):
        if kind == "symbol":  # a "+": a token for the phrase search, not among the words
            continue
        taken: list[str] = []
        size = 0
        while k < len(words) and size < len(text) and (kind == "cjk" or not taken):
            taken.append(words[k])
            size += len(words[k])
            k += 1
        if "".join(taken) != text:
            return {}
        if kind == "cjk":
            found[(start, end)] = taken
    return found if k == len(words) else {}


def report_runs(paragraphs: list[str], docnums: np.ndarray, tokens: Tokens | None) -> list[list[str]]:
    """jieba's words of every run of a report's normalised paragraphs (the text file's
    paragraphs ``docnums``), in order, from the generation's saved words where they fit."""
    saved = _saved_words(tokens, docnums) if tokens is not None else [None] * len(paragraphs)
    return [run for text, words in zip(paragraphs, saved, strict=True) for run in paragraph_runs(text, words)]


def _saved_words(tokens: Tokens, docnums: np.ndarray) -> list[list[str] | None]:
    """The saved words of each of these paragraphs, read at once."""
    starts, ends = tokens.offsets[docnums], tokens.offsets[docnums + 1]
    counts = (ends - starts).astype(np.int64)
    picked = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + np.repeat(starts, counts)
    words = tokens.vocabulary[tokens.ids[picked]].tolist() if len(picked) else []
    bounds = np.cumsum(counts).tolist()
    return [words[end - n : end] for end, n in zip(bounds, counts.tolist(), strict=True)]


class UnitReader:
    """What the units of reports are read with, opened once (and shared by forked workers): the reports'
    texts, the lexicon and the words the analysis saved (``run_words``)."""

    def __init__(self, generation: Path):
        self.texts = ReportTexts.open(generation)
        self.lexicon, self.tokens = Lexicon.load(generation), Tokens.load(generation)

    def __call__(self, doc_ids: list[str]) -> list[Units]:
        found = []
        for _, paragraphs, docnums in self.texts.paragraphs(doc_ids):
            normalized = [normalize(t).text for t in paragraphs]
            runs = report_runs(normalized, docnums, self.tokens)
            found.append(report_units("\n".join(normalized), self.lexicon.has_terms, runs))
        return found
