"""A report's units (``indexer.analysis.expressions``): the pieces jieba's words join
into, the quoted phrases and + terms, the items of a list, and which units are
expressions — pure functions, checked on sentences written here."""

from __future__ import annotations

from collections import Counter

from indexer.analysis.expressions import (
    Units,
    enumerated,
    joined_pieces,
    own_expressions,
    plus_terms,
    quoted,
    report_units,
)
from indexer.analysis.unit_edges import CLEAN, DOUBTFUL, NO_UNIT, edges, word_verdict


def test_joined_words_make_terms_of_one_character_pieces_too_but_no_clause():
    assert list(joined_pieces(["长三角", "一体化", "发展"])) == ["长三角一体化", "长三角一体化发展", "一体化发展"]
    assert list(joined_pieces(["新", "质", "生产力"])) == ["新质", "新质生产力"]  # 质 belongs to 新: no 质生产力
    assert list(joined_pieces(["预制", "菜"])) == ["预制菜"]
    assert list(joined_pieces(["首发", "经济"])) == ["首发经济"]  # an adverb by jieba's tag, before a noun
    assert list(joined_pieces(["经济", "等", "领域"])) == []
    assert list(joined_pieces(["中", "了解"])) == []
    assert list(joined_pieces(["打造", "乡村振兴"])) == []  # a verb first: a clause, not a term
    assert list(joined_pieces(["优化", "法治化", "营商环境"])) == ["法治化营商环境"]


def test_quoted_phrases_keep_the_symbols_of_a_term():
    assert quoted("实施“十五五”规划，推进「放管服」改革，“a”与“一”，开展“人工智能+”行动，“5g”") == {
        "十五五",
        "放管服",
        "人工智能+",
        "5g",
    }


def test_a_word_with_a_plus_is_a_term():
    assert list(plus_terms(["人工智能", "+"])) == ["人工智能+"]  # the run ends: “人工智能+”行动
    assert list(plus_terms(["工程", "+", "天府"])) == []  # 金通工程+天府交邮通 joins two things
    assert list(plus_terms(["a", "+"])) == []


def test_an_enumeration_is_split_into_its_items():
    text = "加快发展数字经济、平台经济和共享经济等新业态，推进“东数西算”、“一网统管”。"
    assert enumerated(text) == Counter({"数字经济": 1, "平台经济": 1, "共享经济": 1, "东数西算": 1, "一网统管": 1})


def test_a_verb_around_a_known_unit_makes_no_new_expression():
    units = Units(Counter({"发展新质生产力": 1, "新质生产力": 2, "保市场主体": 1, "市场主体": 3, "首发经济": 1}))
    assert own_expressions(units, lambda u: True) == {"新质生产力", "保市场主体", "市场主体", "首发经济"}
    assert own_expressions(units, lambda u: False) == {"新质生产力", "市场主体"}  # used once, unknown: none


def test_words_jieba_read_across_a_boundary_are_no_units():
    # a measure or function word first, a numeral last, a count first: never
    assert [edges(w) for w in (["个", "扶贫"], ["天", "实现"], ["全国", "第一位"], ["亿元", "实施"])] == [NO_UNIT] * 4
    assert word_verdict("个扶贫") == NO_UNIT and word_verdict("万次") == NO_UNIT  # 个/扶贫 guessed; a count
    # a one-character verb first or last, or an attribute last: only where the corpus knows it
    assert [edges(w) for w in (["居", "全国"], ["保", "交", "楼"], ["年内", "产值", "达"], ["区域", "公共"])] == [
        DOUBTFUL
    ] * 4
    # a numeral or adjective of one character may begin a term
    assert [edges(w) for w in (["新", "质", "生产力"], ["两", "基地"], ["长三角", "一体化"])] == [CLEAN] * 3


def test_a_doubtful_unit_is_an_expression_only_where_the_corpus_knows_it():
    units = report_units(
        "坚持居全国第一位。坚持居全国第一位。全力保市场主体，全力保市场主体。", lambda terms: [True] * len(terms)
    )
    assert "全国第一位" not in units.counts and "居全国第一位" not in units.counts  # ends in a numeral
    assert "保市场主体" in units.doubtful
    assert "保市场主体" not in own_expressions(units, lambda u: False)  # twice, but unknown to the corpus
    assert "保市场主体" in own_expressions(units, lambda u: u == "保市场主体")
