"""Each paragraph analysed once: jieba runs over a paragraph a single time, in a worker
process (one per core), and its words feed both the Whoosh ``words`` field and the
paragraph's words saved for the collocations (``indexer.index.tokens``). A document's
title is analysed once too, not once per paragraph.

Whoosh takes a list of strings as a field's value already analysed (``Format.
word_values`` tokenises a list or tuple without calling the field's analyzer), so the
``words`` and ``title`` fields are given the terms their analyzer would make of the
text: the ``WordTokenizer``'s words through the analyzer's own filters (stop words,
stemming). The index is the same, term for term, and stock Whoosh reads it as ever.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache

from whoosh.analysis import Token

from indexer.analysis import CJK_RANGES, WordTokenizer, word_analyzer
from indexer.model import Document

Done = Callable[[Document, "AnalysedDocument"], None]
_NOT_CJK = re.compile(f"[^{CJK_RANGES}]")  # a word with such a character goes through the filters
IN_FLIGHT = 64  # documents handed to the workers ahead of the writer


@dataclass
class ParagraphWords:
    terms: list[str]  # the words field's terms: stop words out, English words stemmed
    words: list[str]  # the words, unstemmed, normalised: what the collocations count
    starts: list[int]  # each word's start in the paragraph's original text
    ends: list[int]


@dataclass
class AnalysedDocument:
    title_terms: list[str]
    paragraphs: list[ParagraphWords]


PHRASE_ONLY = "+"  # a token for the phrase search (人工智能+), no word of a paragraph's own


def word_tokens(text: str) -> list[tuple[str, int, int]]:
    """The word analysis's tokens of a text (unstemmed), with their start and end in it."""
    return [(t.text, t.startchar, t.endchar) for t in WordTokenizer()(text, chars=True)]


def paragraph_words(text: str) -> list[tuple[str, int, int]]:
    """A paragraph's words, what the collocations count: its tokens but a PHRASE_ONLY."""
    return _words_of(word_tokens(text))


def _words_of(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    return [t for t in tokens if t[0] != PHRASE_ONLY]


def analyse_paragraph(text: str) -> ParagraphWords:
    """A paragraph's words (jieba once) and the words field's terms made of them."""
    tokens = word_tokens(text)
    terms = index_terms([w for w, _, _ in tokens])
    found = _words_of(tokens)
    return ParagraphWords(terms, [w for w, _, _ in found], [s for _, s, _ in found], [e for _, _, e in found])


def index_terms(words: list[str]) -> list[str]:
    """The words field's terms of a text whose ``WordTokenizer`` words these are: the
    word analyzer's filters applied to them, as the analyzer would. A word of CJK
    characters alone is its own term (the stop words are English, and the stemmer leaves
    such a word as it is: every one of jieba's 498,000), so only the others go through
    the filters, one at a time (all of them through were a tenth of the analysis)."""
    return [term for word in words for term in (_filtered(word) if _NOT_CJK.search(word) else (word,))]


def _filtered(word: str) -> list[str]:
    tokens: Iterator[Token] = iter([Token(text=word, boost=1.0, stopped=False, removestops=True)])
    for step in _filters():
        tokens = step(tokens)
    return [t.text for t in tokens]


def analyse_document(title: str, texts: list[str]) -> AnalysedDocument:
    """Run in a worker: a document's title terms and its paragraphs' words."""
    title_terms = index_terms([t.text for t in WordTokenizer()(title)]) if title else []
    return AnalysedDocument(title_terms, [analyse_paragraph(text) for text in texts])


class Analysis:
    """Documents analysed in worker processes, given back in the order they were sent
    (so that the writer adds them in reading order while the workers run ahead)."""

    def __init__(self, parallel: bool = True):
        """``parallel``: in a process per core (two at most), else here, at once (a few files)."""
        self.pool = ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) if parallel else None
        self.pending: deque[tuple[Document, Future, Done]] = deque()

    def send(self, documents: list[Document], done: Done) -> None:
        """Queue documents, each to be handed to ``done`` with its analysis; hand on
        those whose turn has come while more than IN_FLIGHT wait."""
        for doc in documents:
            texts = [p.text for p in doc.paragraphs]
            if self.pool is None:
                done(doc, analyse_document(doc.title or "", texts))
                continue
            self.pending.append((doc, self.pool.submit(analyse_document, doc.title or "", texts), done))
        while len(self.pending) > IN_FLIGHT:
            self._next()

    def finish(self) -> None:
        """Hand on every document still waiting, then stop the workers."""
        while self.pending:
            self._next()
        if self.pool is not None:
            self.pool.shutdown(wait=True)

    def _next(self) -> None:
        doc, future, done = self.pending.popleft()
        done(doc, future.result())

    def cancel(self) -> None:
        self.pending.clear()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


@cache
def _filters() -> list:
    """The word analyzer's filters, after its tokenizer."""
    return list(word_analyzer().items[1:])
