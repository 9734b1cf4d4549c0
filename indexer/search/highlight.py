"""Highlighting as data: where a query matches a paragraph (character spans), and
the window of a long paragraph that a snippet shows. Marking them up is for the
renderers.

Matches are found in the normalised paragraph text with the same analysis as the
index (so 憲法草案 matches 宪法草案 and ｐｍ2.5 matches PM2.5), then mapped back to
the original characters. Only exact matches of the query's texts count — never
stray bigrams.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from indexer.analysis import CJK_RANGES, normalize, stem_word, units, word_terms
from indexer.analysis.normalize import normalize_joined
from indexer.query.tree import Text

Span = tuple[int, int]
Spans = tuple[np.ndarray, np.ndarray, np.ndarray]  # which text, start, end: a span each

SNIPPET_CHARS = {"zh": 160, "en": 320}
_SENTENCE = re.compile(r"[^。！？；!?;]*(?:[。！？；]|[!?;.](?=\s|$)|$)\s*")
_WORD_CHAR = rf"[^\W_{CJK_RANGES}]"  # a letter or digit that is not Chinese


@lru_cache(maxsize=4096)
def _target_pattern(text: str, quoted: bool) -> tuple[str, re.Pattern[str] | str]:
    """("stem", stem) for a loose English word (("none", "") for a stop word, which
    the search leaves out), else ("regex", pattern) for the exact text."""
    pieces = units(normalize(text).text)
    if not pieces:
        return "none", ""
    if not quoted and len(pieces) == 1 and pieces[0][0] == "word":
        terms = word_terms(text)
        return ("stem", terms[0]) if terms else ("none", "")
    pattern = ""
    for k, (kind, piece, _, _) in enumerate(pieces):
        if k:  # typed punctuation between two Chinese runs stands for punctuation in the text
            pattern += r"[\W_]+" if kind == pieces[k - 1][0] == "cjk" else r"[\W_]*"
        pattern += re.escape(piece) if kind == "cjk" else rf"(?<!{_WORD_CHAR}){re.escape(piece)}(?!{_WORD_CHAR})"
    return "regex", re.compile(pattern)


def match_spans(text: str, targets: list[Text]) -> list[tuple[int, int]]:
    """Original-text (start, end) of every match of the targets, sorted, not overlapping."""
    norm = normalize(text)
    found: list[tuple[int, int]] = []
    words: list[tuple[str, int, int]] | None = None
    for target in targets:
        kind, pattern = _target_pattern(target.text, target.quoted)
        if kind == "stem":
            if words is None:
                words = [(stem_word(w), s, e) for k, w, s, e in units(norm.text) if k == "word"]
            found.extend((s, e) for stem, s, e in words if stem == pattern)
        elif kind == "regex":
            found.extend((m.start(), m.end()) for m in pattern.finditer(norm.text) if m.end() > m.start())
    merged: list[tuple[int, int]] = []
    for start, end in sorted(norm.original_span(s, e) for s, e in found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans_many(texts: list[str], targets: list[Text]) -> Spans:
    """``match_spans`` of every text, as arrays — which text, start, end — in text and
    then start order. The texts that normalise character by character are scanned
    together, once per target; the others, and any that a match runs out of (across the
    line break between two texts), are read one at a time."""
    patterns = [_target_pattern(t.text, t.quoted) for t in targets]
    if not texts or any(kind == "stem" for kind, _ in patterns):  # English word stems: a text at a time
        return _one_at_a_time(texts, targets, range(len(texts)))
    joined, starts, simple = normalize_joined(texts)
    spans = np.array(
        [m.span() for kind, pattern in patterns if kind == "regex" for m in pattern.finditer(joined)], dtype=np.int64
    ).reshape(-1, 2)
    spans = spans[spans[:, 1] > spans[:, 0]]
    which = np.searchsorted(starts, spans[:, 0], side="right") - 1
    ends = np.append(starts[1:] - 1, len(joined))  # where each text ends: at the line break after it
    across = spans[:, 1] > ends[which]
    last = np.searchsorted(starts, spans[across, 1] - 1, side="right") - 1
    alone = ~simple
    for first, through in zip(which[across].tolist(), last.tolist(), strict=True):
        alone[first : through + 1] = True  # a match across texts: each of them on its own
    kept = ~alone[which]
    which, spans = which[kept], spans[kept] - starts[which[kept], None]
    together = _merged(which, spans[:, 0], spans[:, 1])
    return _joined(together, _one_at_a_time(texts, targets, np.flatnonzero(alone).tolist()))


def _merged(which: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> Spans:
    """Spans sorted by text and start, overlapping ones in a text merged, as ``match_spans`` does."""
    order = np.lexsort((ends, starts, which))
    which, starts, ends = which[order], starts[order], ends[order]
    if not len(which):
        return which, starts, ends
    apart = which * (int(ends.max()) + 1)  # a text's ends never reach the next text's starts
    furthest = np.maximum.accumulate(ends + apart) - apart  # the furthest end so far in the text
    new = np.ones(len(which), dtype=bool)
    new[1:] = (which[1:] != which[:-1]) | (starts[1:] >= furthest[:-1])
    groups = np.flatnonzero(new)
    return which[groups], starts[groups], np.maximum.reduceat(ends, groups)


def _one_at_a_time(texts: list[str], targets: list[Text], indexes: Iterable[int]) -> Spans:
    found = [(k, start, end) for k in indexes for start, end in match_spans(texts[k], targets)]
    which, starts, ends = np.array(found, dtype=np.int64).reshape(-1, 3).T
    return which, starts, ends


def _joined(*parts: Spans) -> Spans:
    which, starts, ends = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.lexsort((starts, which))
    return which[order], starts[order], ends[order]


@dataclass
class Snippet:
    """The part of a paragraph a result shows, with the matches inside it."""

    text: str
    spans: list[Span]  # offsets into ``text``
    cut_before: bool = False  # the paragraph goes on before / after the window
    cut_after: bool = False


def snippet(text: str, spans: list[Span], lang: str = "zh") -> Snippet:
    """The sentences around the densest matches, at most about SNIPPET_CHARS long."""
    limit = SNIPPET_CHARS.get(lang, SNIPPET_CHARS["en"])
    if len(text) <= limit:
        return Snippet(text, spans)
    sentences = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.end() > m.start()]
    best = max(sentences, key=lambda s: sum(1 for a, b in spans if a < s[1] and b > s[0]))
    start, end = best
    for _, e in (s for s in sentences if s[0] >= end):
        if e - start > limit:
            break
        end = e
    if end - start > limit:  # one long sentence: a window around its first match
        first = next((a for a, b in spans if start <= a < end), start)
        start = max(start, min(first - limit // 3, end - limit))
        end = min(end, start + limit)
    cut_before, cut_after = start > 0, end < len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    inside = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start]
    return Snippet(text[start:end], inside, cut_before, cut_after)
