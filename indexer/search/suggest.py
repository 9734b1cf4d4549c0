"""Suggestions as you type: corpus terms for pinyin (``shuangch``), initials (``scj``),
Chinese (``双城``) or a mix, most frequent first."""

from __future__ import annotations

from indexer.pinyin.lexicon import Suggestion
from indexer.search.snapshot import Snapshot

MAX_SUGGEST_CHARS = 100
MAX_SUGGESTIONS = 10


def suggest(snap: Snapshot, q: str, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    if len(q) > MAX_SUGGEST_CHARS:
        return []
    return snap.lexicon.read(q, limit=limit, prefix=True)
