"""What a served generation keeps in memory stays bounded: the query cache by bytes,
and one searcher per thread that costs no copy of the postings."""

from __future__ import annotations

import threading

from indexer.search import SearchIndex, SearchRequest, search


def test_the_query_cache_is_bounded_by_bytes(corpus_index_dir):
    snap = SearchIndex(corpus_index_dir).snapshot()
    cache = snap._scored
    cache.limit = 200_000
    for q in ("发展", "改革", "建设", "经济", "乡村振兴", "营商环境"):
        search(snap, SearchRequest(q))
        assert sum(a.nbytes + b.nbytes for a, b in cache._kept.values()) <= 200_000 or len(cache) == 1
    assert 1 <= len(cache) < 6


def test_threads_share_the_generation_without_copying_it(corpus_index_dir):
    snap = SearchIndex(corpus_index_dir).snapshot()
    results, errors = [], []

    def work():
        try:
            results.append(search(snap, SearchRequest("双城经济圈")).summary.total)
        except Exception as exc:  # any failure is the finding
            errors.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(results)) == 1 and results[0] > 0
    segments = [p.name for p in snap.generation.iterdir()]
    assert not any(name.endswith(".seg") for name in segments)  # no compound segments: postings are read in place
