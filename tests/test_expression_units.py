"""A report's units (``indexer.analysis.report_units``, ``expression_choice``): the pieces jieba's words join
into, the quoted phrases and + terms, the items of a list, and which units are
expressions — pure functions, checked on sentences written here."""

from __future__ import annotations

from collections import Counter

import numpy as np

from indexer.analysis.expression_choice import own_expressions, wraps_a_unit
from indexer.analysis.report_units import (
    Units,
    enumerated,
    joined_pieces,
    plus_terms,
    quoted,
    report_units,
)
from indexer.analysis.unit_context import unit_context
from indexer.analysis.unit_edges import CLEAN, DOUBTFUL, NO_UNIT, edges, word_verdict
from indexer.search.first_use import news


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
    assert list(plus_terms(["人工智能", "+"])) == [("人工智能+", False)]  # the run ends: “人工智能+”行动
    assert list(plus_terms(["工程", "+", "天府"])) == [("工程+", True)]  # joins two things: the corpus tells
    assert list(plus_terms(["a", "+"])) == [] and list(plus_terms(["1", "+", "4"])) == []


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
        "坚持居全国第一位。坚持居全国第一位。全力保市场主体，稳就业、保市场主体。", lambda terms: [True] * len(terms)
    )
    assert "全国第一位" not in units.counts and "居全国第一位" not in units.counts  # ends in a numeral
    assert "保市场主体" in units.doubtful
    assert "保市场主体" not in own_expressions(units, lambda u: False)  # twice, but unknown to the corpus
    assert "保市场主体" in own_expressions(units, lambda u: u == "保市场主体")


def test_a_verb_with_its_result_or_a_preposition_after_it_is_no_unit():
    assert [edges(w) for w in (["降", "至"], ["汇聚", "起"], ["用", "于"])] == [NO_UNIT] * 3
    assert word_verdict("降至") == NO_UNIT  # a word jieba guessed, judged by its dictionary words
    assert edges(["年内", "产值", "达"]) == DOUBTFUL  # a one-character verb last, no result: the corpus tells


def test_a_unit_always_beside_the_same_word_is_attached_to_it():
    text = "推动成渝地区双城经济圈建设。唱好成渝地区双城经济圈建设“双城记”。学习党的二十大精神，党的二十大。"
    context = unit_context(text, ["地区双城经济圈建设", "成渝地区双城经济圈", "双城经济圈", "二十大"])
    # always after 成渝 / 地区; 推动/唱好 are verbs, 的 a particle, 建设 a verb: boundaries
    assert context.attached == {"地区双城经济圈建设": "<成渝", "双城经济圈": "<地区"}
    context = unit_context("新时代中国特色社会主义，新时代新征程", ["新时代中国", "新时代"])
    assert context.attached == {"新时代中国": ">特色"}  # 新时代 stands before 中国 and 新: no one word


def test_a_verb_with_different_objects_after_it_is_a_clause():
    text = "着力缓解企业融资难，着力缓解民生痛点。实施乡村振兴战略，推进乡村振兴。乡村振兴战略。"
    context = unit_context(text, ["着力缓解", "乡村振兴"])
    assert context.clauses == {"着力缓解"}  # 乡村振兴 stands before a full stop too
    assert "着力缓解" not in report_units(text, lambda terms: [True] * len(terms)).counts


def test_a_piece_of_a_name_is_an_expression_only_when_quoted():
    units = Units(
        Counter({"地区双城经济圈建设": 3, "双城记": 2, "涉企行政": 1}),
        {"双城记"},
        set(),
        {"地区双城经济圈建设": "<成渝"},
    )
    assert own_expressions(units, lambda u: True) == {"双城记", "涉企行政"}  # attached here (used twice or more)
    assert own_expressions(units, lambda u: True, fragment=lambda u: u == "涉企行政") == {"双城记"}  # by the corpus
    units.quoted.add("地区双城经济圈建设")
    assert "地区双城经济圈建设" in own_expressions(units, lambda u: True)


def test_a_span_of_time_may_begin_a_term_an_amount_may_not():
    assert edges(["一刻钟", "便民", "生活圈"]) == CLEAN  # a name: the quarter-hour living circle
    assert [edges(w) for w in (["亿元", "实施"], ["万亩", "高标准", "农田"], ["三个", "方面"])] == [NO_UNIT] * 3


def test_a_compound_or_a_dictionary_word_before_a_unit_wraps_nothing():
    here = {"攻坚战", "结构性改革", "新质生产力", "低空经济"}.__contains__
    assert not wraps_a_unit("污染防治攻坚战", here)  # 污染/防治: a verbal noun and its verb name the battle
    assert not wraps_a_unit("供给侧结构性改革", here)  # one word of the dictionaries
    assert wraps_a_unit("发展新质生产力", here) and wraps_a_unit("大力发展低空经济", here)
    assert wraps_a_unit("全面贯彻新质生产力", here)  # 全面: a noun by jieba's tag, a manner adverb here


def test_a_verbal_noun_with_its_verb_begins_a_term_a_verb_with_its_object_does_not():
    assert list(joined_pieces(["污染", "防治", "攻坚战"])) == ["污染防治", "污染防治攻坚战"]
    assert list(joined_pieces(["节能", "减排"])) == ["节能减排"]  # two verbs side by side
    assert "发展新质生产力" not in joined_pieces(["发展", "新", "质", "生产力"])


def test_a_verb_after_a_manner_word_or_a_common_verb_is_a_phrase_not_a_term():
    assert [edges(w) for w in (["持续", "推进"], ["坚定", "奉行"], ["支持", "创新"])] == [NO_UNIT] * 3
    assert (
        edges(["创新", "驱动"]) == CLEAN and edges(["节能", "减排"]) == DOUBTFUL
    )  # a verbal noun last; a rare verb first


def test_an_ordinary_word_is_no_news():
    terms = np.array(["司机", "抗疫", "地名文化", "排名", "营商环境", "两重"])
    assert news(terms, np.arange(6)).tolist() == [1, 2, 4, 5]  # 司机, 排名: common words; 两重 a numeral's slogan
    verbs = np.array(["打压", "核发", "缓税", "选调生"])  # plain verbs of jieba's dictionary; a coinage; a longer word
    assert news(verbs, np.arange(4)).tolist() == [2, 3]


def test_a_term_begins_after_a_verb_and_its_result():
    assert "污染防治攻坚战" in joined_pieces(
        ["坚决", "打", "好", "污染", "防治", "攻坚战"]
    )  # 打/好: 好 closes the verb


def test_a_numeral_is_no_attachment_and_a_dictionary_word_no_piece():
    assert unit_context("推出34个大模型，培育34个大模型", ["大模型"]).attached == {}  # 个: a measure word
    units = Units(Counter({"双循环": 2}), attached={"双循环": "<国际"})  # 国内国际/双循环 every time
    assert own_expressions(units, lambda u: True, fragment=lambda u: True) == {"双循环"}  # a word of the dictionaries


def test_a_verb_with_a_figure_after_it_is_a_clause():
    text = "全省通办事项超过1000项。参与人次达到1300万。有力应对2008年以来最严重的灾害。实施乡村振兴2025年行动。"
    context = unit_context(text, ["事项超过", "人次达到", "有力应对", "乡村振兴"])
    assert context.clauses == {"事项超过", "人次达到", "有力应对"}  # once is enough; 乡村振兴 names, it states nothing
    assert "人次达到" not in report_units(text, lambda terms: [True] * len(terms)).counts


def test_a_manner_noun_before_a_verb_is_a_clause():
    assert [edges(w) for w in (["时刻", "保持"], ["全力", "保障"], ["大力", "招引"])] == [NO_UNIT] * 3
    assert edges(["全面", "创新", "改革"]) != NO_UNIT  # a verbal noun last: the reform's name
    assert edges(["大力发展", "金融"]) == NO_UNIT  # a manner word and a verb in one word of jieba's


def test_a_suffix_of_the_word_before_or_the_copula_begins_no_unit():
    assert [edges(w) for w in (["性", "疫情"], ["型", "城市"], ["一是", "保持"])] == [NO_UNIT] * 3
    found = report_units(
        "防范聚集性疫情，遏制聚集性疫情。一是保持物价稳定，二是保持就业稳定。", lambda t: [True] * len(t)
    )
    assert not {"性疫情", "一是保持", "二是保持"} & set(found.counts)


def test_an_adjective_before_a_unit_is_no_attachment():
    assert unit_context("壮大耐心资本，壮大耐心资本", ["耐心资本"]).attached == {}  # 壮大 acts on the unit
    assert unit_context("新质生产力，新质生产力", ["质生产力"]).attached == {"质生产力": "<新"}  # one character
