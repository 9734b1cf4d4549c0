"""Highlighting: where a query matches a paragraph, and the HTML snippet around it.

Matches are found in the normalised paragraph text with the same analysis as the
index (so 國務院 matches 国务院 and ｐｍ2.5 matches PM2.5), then mapped back to
the original characters. Only exact matches of the query's texts are marked —
never stray bigrams. All document text is HTML-escaped; ``<mark>`` is ours.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from indexer.analysis import CJK_RANGES, normalize, stem_word, units, word_terms
from indexer.query import Text

SNIPPET_CHARS = {"zh": 160, "en": 320}
_SENTENCE = re.compile(r"[^。！？；!?;]*(?:[。！？；]|[!?;.](?=\s|$)|$)\s*")
_ELLIPSIS = "…"
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


def mark(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> str:
    """HTML of text[start:end], escaped, with the spans inside it wrapped in <mark>."""
    end = len(text) if end is None else end
    out, cursor = [], start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        out.append(html.escape(text[cursor:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        cursor = e
    out.append(html.escape(text[cursor:end]))
    return "".join(out)


def snippet(text: str, spans: list[tuple[int, int]], lang: str = "zh") -> str:
    """The sentences around the densest matches, at most about SNIPPET_CHARS long."""
    limit = SNIPPET_CHARS.get(lang, SNIPPET_CHARS["en"])
    if len(text) <= limit:
        return mark(text, spans)
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
    prefix = _ELLIPSIS if start > 0 else ""
    suffix = _ELLIPSIS if end < len(text) else ""
    return prefix + mark(text, spans, start, end).strip() + suffix
