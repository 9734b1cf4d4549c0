"""Near-duplicate documents: the same report copied twice (a source that files one
year's report under two names). Each document gets a bottom-k sketch of its 6-
character shingles; two documents that share most of their sketch are the same text.
The sketch is kept in documents.json, so an incremental build compares new documents
with those it carries over without reading them again."""

from __future__ import annotations

from collections import Counter

import numpy as np

from indexer.analysis import normalize

SHINGLE = 6
SKETCH = 64  # the smallest shingle hashes kept
THRESHOLD = 0.9  # estimated Jaccard similarity of two near-duplicates
MIN_SHARED = SKETCH // 2  # sketches sharing fewer hashes are not compared further
_BUCKET_LIMIT = 64  # a hash in more sketches than this is boilerplate, not evidence
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


def sketch(text: str) -> list[int]:
    """The SKETCH smallest distinct hashes of the text's shingles (letters and digits only)."""
    folded = "".join(c for c in normalize(text).text if c.isalnum())
    if len(folded) < SHINGLE:
        return []
    codes = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    hashes = np.zeros(len(codes) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):
        hashes = hashes * np.uint64(1_000_003) + codes[k : len(codes) - SHINGLE + 1 + k]
    mixed = np.unique((hashes * _MULTIPLIER) ^ (hashes >> np.uint64(29)))
    return [int(h) for h in mixed[:SKETCH]]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity: the share of the union's sketch found in both."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH]
    both = set(a) & set(b)
    return sum(h in both for h in union) / len(union)


def near_duplicates(new: dict[str, list[int]], kept: dict[str, list[int]]) -> list[tuple[str, str, float]]:
    """(new key, other key, similarity) for each new sketch that is a near-duplicate of
    a kept one or of another new one. Keys are any strings (doc ids, sources)."""
    every = {**kept, **new}
    buckets: dict[int, list[str]] = {}
    for key, hashes in every.items():
        for h in hashes:
            buckets.setdefault(h, []).append(key)
    shared: Counter[tuple[str, str]] = Counter()
    for members in buckets.values():
        if 1 < len(members) <= _BUCKET_LIMIT:
            for a in members:
                if a in new:
                    shared.update((a, b) for b in members if b != a and (b not in new or b > a))
    return sorted(
        (a, b, score)
        for (a, b), count in shared.items()
        if count >= MIN_SHARED and (score := similarity(every[a], every[b])) >= THRESHOLD
    )
