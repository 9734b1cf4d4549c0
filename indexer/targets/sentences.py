"""Sentences of a report's paragraphs, in the width-folded form the patterns read
(full-width digits, ％ and ～ as ASCII), beside the text as written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_PART_SEPARATOR = re.compile(r"[；;]")
_MARKUP = re.compile(r"\*\*|\[\d+\]")  # the source's bold marks and note numbers
_SPACE = re.compile(r"\s+")
# Full-width digits and signs (０-９ ％ ～ ． －) as ASCII, as NFKC folds them (and 20 times
# faster); full-width punctuation stays: the patterns take both forms
_WIDE = re.compile("[\uff10-\uff19\uff05\uff5e\uff0e\uff0d]")


def _narrow(match: re.Match[str]) -> str:
    return chr(ord(match.group()) - 0xFEE0)


@dataclass(frozen=True)
class Sentence:
    paragraph: int  # the paragraph's number in its report (the anchor #p<n>)
    text: str  # as written, markup removed
    folded: str  # what the patterns read (see fold)

    def parts(self) -> list[str]:
        """The folded sentence cut at semicolons (the items of a list of targets)."""
        return [c.strip() for c in _PART_SEPARATOR.split(self.folded) if c.strip()]


def fold(text: str) -> str:
    """What the patterns read: width-folded, without spaces (the source has "主要预 期目标")."""
    return _WIDE.sub(_narrow, _SPACE.sub("", _MARKUP.sub("", text)))


def split_sentences(paragraph: int, text: str) -> Iterator[Sentence]:
    """A paragraph's sentences; a semicolon-separated list stays one sentence."""
    for piece in _SENTENCE_END.split(_MARKUP.sub("", text)):
        piece = piece.strip()
        if piece:
            yield Sentence(paragraph, piece, fold(piece))


def sentences(paragraphs: Iterable[tuple[int, str]]) -> list[Sentence]:
    """Every sentence of a report, in order, from its numbered paragraphs."""
    return [s for number, text in paragraphs for s in split_sentences(number, text)]
