"""Scoring: the numpy scoring against Whoosh's own matchers, paragraph by paragraph, on
queries of every kind, on random corpus words and on an index with deleted paragraphs.
(Which paragraphs and how many a query finds is checked against the source files in
test_facets, test_trend and test_phrase_recall.)"""

from __future__ import annotations

import random

import numpy as np
import pytest

from indexer.index.build import build
from indexer.query.compile import build_query
from indexer.search import SearchIndex
from indexer.search.prepare import SearchRequest, prepare
from tests.conftest import write

QUERIES = [
    "发展",
    "改革",
    "建设",
    "经济",
    "高质量发展",
    "双城经济圈",
    "成渝地区双城经济圈",
    "营商环境",
    "供给侧结构性改革",
    "乡村振兴",
    "放管服",
    "脱贫攻坚",
    "一带一路",
    "新质生产力",
    "数字经济",
    "长江经济带",
    "天府新区",
    "生态文明",
    "城乡居民",
    "国内生产总值",
    "人民群众",
    "大熊猫",
    "县域经济",
    "公园城市",
    "渝",
    "济圈",
    "的",
    "数字经济 OR 新基建",
    "乡村振兴 脱贫攻坚",
    "改革 开放",
    "经济 -疫情",
    "(绿色 OR 低碳) 发展",
    '"放管服"改革',
    '"成渝 双城"',
    "高质量发展 成都",
    "民营经济 营商环境 法治",
    "poverty alleviation",
    "reform",
    '"economic growth"',
    "GDP 2020",
    "5G",
    "发展",
    "改革",
    "建设",
    "乡村振兴",
    "高质量发展",
    "经济 province:四川",
    "发展 year:2019",
    "shuangchengjingjiquan",
    "scjjq",
]


def random_words(corpus, n: int = 120) -> list[str]:
    words = corpus.lexicon.dictionary_words(2, 6, min_count=2)
    return random.Random(11).sample(words, n)


def test_numpy_scoring_equals_the_whoosh_matchers(corpus):
    texts = QUERIES + random_words(corpus)
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


def test_positions_read_at_once_are_whooshs_own_decoding():
    """The phrase's positions, read for many postings at once, are what stock Whoosh's
    ``Positions.decode_positions`` gives for each (with and without the pickle's stop,
    which Whoosh's blocks may drop)."""
    from whoosh.formats import Positions

    from indexer.search.postings import positions

    rng = random.Random(7)
    lists = [sorted(rng.sample(range(50_000), rng.randint(1, 40))) for _ in range(500)]
    values = [Positions().encode(p) for p in lists]
    values = [v[:-1] if k % 3 == 0 else v for k, v in enumerate(values)]
    stock = [Positions().decode_positions(v) for v in values]
    flat, counts = positions(values)
    assert counts.tolist() == [len(p) for p in stock]
    assert flat.tolist() == [x for p in stock for x in p]
