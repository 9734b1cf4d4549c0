"""A report's new expressions without pieces of longer terms, jieba's accidents and verb
phrases (``indexer.search.novelty``): checked on expression counts built here by hand,
each report a text whose counts are read off it with ``str.count``."""

from __future__ import annotations

import numpy as np

from indexer.index.expression_matrix import ExpressionCounts
from indexer.search.novelty_pieces import accidents, pieces_here, pieces_of_longer_terms, verb_phrases


def counts_of(texts: list[str], vocabulary: list[str], own: list[set[str]] | None = None) -> ExpressionCounts:
    """The counts of ``vocabulary`` in each text (every term an expression of its own in a
    text that has it, unless ``own`` says which)."""
    terms = sorted(vocabulary)
    indptr, indices, counts, owned = [0], [], [], []
    for k, text in enumerate(texts):
        for i, term in enumerate(terms):
            if term in text:
                indices.append(i)
                counts.append(text.count(term))
                owned.append(term in (own[k] if own else {term}))
        indptr.append(len(indices))
    indices_a = np.array(indices, dtype=np.int32)
    owned_a = np.array(owned, dtype=bool)
    return ExpressionCounts(
        np.array(terms, dtype=object),
        np.array([f"r{k:03d}" for k in range(len(texts))], dtype=object),
        np.array(indptr, dtype=np.int64),
        indices_a,
        np.array(counts, dtype=np.int32),
        owned_a,
        np.array([len(t) for t in texts], dtype=np.int64),
        np.bincount(indices_a[owned_a], minlength=len(terms)).astype(np.int32),
    )


def test_a_term_always_inside_one_longer_term_here_and_mostly_in_the_corpus_is_a_piece():
    report = "抓好批而未供土地处置，减少批而未供。构建国内国际双循环，国内国际双循环。"
    others = ["批而未供。"] * 18 + ["已批未供。", "国内国际双循环。", "国内国际双循环。"]
    matrix = counts_of([report, *others], ["未供", "批而未供", "双循环", "国内国际双循环"])
    # 未供: 20 of 21 times in 批而未供 (95 %); 双循环, always inside here, is a word of the dictionaries
    assert pieces_of_longer_terms(matrix, 0, {"未供", "批而未供", "双循环"}) == {"未供"}
    once_alone = counts_of([report + "土地未供。", *others], ["未供", "批而未供"])
    assert pieces_of_longer_terms(once_alone, 0, {"未供"}) == set()  # here it stands alone once


def test_a_string_many_reports_hold_but_only_this_one_as_a_unit_is_an_accident():
    texts = ["深入推进“一干多支”。多支。"] + ["一干多支。"] * 10 + ["新词。"]
    own = [{"多支", "一干多支", "新词"}] + [{"一干多支"}] * 10 + [{"新词"}]
    matrix = counts_of(texts, ["多支", "一干多支", "新词"], own)
    ids = np.arange(len(matrix.terms))
    assert accidents(matrix, ids) == {"多支"}  # 11 reports hold it, one has it as a unit
    fewer = counts_of(texts[:9], ["多支", "一干多支"], own[:9])
    assert accidents(fewer, np.arange(2)) == set()  # held by 9 reports: too few


def test_a_term_with_a_verb_after_it_is_a_phrase_unless_the_corpus_mostly_says_it_so():
    texts = ["自贸区建设。"] + ["自贸区。"] * 9 + ["新农村建设。"] * 4 + ["新农村。", "冰雪旅游。", "冰雪。" * 9]
    matrix = counts_of(texts, ["自贸区", "自贸区建设", "新农村", "新农村建设", "冰雪", "冰雪旅游"])
    candidates = {"自贸区建设", "新农村建设", "冰雪旅游"}
    # 自贸区建设: 1 of 10 自贸区 (a phrase); 新农村建设: 4 of 5; 冰雪: a head of two characters
    assert verb_phrases(matrix, candidates) == {"自贸区建设"}
    named = counts_of(["乡村振兴战略。", *["乡村振兴。"] * 9], ["乡村振兴", "乡村振兴战略"])
    assert verb_phrases(named, {"乡村振兴战略"}) == set()  # 战略 is no verb
    law = counts_of(["民营经济促进法。", *["民营经济。"] * 9], ["民营经济", "民营经济促进法"])
    assert verb_phrases(law, {"民营经济促进法"}) == set()  # 促进法, a verb to jieba, is no verb of two characters


def test_a_term_always_beside_the_same_two_characters_here_is_a_piece_unless_a_boundary():
    text = (
        "湟水河出境断面水质达标，湟水河出省断面水质改善。建成一批抗旱应急水源，完善抗旱应急水源工程。"
        "加快发展低空经济。因地制宜发展低空经济。推进产城融合城乡统筹，实现产城融合城乡统筹。"
        "建设国家公园，国家公园体制。构建国内国际双循环，国内国际双循环。"
    )
    terms = {"河出", "抗旱应急", "低空经济", "产城融合", "国家公园", "双循环"}
    # after 湟水, before 水源: pieces; a verb before (发展) is a boundary; so is another expression
    # of the report right after (城乡统筹); 国家公园 stands beside different words; 双循环 is a word
    assert pieces_here(text, terms, own={"产城融合", "城乡统筹"}) == {"河出", "抗旱应急"}
    assert pieces_here(text, terms, own=set()) == {"河出", "抗旱应急", "产城融合"}
