"""Tokenizers: normalised text split into runs of CJK characters and other words
(Latin, digits); a subclass decides what a CJK run becomes.

Tokens carry offsets into the *original* text (``chars=True``), positions
(``positions=True``) and honour ``start_pos``, ``start_char``, ``mode`` and
``tokenize`` like Whoosh's own tokenizers. Whoosh pickles these classes into the
index schema: moving them means bumping ``PIPELINE_VERSION``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh.analysis import Token, Tokenizer

from indexer.analysis.normalize import CJK_RANGES, normalize
from indexer.analysis.segment import jieba_words

# A CJK run, or a word of letters/digits (no CJK, no "_"). 7.5 is two words, 7 and 5,
# at consecutive positions: "7.5" finds it as a phrase, and "5" finds 7.5万 too. A "+"
# is a word of its own (a symbol of a term: 人工智能+, 互联网+), so that "人工智能+" is
# the phrase 人工智能 then +, and finds no 人工智能 without it.
_UNITS = re.compile(rf"(?P<cjk>[{CJK_RANGES}]+)|(?P<word>[^\W_{CJK_RANGES}]+)|(?P<symbol>\+)")

# A piece of a CJK run: (term, start, end, position offset within the run).
Piece = tuple[str, int, int, int]


def units(normalized: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each CJK run and word of normalised text."""
    return [(m.lastgroup or "", m.group(), m.start(), m.end()) for m in _UNITS.finditer(normalized)]


class PolicyTokenizer(Tokenizer):
    """Normalise, then split into CJK runs and words; CJK runs go to ``segment_cjk``."""

    def segment_cjk(self, run: str, mode: str, followed: bool) -> tuple[list[Piece], int]:
        """Pieces of a CJK run and how many positions the run takes."""
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        norm = normalize(value)

        def emit(text: str, start: int, end: int, pos: int) -> Token:
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                begin, finish = norm.original_span(start, end)
                token.startchar = start_char + begin
                token.endchar = start_char + finish
            return token

        if not tokenize:
            yield emit(norm.text, 0, len(norm.text), 0)
            return
        found = list(_UNITS.finditer(norm.text))
        pos = 0
        for k, unit in enumerate(found):
            if unit.lastgroup != "cjk":
                yield emit(unit.group(), unit.start(), unit.end(), pos)
                pos += 1
                continue
            pieces, width = self.segment_cjk(unit.group(), mode, k + 1 < len(found))
            base = unit.start()
            for text, start, end, offset in pieces:
                yield emit(text, base + start, base + end, pos + offset)
            pos += width


class WordTokenizer(PolicyTokenizer):
    """CJK runs become jieba words, one position each (precise mode: no overlaps)."""

    def segment_cjk(self, run: str, mode: str, followed: bool) -> tuple[list[Piece], int]:
        pieces: list[Piece] = []
        start = 0
        for offset, word in enumerate(jieba_words(run)):
            pieces.append((word, start, start + len(word), offset))
            start += len(word)
        return pieces, len(pieces)


class GramTokenizer(PolicyTokenizer):
    """CJK runs become one position per character holding the bigram it starts; the
    first and last character of a run also get their unigram.

    That is enough for exact matching of any CJK text: a query run of n ≥ 2
    characters is the phrase of its n-1 bigrams; a lone character is found as the
    prefix of the terms at its positions (every occurrence either starts a bigram or
    ends a run); inside a longer phrase a character next to a word is always at a
    run boundary in the text, where its unigram is indexed. Indexing every unigram
    would cost a third more postings for nothing.
    """

    def segment_cjk(self, run: str, mode: str, followed: bool) -> tuple[list[Piece], int]:
        n = len(run)
        if mode == "query":
            if n == 1:
                return [(run, 0, 1, 0)], 1
            pieces = [(run[i : i + 2], i, i + 2, i) for i in range(n - 1)]
            if followed:
                pieces.append((run[-1], n - 1, n, n - 1))
            return pieces, n
        pieces = []
        for i in range(n):
            if i == 0 or i == n - 1:
                pieces.append((run[i], i, i + 1, i))
            if i + 1 < n:
                pieces.append((run[i : i + 2], i, i + 2, i))
        return pieces, n

    def positions(self, value: str) -> dict[str, list[int]]:
        """Every term of a text with its positions, in order: what the tokens of
        ``self(value, positions=True)`` say (index mode), made without a token each —
        the bulk writer's postings of the exact field, whose tokens were a third of its
        analysis."""
        found: dict[str, list[int]] = {}
        pos = 0
        for unit in _UNITS.finditer(normalize(value).text):
            run = unit.group()
            if unit.lastgroup != "cjk":
                found.setdefault(run, []).append(pos)
                pos += 1
                continue
            n = len(run)
            found.setdefault(run[0], []).append(pos)
            for i in range(n - 1):
                found.setdefault(run[i : i + 2], []).append(pos + i)
            if n > 1:
                found.setdefault(run[-1], []).append(pos + n - 1)
            pos += n
        return found
