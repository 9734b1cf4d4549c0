"""Results stay what they were: fifty queries against the expectation the Whoosh
matchers wrote before scoring moved to numpy, and the numpy scoring against the
matchers, paragraph by paragraph, on those queries and on random words."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest

from indexer.index.build import build
from indexer.query.compile import build_query
from indexer.query.prepare import SearchRequest, prepare
from indexer.search import SearchIndex
from tests.conftest import write
from tests.expected_results import FILE, QUERIES, observe

EXPECTED = json.loads(FILE.read_text(encoding="utf-8"))


ROUNDING = 2e-4  # hit scores are rounded to 4 decimals; a sum in another order may round the other way


def same_top(observed: list, expected: list) -> bool:
    """The same scores in the same order (up to their rounding), and the same
    paragraphs above the last score: paragraphs that tie with the last one shown may
    be others (ties are ordered by the order of the index, which a build need not
    repeat: its processes share the paragraphs out as they come)."""
    if len(observed) != len(expected):
        return False
    if any(abs(a[2] - b[2]) > ROUNDING for a, b in zip(observed, expected, strict=True)):
        return False
    last = expected[-1][2] if expected else 0.0
    above = lambda top: sorted(tuple(hit[:2]) for hit in top if hit[2] > last + ROUNDING)  # noqa: E731
    return above(observed) == above(expected)


@pytest.mark.parametrize("expected", EXPECTED, ids=[e["q"] for e in EXPECTED])
def test_a_result_is_what_the_matchers_gave(corpus, expected):
    observed = observe(corpus, expected["q"], expected["filters"])
    assert observed["total"] == expected["total"]
    assert observed["total_documents"] == expected["total_documents"]
    assert observed["facets"] == expected["facets"]
    assert same_top(observed["top"], expected["top"]), (observed["top"], expected["top"])


def test_the_expectation_covers_the_queries():
    assert [(e["q"], e["filters"]) for e in EXPECTED] == [(q, f) for q, f in QUERIES]
    assert sum(e["total"] > 0 for e in EXPECTED) == len(EXPECTED)


def random_words(corpus, n: int = 120) -> list[str]:
    words = corpus.lexicon.dictionary_words(2, 6, min_count=2)
    return random.Random(11).sample(words, n)


def test_numpy_scoring_equals_the_whoosh_matchers(corpus):
    texts = [q for q, _ in QUERIES] + random_words(corpus)
    vectorised = 0
    for q in texts:
        query = build_query(prepare(SearchRequest(q), corpus).parsed)
        expected_ids, expected_scores = corpus.scored_by_matchers(query)
        ids, scores = corpus.scored_by_arrays(query) or (None, None)
        if ids is None:
            continue  # a query the arrays do not take goes to the matchers themselves
        vectorised += 1
        order = np.argsort(expected_ids)
        assert np.array_equal(ids, expected_ids[order]), q
        assert np.allclose(scores, expected_scores[order], rtol=1e-12, atol=0), q
    assert vectorised >= len(texts) - 8


@pytest.mark.parametrize("q", ["渝", "发 重 -abc", "改 OR 革", "川 province:四川", '"发" 展'])
def test_a_lone_character_is_scored_by_the_arrays_as_the_matchers_score_it(corpus, q):
    """A lone Chinese character is a prefix (its unigram and every bigram it starts):
    the arrays take it, so that two common characters never go to the matchers'
    paragraph-at-a-time loop (37-114 s for 发 重 -abc on the default corpus)."""
    query = build_query(prepare(SearchRequest(q), corpus).parsed)
    found = corpus.scored_by_arrays(query)
    assert found is not None, q
    expected_ids, expected_scores = corpus.scored_by_matchers(query)
    order = np.argsort(expected_ids)
    assert len(expected_ids) > 0 and np.array_equal(found[0], expected_ids[order])
    assert np.allclose(found[1], expected_scores[order], rtol=1e-12, atol=0)


def test_deleted_paragraphs_are_not_scored(tmp_path):
    """An incremental build deletes a changed file's paragraphs from its segment: the
    arrays leave them out as the matchers do."""
    folder = tmp_path / "in"
    write(folder / "a.txt", "2021年湖南省政府工作报告\n各位代表：\n" + "推进乡村振兴，建设美丽湖南。\n" * 20)
    write(folder / "b.txt", "2021年湖北省政府工作报告\n各位代表：\n" + "推进乡村振兴，发展县域经济。\n" * 20)
    build([folder], tmp_path / "index", progress=False)
    write(folder / "a.txt", "2022年湖南省政府工作报告\n各位代表：\n" + "推进乡村振兴，建设和美湖南。\n" * 5)
    build([folder], tmp_path / "index", progress=False)
    snap = SearchIndex(tmp_path / "index").snapshot()
    assert any(sub.reader().has_deletions() for sub, _ in snap.searcher.leaf_searchers())
    for q in ("乡村振兴", "湖南", "建设 -县域", "乡村振兴 OR 美丽", "湖 -县域"):
        query = build_query(prepare(SearchRequest(q), snap).parsed)
        ids, scores = snap.scored_by_arrays(query)
        expected_ids, expected_scores = snap.scored_by_matchers(query)
        assert np.array_equal(ids, np.sort(expected_ids)), q
        assert np.allclose(scores, expected_scores[np.argsort(expected_ids)], rtol=1e-12, atol=0), q
    assert len(snap.scored_by_arrays(build_query(prepare(SearchRequest("乡村振兴"), snap).parsed))[0]) == 25
