"""The query language: what it means, and a clear answer for malformed input."""

from __future__ import annotations

import string

import pytest

from indexer.errors import QueryError
from indexer.messages import TEXTS, Message
from indexer.query.syntax import parse
from indexer.search import SearchRequest, search
from tests.conftest import search_all, total


def test_or_exclude_and_filters(corpus, all_paragraphs):
    _, a = search_all(corpus, "双城经济圈")
    _, b = search_all(corpus, "长三角一体化")
    _, either = search_all(corpus, "双城经济圈 OR 长三角一体化")
    assert either == a | b
    _, excluded = search_all(corpus, "双城经济圈 -重庆")
    rows = {(p["doc_id"], p["paragraph"]): p["text"] for p in all_paragraphs}
    assert excluded == {k for k in a if "重庆" not in rows[k]}
    _, filtered = search_all(corpus, "双城经济圈 province:重庆 year:2020")
    assert filtered and all(k[0] == "2020-chongqing-work-report" for k in filtered)


def test_only_exclusions_and_only_filters_are_read_sensibly(corpus):
    assert search(corpus, SearchRequest("province:四川 lang:en")).summary.total_documents == 3
    assert 0 < total(corpus, "-poverty province:四川") < total(corpus, "province:四川")


def test_interpreted_query_shows_the_reading(corpus):
    result = search(
        corpus, SearchRequest("(双城经济圈 OR 成渝 -重庆 “营商环境” year:2018-2020", {"province": ["Sichuan"]})
    )
    assert result.summary.interpreted_query == '双城经济圈 OR (成渝 -重庆 "营商环境") year:2018-2020 province:四川'
    assert result.summary.notices == [Message("missing_paren")]
    assert str(result.summary.notices[0]) == "A missing ')' was added at the end."


@pytest.mark.parametrize(
    ("q", "code", "english", "chinese"),
    [
        ('"双城经济圈', "unclosed_quote", "The closing quote was missing: read the phrase to the end.", "缺少右引号"),
        ("双城经济圈)", "unmatched_paren", "An unmatched ')' was ignored.", "多余的“)”已忽略"),
        ("((双城经济圈", "missing_paren", "A missing ')' was added at the end.", "已在末尾补上"),
        ("双城经济圈 -", "lone_minus", "A lone '-' was ignored.", "单独的“-”已忽略"),
    ],
)
def test_malformed_syntax_gets_a_reading_and_a_notice(corpus, q, code, english, chinese):
    result = search(corpus, SearchRequest(q))
    (notice,) = [n for n in result.summary.notices if n.code == code]
    assert notice.text("en") == english and chinese in notice.text("zh")
    assert result.summary.total == total(corpus, "双城经济圈")


def test_every_message_has_both_languages_with_the_same_values():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for code, (zh, en) in TEXTS.items():
        assert zh != en or code == "http_error", code  # a Chinese text is not the English one copied
        assert fields(zh) == fields(en), code


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("", "Type something"),
        ("   ", "Type something"),
        ("\x00\x01", "Type something"),
        ("year:abc", "is not a year"),
        ("province:atlantis", "Unknown province"),
        ("lang:fr", "Unknown language"),
        ("发" * 10_000, "too long"),
        ("year:[0 TO 99999]", "is not a year"),
        ("province:", "province: has no value"),  # not a search for the word "province"
        ("province：", "province: has no value"),
        ('type:""', "type: has no value"),
    ],
)
def test_unreadable_queries_raise_a_message(q, message):
    with pytest.raises(QueryError, match=message):
        parse(q)


@pytest.mark.parametrize(
    ("q", "code", "chinese"),
    [
        ("", "empty_query", "请输入要搜索的内容"),
        ("year:abc", "not_a_year", "year:abc 不是年份"),
        ("province:atlantis", "unknown_province", "未知的省份“atlantis”"),
        ("发" * 501, "query_too_long", "查询太长（501 个字符，最多 500 个）"),
        ("(" * 9 + "经济", "too_deep", "括号嵌套太深"),
        ("省份：", "empty_query", "省份: 后面没有值，已忽略；应写成如 省份:四川。 请输入要搜索的内容。"),
    ],
)
def test_an_unreadable_query_says_why_in_either_language(q, code, chinese):
    with pytest.raises(QueryError) as raised:
        parse(q)
    assert raised.value.code == code
    assert chinese in raised.value.text("zh")
    assert str(raised.value) == raised.value.text("en") != raised.value.text("zh")


def test_request_parameters_are_checked(corpus):
    for request in (
        SearchRequest("发展", page=0),
        SearchRequest("发展", page=-1),
        SearchRequest("发展", per_page=100_000),
    ):
        with pytest.raises(QueryError):
            search(corpus, request)
    far = search(corpus, SearchRequest("发展", page=99_999))
    assert far.hits == [] and far.summary.total > 0


def test_stock_parser_syntax_is_plain_text(corpus):
    # Wildcards, ranges, boosts and unknown fields are not syntax here.
    for q in ("经*", "text:发展", "发展^1000"):
        parsed = parse(q)
        assert parsed.selections == [] and parsed.root is not None
    assert total(corpus, "经*") == total(corpus, "经")


def test_ranking_prefers_adjacent_words(corpus):
    hits = search(corpus, SearchRequest("economic circle")).hits
    assert hits[0].doc["doc_id"] == "2020-sichuan-work-report-en"  # "twin-city economic circle", adjacent
    assert "economic circle" in hits[0].snippet.text.lower()
    assert any("economic circle" not in h.snippet.text.lower() for h in hits)  # others match too, ranked below


def test_ranking_prefers_reports_named_after_the_query(corpus):
    hits = search(corpus, SearchRequest("决议 province:全国", per_page=100)).hits
    named = ["决议" in h.doc["title"] for h in hits]
    assert True in named and False in named
    assert named == sorted(named, reverse=True)  # every paragraph of a resolution before any other


def test_deep_nesting_is_refused_not_crashed():
    parse("(" * 8 + "经济")
    for q in ("(" * 300 + "经济", "-(" * 249 + "a"):
        with pytest.raises(QueryError, match="nested parentheses"):
            parse(q)


def test_repeated_words_count_once_and_many_terms_are_refused(corpus):
    assert parse("的 " * 40).root == parse("的").root
    assert total(corpus, "经济 " * 100) == total(corpus, "经济")
    with pytest.raises(QueryError, match="Too many words"):
        parse(" ".join(f"w{i}" for i in range(30)))
    with pytest.raises(QueryError, match="single characters"):
        parse("一 二 三 四 五 六 七 八")


def test_words_with_nothing_to_search_are_left_out(corpus):
    both = total(corpus, "经济 发展")
    for q in ("经济 — 发展", "经济 / 发展", "经济 ， 发展"):
        assert total(corpus, q) == both
    assert total(corpus, "the economy") == total(corpus, "economy")


FILTER_NAMES = ["province", "city", "level", "year", "doc_type", "type", "lang", "PROVINCE", "Type"]
FILTER_NAMES += ["省份", "城市", "层级", "级别", "年份", "类型", "文件类型", "语言"]


@pytest.mark.parametrize("name", FILTER_NAMES)
@pytest.mark.parametrize("colon", [":", "："])  # ： as a Chinese keyboard types it
def test_a_filter_without_a_value_is_a_notice_never_a_word_searched(corpus, name, colon):
    result = search(corpus, SearchRequest(f"双城经济圈 {name}{colon}")).summary
    assert result.interpreted_query == "双城经济圈" and result.total == total(corpus, "双城经济圈")
    assert any(n.code == "filter_no_value" and n.params["name"] == name for n in result.notices), result.notices
    assert any(str(n).startswith(f"{name}: has no value") for n in result.notices)


@pytest.mark.parametrize(
    ("q", "same_as"),
    [
        ("营商环境 province：四川", "营商环境 province:四川"),
        ('营商环境 province:"四川省"', "营商环境 province:四川"),
        ("营商环境 TYPE：决议", "营商环境 doc_type:resolution"),
        ("营商环境 省份:四川", "营商环境 province:四川"),
        ("营商环境 省份：四川 年份：2015-2020", "营商环境 province:四川 year:2015-2020"),
        ("营商环境 类型：决议", "营商环境 doc_type:resolution"),
        ("营商环境 文件类型:政府工作报告 语言:中文", "营商环境 type:work-report lang:zh"),
        ("营商环境 城市:成都 级别:地市", "营商环境 city:成都 level:city"),
        ("营商环境 层级：city", "营商环境 level:city"),
        ("营商环境 province: 四川", "营商环境 province:四川"),
        ("province:  四川 营商环境", "营商环境 province:四川"),
        ("营商环境 省份： 四川 年份: 2015-2020", "营商环境 province:四川 year:2015-2020"),
        ('营商环境 province: "四川省"', "营商环境 province:四川"),
        ("营商环境 type: 决议", "营商环境 doc_type:resolution"),
    ],
)
def test_filters_typed_with_a_chinese_colon_or_a_quoted_value(corpus, q, same_as):
    assert search_all(corpus, q)[1] == search_all(corpus, same_as)[1]
    assert parse(q).filters() == parse(same_as).filters()


@pytest.mark.parametrize(
    ("q", "searched"),
    [
        ("营商环境 province: 双城经济圈", "营商环境 双城经济圈"),  # not a province: a word searched, as before
        ("营商环境 province: OR 成都", "营商环境 OR 成都"),
        ("营商环境 province: -成都", "营商环境 -成都"),
        ("营商环境 year: province:四川", "营商环境 province:四川"),
        ("营商环境 province: (成都)", "营商环境 成都"),
    ],
)
def test_a_filter_with_spaces_takes_only_a_value_of_its_own(q, searched):
    parsed = parse(q)
    assert parsed.interpreted() == parse(searched).interpreted()
    assert any(n.code == "filter_no_value" for n in parsed.notices)


def test_a_filter_with_a_space_is_cut_out_of_the_query_whole():
    q = "营商环境 省份： 四川 改革"
    (selection,) = parse(q).selections
    start, end = selection.span
    assert q[start:end] == "省份： 四川"


@pytest.mark.parametrize("q", ["营商环境 -province:四川", "营商环境 -year:"])
def test_an_excluded_filter_is_ignored_with_a_notice(corpus, q):
    result = search(corpus, SearchRequest(q)).summary
    assert result.interpreted_query == "营商环境" and result.total == total(corpus, "营商环境")
    (notice,) = result.notices
    assert notice.code == "excluded_filter" and q.split()[1] in notice.text("zh") and "不能排除" in notice.text("zh")
    assert str(notice).startswith("A filter cannot be excluded")
