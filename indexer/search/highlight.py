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
from dataclasses import dataclass
from functools import lru_cache

from indexer.analysis import CJK_RANGES, normalize, stem_word, units, word_terms
from indexer.query.syntax import Text

Span = tuple[int, int]

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
