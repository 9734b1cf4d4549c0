"""Suggestions as you type: corpus terms for pinyin (``shuangch``), initials (``scj``),
Chinese (``双城``) or a mix, most frequent first; and "did you mean" for a slip in
pinyin or initials that finds nothing (``sccjjq`` for ``scjjq``)."""

from __future__ import annotations

import re
import string

from indexer.analysis.report_units import whole_words
from indexer.pinyin.ranking import Suggestion
from indexer.search.snapshot import Snapshot

MAX_SUGGEST_CHARS = 100
MAX_SUGGESTIONS = 10
SPARE = 10  # candidates read beyond the limit, for those cut inside a word
WHOLE_FROM = 3  # characters: shorter terms are not checked for word boundaries (营商, 双城)
SLIP = re.compile(r"[a-z]{3,24}")  # what a slip is looked for in: one word of Latin letters


def suggest(snap: Snapshot, q: str, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """The best corpus terms for what was typed, none of them beginning or ending inside
    a word (a fragment such as 营商业, of 国营商业, is left out)."""
    if len(q) > MAX_SUGGEST_CHARS:
        return []
    found = snap.lexicon.read(q, limit=limit + SPARE, prefix=True)
    return [s for s in found if _whole(snap, s.text)][:limit]


def _whole(snap: Snapshot, term: str) -> bool:
    return len(term) < WHOLE_FROM or snap.lexicon.is_word(term) or whole_words(term)


def did_you_mean(snap: Snapshot, q: str) -> tuple[str, Suggestion] | None:
    """For pinyin or initials that read as nothing: the one-letter edit (a letter left
    out, swapped with the next, or changed) whose reading is the most frequent corpus
    term, and that term. Deletions and swaps are tried first; changes only when they
    find nothing."""
    typed = q.strip().lower()
    if not SLIP.fullmatch(typed) or snap.lexicon.read(typed, limit=1):
        return None
    cheap = {typed[:i] + typed[i + 1 :] for i in range(len(typed))}
    cheap |= {typed[:i] + typed[i + 1] + typed[i] + typed[i + 2 :] for i in range(len(typed) - 1)}
    for edits in (cheap, _changes(typed)):
        best = _most_frequent_reading(snap, edits - {typed})
        if best:
            return best
    return None


def _changes(typed: str) -> set[str]:
    return {typed[:i] + c + typed[i + 1 :] for i in range(len(typed)) for c in string.ascii_lowercase}


def _most_frequent_reading(snap: Snapshot, edits: set[str]) -> tuple[str, Suggestion] | None:
    found = [(edit, s) for edit in sorted(edits) for s in snap.lexicon.read(edit, limit=1) if _whole(snap, s.text)]
    return max(found, key=lambda pair: pair[1].count, default=None)
