"""The web UI and API through Flask's test client, over the bundled corpus index."""

from __future__ import annotations

import csv
import io
import math
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import escape

from indexer.index.build import build
from searchui import create_app
from tests.conftest import total, write
from tests.truth import matched


def html(response) -> str:
    return response.get_data(as_text=True)


def test_home_has_a_focused_box_syntax_and_examples(client):
    page = html(client.get("/"))
    assert re.search(r'<input type="search" name="q"[^>]*autofocus', page)
    assert "province:四川" in page
    assert 'href="/search?q=%E5%8F%8C%E5%9F%8E%E7%BB%8F%E6%B5%8E%E5%9C%88"' in page  # 双城经济圈


@pytest.fixture(scope="module")
def files(corpus, source_reports) -> dict:
    """Each indexed report's source file as tests/truth reads it, by doc_id."""
    return matched(corpus.documents, source_reports)


def grep_counts(files, all_paragraphs, phrase: str, provinces: set[str] | None = None) -> tuple[int, int]:
    """The truth: the stored paragraphs containing ``phrase``, and the reports whose source
    file has it — of the given provinces, as the files say."""
    chosen = {doc_id for doc_id, report in files.items() if provinces is None or report.province in provinces}
    paragraphs = sum(p["doc_id"] in chosen and phrase in p["text"] for p in all_paragraphs)
    return paragraphs, sum(phrase in files[doc_id].joined for doc_id in chosen)


def test_search_page_groups_by_report_with_facets_chart_and_links(client, corpus, files, all_paragraphs):
    response = client.get("/search?q=双城经济圈")
    page = html(response)
    assert response.status_code == 200
    paragraphs, reports_total = grep_counts(files, all_paragraphs, "双城经济圈")
    assert f"{paragraphs} 个段落，{reports_total} 份报告" in page
    assert re.search(r"用时 \d+ 毫秒", page)
    reports = re.findall(r'<article class="report">(.*?)</article>', page, re.S)
    assert len(reports) == min(10, reports_total) and reports_total > 10
    for report in reports:
        assert 1 <= report.count('class="hit"') <= 3
        assert "<mark>双城经济圈</mark>" in report
        assert re.search(r'href="/doc/[\w-]+\?q=%E5%8F%8C[^"#]*#p\d+"', report)
        doc_id = re.search(r'<h3><a href="/doc/([\w-]+)', report).group(1)
        matching = sum(p["doc_id"] == doc_id and "双城经济圈" in p["text"] for p in all_paragraphs)
        if matching > 3:
            assert f"本报告还有 {matching - 3} 处匹配段落" in report
    # facet sidebar: every matching province with its count, by count
    facet = re.search(r"<h2>省份</h2>(.*?)</section>", page, re.S).group(1)
    counts = [int(c) for c in re.findall(r'facet-count"[^>]*>(\d+)<', facet)]
    assert counts == sorted(counts, reverse=True) and sum(counts) == paragraphs
    assert "<svg" in page and "各省匹配段落数" in page and "各年匹配段落数" in page


def test_choosing_provinces_filters_with_or_and_chips_remove_them(client, corpus, files, all_paragraphs):
    page = html(client.get("/search?q=双城经济圈"))
    toggle = next(u for u in re.findall(r'<a href="([^"]+)">\s*<span class="facet-label">重庆<', page))
    toggle = toggle.replace("&amp;", "&")
    assert parse_qs(urlsplit(toggle).query)["province"] == ["重庆"]
    one = html(client.get(toggle))
    assert "{} 个段落，{} 份报告".format(*grep_counts(files, all_paragraphs, "双城经济圈", {"重庆"})) in one
    assert re.search(
        r'class="selected"[^>]*>\s*<a href="[^"]+" aria-current="true">\s*<span class="facet-label">重庆', one
    )
    # a second province adds to the first, and the facet still counts the others
    second = next(u for u in re.findall(r'<a href="([^"]+)">\s*<span class="facet-label">甘肃<', one))
    both = html(client.get(second.replace("&amp;", "&")))
    assert "{} 个段落，{} 份报告".format(*grep_counts(files, all_paragraphs, "双城经济圈", {"重庆", "甘肃"})) in both
    chips = re.findall(r'<a class="chip" href="([^"]+)"', both)
    assert len(chips) == 2
    back = html(client.get(chips[0].replace("&amp;", "&")))  # removes 重庆, keeps 甘肃
    assert "{} 个段落，{} 份报告".format(*grep_counts(files, all_paragraphs, "双城经济圈", {"甘肃"})) in back
    assert len(re.findall(r'<a class="chip" href=', back)) == 1


def reports_with(source_reports, term: str, province: str | None = None) -> int:
    """How many reports of the source files (tests/truth) have ``term`` in a paragraph."""
    return sum(
        any(term in text for text in r.folded) for r in source_reports if province is None or r.province == province
    )


def test_year_sort_and_pagination_over_reports(client, source_reports):
    reports = reports_with(source_reports, "营商环境")
    pages = math.ceil(reports / 10)
    first = html(client.get("/search?q=营商环境&sort=year"))
    assert f"第 1 / {pages} 页" in first
    years = [int(y) for y in re.findall(r'<p class="meta">\s*<span>[^<]+</span>\s*<span>(\d{4})</span>', first)]
    assert years == sorted(years, reverse=True) and len(years) == 10
    next_url = re.search(r'<a href="([^"]+)" rel="next">', first).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(next_url).query) == {"q": ["营商环境"], "sort": ["year"], "page": ["2"]}
    second = html(client.get(next_url))
    assert f"第 2 / {pages} 页" in second and 'rel="prev"' in second
    seen = set()
    for page in range(1, pages + 1):
        body = html(client.get(f"/search?q=营商环境&page={page}"))
        seen |= set(re.findall(r'<article class="report">\s*<h3><a href="/doc/([\w-]+)', body))
    assert len(seen) == reports  # every report exactly once over the pages


def test_no_results_gives_suggestions(client):
    page = html(client.get("/search?q=量子纠缠计算机&province=四川"))
    assert "没有找到与 量子纠缠计算机 province:四川 相关的段落" in page
    assert "去掉筛选条件" in page


def test_english_interface_and_province_names(client, corpus, files, all_paragraphs):
    page = html(client.get("/search?q=双城经济圈&ui=en"))
    paragraphs, reports = grep_counts(files, all_paragraphs, "双城经济圈")
    assert f"{paragraphs} paragraphs in {reports} reports" in page and "Province" in page and "Chongqing" in page
    assert "Chengdu" in page and "City" in page
    assert 'lang="en"' in page and "中文" in page  # the switch back
    assert "省份" not in page


def test_document_page_anchors_outline_and_highlights(client, corpus):
    response = client.get("/doc/2020-chongqing-work-report?q=双城经济圈")
    page = html(response)
    assert response.status_code == 200
    paragraphs = corpus.paragraphs("2020-chongqing-work-report")
    numbers = [int(n) for n in re.findall(r'<p id="p(\d+)" class="para', page)]
    assert numbers == [p["paragraph"] for p in paragraphs] == list(range(1, len(numbers) + 1))
    matching = [p["paragraph"] for p in paragraphs if "双城经济圈" in p["text"]]
    assert f'href="#p{matching[0]}"' in page and f"¶{matching[0]}" in page
    mentions = sum(p["text"].count("双城经济圈") for p in paragraphs)
    assert page.count("<mark>双城经济圈</mark>") == mentions and f"{len(matching)} 个段落含有 双城经济圈" in page
    assert '<aside class="outline"' in page and "二、2020年工作安排" in page
    doc = corpus.documents["2020-chongqing-work-report"]
    assert doc["date"] in page and doc["source"] in page
    assert f'<a href="{doc["source_url"]}" rel="noopener noreferrer">' in page  # the page it came from


def test_unknown_document_is_a_404_page(client):
    response = client.get("/doc/no-such-report")
    assert response.status_code == 404
    assert "找不到该页面" in html(response) and "no-such-report" in html(response)


def test_api_search_follows_the_contract_and_finds_what_grep_finds(client, files, all_paragraphs):
    data = client.get("/api/search?q=营商环境&province=四川省&province=jilin&page=1&per_page=3").get_json()
    provinces = {"四川", "吉林"}  # as the files say where each report is from
    truth = {
        (p["doc_id"], p["paragraph"])
        for p in all_paragraphs
        if "营商环境" in p["text"] and files[p["doc_id"]].province in provinces
    }
    assert data["total"] == len(truth) > 3
    assert data["total_documents"] == len({doc for doc, _ in truth})
    assert data["page"] == 1 and data["per_page"] == 3 and len(data["hits"]) == 3
    assert data["interpreted_query"] == "营商环境 province:四川 province:吉林"
    assert {(h["doc_id"], h["paragraph"]) for h in data["hits"]} <= truth
    for h in data["hits"]:
        assert h["province"] in provinces and h["url"] == f"/doc/{h['doc_id']}#p{h['paragraph']}"
        assert "<mark>营商环境</mark>" in h["snippet"]
    scores = [h["score"] for h in data["hits"]]
    assert scores == sorted(scores, reverse=True)
    selected = {f["value"] for f in data["facets"]["province"] if f["selected"]}
    assert selected == {files[doc].province for doc, _ in truth}  # the chosen ones that match


def test_api_docs(client, corpus):
    documents = client.get("/api/docs").get_json()["documents"]
    assert {d["doc_id"] for d in documents} == set(corpus.documents)
    assert [d["year"] or 0 for d in documents] == sorted((d["year"] or 0 for d in documents), reverse=True)
    doc = client.get("/api/docs/2020-anhui-work-report").get_json()
    assert doc["title"] == "安徽省政府工作报告" and doc["province"] == "安徽"
    assert [p["number"] for p in doc["paragraphs"]] == list(range(1, doc["paragraphs"][-1]["number"] + 1))
    assert all(set(p) == {"number", "text", "section", "citation"} for p in doc["paragraphs"])


def test_csv_export_has_every_matching_paragraph(client, corpus, files):
    response = client.get("/search.csv?q=双城经济圈")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["doc_id", "title", "province", "year", "paragraph", "url", "text"]
    assert len(rows) - 1 == total(corpus, "双城经济圈")
    assert all("双城经济圈" in row[6] for row in rows[1:])
    using = {doc_id for doc_id, report in files.items() if "双城经济圈" in report.joined}
    assert {row[0] for row in rows[1:]} == using  # every report the files say uses it


@pytest.mark.parametrize(
    ("url", "status", "message", "chinese"),
    [
        ("/api/search?q=", 400, "Type something", "请输入要搜索的内容"),
        ("/api/search?q=%20%20%20", 400, "Type something", "请输入要搜索的内容"),
        ("/search?q=" + "x" * 10_000, 400, "too long", "查询太长"),
        ("/search?q=双城经济圈&year=abc", 400, "is not a year", "year:abc 不是年份"),
        ("/search?q=双城经济圈&page=0", 400, "page must be 1 or more", "page 必须是 1 或更大的数"),
        ("/search?q=双城经济圈&page=-1", 400, "page must be 1 or more", "page 必须是 1 或更大的数"),
        ("/search?q=双城经济圈&page=abc", 400, "page must be a whole number", "page 必须是整数"),
        ("/search?q=双城经济圈&per_page=100000", 400, "per_page must be between", "per_page 必须在 1 到 100 之间"),
        ("/search?q=双城经济圈&province=atlantis", 400, "Unknown province", "未知的省份“atlantis”"),
        ("/search?q=双城经济圈&sort=random", 400, "sort must be one of", "sort 只能是"),
        ("/api/search?q=year:abc", 400, "is not a year", "year:abc 不是年份"),
        ("/api/search?q=双城经济圈&per_page=0", 400, "per_page must be between", "per_page 必须在 1 到 100 之间"),
        ("/api/docs/nope", 404, "There is no report 'nope'", "没有报告“nope”"),
        ("/api/search?q=双城经济圈&province=", 200, "", ""),
        ("/doc/nope", 404, "There is no report 'nope'", "没有报告“nope”"),
        ("/no/such/page", 404, "Not found", "找不到该页面"),
    ],
)
def test_bad_input_gets_a_clear_answer(client, url, status, message, chinese):
    """In the language asked for: a page in Chinese unless ui=en, the API in English unless ui=zh."""
    api = url.startswith("/api/")
    english, zh = (f"{url}&ui=en", f"{url}&ui=zh") if "?" in url else (f"{url}?ui=en", f"{url}?ui=zh")
    for asked, expected, wrong in ((english, message, chinese), (zh, chinese, message)):
        response = client.get(asked)
        assert response.status_code == status
        body = html(response)
        assert (expected if api else escape(expected)) in body and "Traceback" not in body  # a page escapes ' as &#39;
        assert not wrong or (wrong if api else escape(wrong)) not in body
    assert (message if api else chinese) in html(client.get(url))
    if api and status != 200:
        data = client.get(zh).get_json()
        assert set(data) == {"ok", "status", "code", "error"}
        assert data["ok"] is False and data["status"] == status and chinese in data["error"]
        assert data["code"] == client.get(url).get_json()["code"] != ""


@pytest.mark.parametrize(
    "url",
    [
        '/search?q="双城经济圈',
        "/search?q=(双城经济圈",
        "/search?q=双城经济圈)",
        "/search?q=%00%01%1b双城经济圈",
        "/search?q=%ff%fe%fd",
        "/search?q=双城经济圈&page=99999",
        "/doc/%ff%fe",
        "/search?q=-",
        "/api/search?q=%E5%8F",
    ],
)
def test_odd_input_is_answered_without_a_server_error(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    assert "Traceback" not in html(response)


def test_unclosed_quote_is_read_with_a_notice(client, corpus, files, all_paragraphs):
    page = html(client.get('/search?q="双城经济圈'))
    paragraphs, _ = grep_counts(files, all_paragraphs, "双城经济圈")
    assert "提示: 缺少右引号：短语读到了末尾。" in page and f"{paragraphs} 个段落" in page
    assert "The closing quote" not in page
    english = html(client.get('/search?q="双城经济圈&ui=en'))
    assert "Note: The closing quote was missing: read the phrase to the end." in english


@pytest.mark.parametrize(
    ("q", "code", "chinese", "english"),
    [
        ("双城经济圈)", "unmatched_paren", "多余的“)”已忽略。", "An unmatched ')' was ignored."),
        ("(双城经济圈", "missing_paren", "缺少“)”，已在末尾补上。", "A missing ')' was added at the end."),
        ("双城经济圈 -", "lone_minus", "单独的“-”已忽略。", "A lone '-' was ignored."),
        (
            "双城经济圈 -省份:四川",
            "excluded_filter",
            "筛选条件不能排除：已忽略 -省份:四川。",
            "A filter cannot be excluded",
        ),
        (
            "双城经济圈 年份：",
            "filter_no_value",
            "年份: 后面没有值，已忽略；应写成如 年份:2020。",
            "年份: has no value",
        ),
    ],
)
def test_every_notice_is_in_the_interface_language_and_the_api_carries_its_code(client, q, code, chinese, english):
    zh = html(client.get("/search", query_string={"q": q}))
    en = html(client.get("/search", query_string={"q": q, "ui": "en"}))
    assert f'<p class="notice">提示: {escape(chinese)}</p>' in zh and english not in zh
    assert f'<p class="notice">Note: {escape(english)}' in en and chinese not in en
    for ui, text in (("zh", chinese), ("en", english)):
        (notice,) = client.get("/api/search", query_string={"q": q, "ui": ui}).get_json()["notices"]
        assert notice["code"] == code and notice["message"].startswith(text)
    (default,) = client.get("/api/search", query_string={"q": q}).get_json()["notices"]
    assert default["message"].startswith(english)  # the API speaks English unless asked (lang is a filter)
    (with_lang,) = client.get("/api/search", query_string={"q": q, "lang": "zh"}).get_json()["notices"]
    assert with_lang["message"].startswith(english)


def test_query_text_is_escaped_and_csp_is_set(client):
    for q in ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>']:
        response = client.get("/search", query_string={"q": q})
        body = html(response)
        assert "<script>alert" not in body and "<img src=x" not in body
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    doc = html(client.get("/doc/2020-chongqing-work-report", query_string={"q": "<b>双城经济圈</b>"}))
    assert "&lt;b&gt;双城经济圈&lt;/b&gt;" in doc and "<b>双城" not in doc


def test_the_server_follows_a_rebuild_without_restart(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.txt", "2021年湖南省政府工作报告\n各位代表：\n推进乡村振兴。")
    root = tmp_path / "index"
    build([folder], root, progress=False)
    client = create_app(root).test_client()
    assert "1 个段落" in html(client.get("/search?q=乡村振兴"))
    write(folder / "b.txt", "2022年湖北省政府工作报告\n各位代表：\n全面推进乡村振兴。")
    build([folder], root, progress=False)
    assert "2 个段落，2 份报告" in html(client.get("/search?q=乡村振兴"))


def test_serving_never_writes_to_the_index(corpus_index_dir, client):
    before = {p: p.stat().st_mtime_ns for p in corpus_index_dir.rglob("*") if p.is_file()}
    for url in (
        "/search?q=发展",
        "/doc/2020-anhui-work-report?q=发展",
        "/api/search?q=发展",
        "/search.csv?q=渝",
        "/docs",
    ):
        client.get(url)
    assert {p: p.stat().st_mtime_ns for p in corpus_index_dir.rglob("*") if p.is_file()} == before


def test_a_filter_typed_in_the_query_is_unselected_from_the_query(client):
    page = html(client.get("/search?q=双城经济圈 province:chongqing&province=甘肃"))
    unselect = re.search(r'<a href="([^"]+)" aria-current="true">\s*<span class="facet-label">重庆', page).group(1)
    query = parse_qs(urlsplit(unselect.replace("&amp;", "&")).query)
    assert query["q"] == ["双城经济圈"] and query["province"] == ["甘肃"]
    unselect = re.search(r'<a href="([^"]+)" aria-current="true">\s*<span class="facet-label">甘肃', page).group(1)
    assert parse_qs(urlsplit(unselect.replace("&amp;", "&")).query) == {"q": ["双城经济圈 province:chongqing"]}


def test_document_page_with_an_unreadable_query_still_shows_the_report(client):
    for q in ("(", '"', "year:abc"):
        response = client.get("/doc/2020-chongqing-work-report", query_string={"q": q})
        assert response.status_code == 200 and 'id="p1"' in html(response)


def test_other_reading_links_replace_the_right_word(client):
    from werkzeug.datastructures import MultiDict

    from searchui.present import query_with

    with client.application.test_request_context("/search"):
        url = query_with(MultiDict({"q": "jingjiquan jingji"}), "jingji", "经济")
    assert parse_qs(urlsplit(url).query)["q"] == ["jingjiquan 经济"]


def test_a_value_chosen_in_several_spellings_is_unselected_in_one_click(client):
    page = html(
        client.get("/search?q=双城经济圈 (province:Chongqing)&province=重庆市&province=chongqing&province=甘肃")
    )
    unselect = re.search(r'<a href="([^"]+)" aria-current="true">\s*<span class="facet-label">重庆', page).group(1)
    query = parse_qs(urlsplit(unselect.replace("&amp;", "&")).query)
    assert query == {"q": ["双城经济圈"], "province": ["甘肃"]}  # and the parentheses it was typed in
    after = html(client.get(unselect.replace("&amp;", "&")))
    assert not re.search(r'aria-current="true">\s*<span class="facet-label">重庆', after)


def test_document_type_facet_filters_and_toggles(client, corpus):
    resolutions = {d for d, meta in corpus.documents.items() if meta["doc_type"] == "resolution"}
    page = html(client.get("/search?q=政府工作报告 type:决议&per_page=100"))
    assert "<h2>类型</h2>" in page
    found = set(re.findall(r'<article class="report">\s*<h3><a href="/doc/([\w-]+)', page))
    assert found and found <= resolutions
    unselect = re.search(r'<a href="([^"]+)" aria-current="true">\s*<span class="facet-label">决议', page).group(1)
    assert parse_qs(urlsplit(unselect.replace("&amp;", "&")).query) == {"q": ["政府工作报告"], "per_page": ["100"]}
    data = client.get("/api/search?q=政府工作报告&doc_type=resolution&ui=en").get_json()
    assert data["total_documents"] == len(found) and {h["doc_type"] for h in data["hits"]} == {"resolution"}


@pytest.mark.parametrize(
    ("q", "label", "left"),
    [
        ("营商环境 province:sichuan", "四川", "营商环境"),
        ("营商环境 Province:四川省", "四川", "营商环境"),
        ("营商环境 province：Sichuan", "四川", "营商环境"),
        ('营商环境 province:"四川"', "四川", "营商环境"),
        ("营商环境 city:chengdu", "成都", "营商环境"),
        ("营商环境 city:成都市", "成都", "营商环境"),
        ("营商环境 level:地市", "地市级", "营商环境"),
        ("营商环境 year:2020", "2020", "营商环境"),
        ("营商环境 lang:中文", "中文", "营商环境"),
        ("政府工作报告 type:决议", "决议", "政府工作报告"),
        ("政府工作报告 doc_type:Resolution", "决议", "政府工作报告"),
        ("营商环境 (province:sichuan OR 成都)", "四川", "营商环境 (成都)"),
        ("营商环境 省份:四川", "四川", "营商环境"),
        ("营商环境 省份：Sichuan", "四川", "营商环境"),
        ("省份：四川 营商环境", "四川", "营商环境"),
        ("营商环境 城市：成都", "成都", "营商环境"),
        ("营商环境 级别:地市", "地市级", "营商环境"),
        ("营商环境 层级：city", "地市级", "营商环境"),
        ("营商环境 年份：2020", "2020", "营商环境"),
        ("营商环境 语言：中文", "中文", "营商环境"),
        ("政府工作报告 类型：决议", "决议", "政府工作报告"),
        ("政府工作报告 文件类型:resolution", "决议", "政府工作报告"),
        ("营商环境 province: 四川", "四川", "营商环境"),
        ("营商环境 省份：  四川 改革", "四川", "营商环境 改革"),
    ],
)
def test_a_typed_filter_chosen_again_in_the_facet_list_goes_in_one_click(client, q, label, left):
    page = html(client.get("/search", query_string={"q": q}))
    selected = rf'<a href="([^"]+)" aria-current="true">\s*<span class="facet-label">{label}\s*<'
    unselect = re.search(selected, page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(unselect).query) == {"q": [left]}
    assert not re.search(selected, html(client.get(unselect)))


def test_a_query_of_an_empty_filter_says_so(client):
    response = client.get("/search?q=province:")
    assert response.status_code == 400 and "province: 后面没有值，已忽略" in html(response)
    english = client.get("/search?q=province:&ui=en")
    assert english.status_code == 400 and "province: has no value" in html(english)


def test_a_filter_with_a_space_after_its_colon_filters(client, source_reports):
    page = html(client.get("/search", query_string={"q": "营商环境 province: 四川"}))
    filtered = html(client.get("/search", query_string={"q": "营商环境", "province": "四川"}))
    shown = re.search(r"(\d+) 个段落，(\d+) 份报告", page)
    assert int(shown.group(2)) == reports_with(source_reports, "营商环境", "四川") > 0
    assert shown.group() in filtered and 'class="notice"' not in page
    alone = client.get("/search", query_string={"q": "province: "})
    assert alone.status_code == 400 and "province: 后面没有值" in html(alone)


def test_an_empty_typed_filter_is_a_notice(client, corpus, files, all_paragraphs):
    page = html(client.get("/search?q=双城经济圈 province:"))
    paragraphs, _ = grep_counts(files, all_paragraphs, "双城经济圈")
    assert "province: 后面没有值，已忽略" in page and f"{paragraphs} 个段落" in page


def test_the_app_works_under_a_url_prefix(corpus_index_dir):
    from werkzeug.middleware.dispatcher import DispatcherMiddleware
    from werkzeug.test import Client

    app = create_app(corpus_index_dir)
    mounted = Client(DispatcherMiddleware(lambda env, start: start("404 Not Found", []) or [b""], {"/ps": app}))
    home = mounted.get("/ps/").get_data(as_text=True)
    assert 'action="/ps/search"' in home and 'data-suggest-url="/ps/api/suggest"' in home
    assert 'href="/ps/static/style.css' in home
    page = mounted.get("/ps/search?q=双城经济圈").get_data(as_text=True)
    links = re.findall(r'href="([^"#]+)', page)
    assert links and all(link.startswith("/ps/") for link in links), [x for x in links if not x.startswith("/ps/")]
    data = mounted.get("/ps/api/search?q=双城经济圈").get_json()
    assert data["hits"][0]["url"].startswith("/ps/doc/")
    assert mounted.get(data["hits"][0]["url"].split("#")[0]).status_code == 200


def chip_links(page: str) -> dict[str, str]:
    """The chips of a page (but "clear all"): label → the URL that removes it."""
    found = re.findall(r'<a class="chip( chip--unmatched)?" href="([^"]+)"[^>]*>([^<]+)', page)
    return {label.strip(): href.replace("&amp;", "&") for _, href, label in found}


@pytest.mark.parametrize(
    ("q", "chip", "chip_en", "left"),
    [
        ("营商环境 type:决议", "类型: 决议", "Type: Resolution", "营商环境"),  # no resolution mentions it
        ("营商环境 年份：1990-1991", "年份: 1990-1991", "Year: 1990-1991", "营商环境"),  # no report of those years
        ("营商环境 province:四川 类型:决议 改革", "类型: 决议", "Type: Resolution", "营商环境 province:四川 改革"),
    ],
)
def test_a_typed_filter_that_nothing_matches_is_a_chip_that_removes_it(client, q, chip, chip_en, left):
    page = html(client.get("/search", query_string={"q": q}))
    assert "0 个段落，0 份报告" in page
    assert f"提示: 加上筛选条件“{chip}”后没有匹配的段落；点击下面的条件可以去掉它。" in page
    assert '<a class="chip chip--unmatched" href=' in page and "（无匹配）" in page
    removed = chip_links(page)[chip]
    assert parse_qs(urlsplit(removed).query)["q"] == [left]
    assert "0 个段落" not in html(client.get(removed))
    # the facet list shows it chosen, with a count of 0, and takes it away in one click too
    facet_entry = re.search(
        rf'<a href="([^"]+)" aria-current="true">\s*<span class="facet-label">{chip.split(": ")[1]}', page
    )
    assert facet_entry and facet_entry.group(1).replace("&amp;", "&") == removed
    english = html(client.get("/search", query_string={"q": q, "ui": "en"}))
    assert f"Note: Nothing matches with the filter “{chip_en}”: click it below to remove it." in english
    assert chip_en in chip_links(english) and "(no matches)" in english


def test_a_chosen_value_nothing_matches_is_in_the_api_facets_with_count_0(client):
    data = client.get("/api/search", query_string={"q": "营商环境 type:决议 year:1990-1991"}).get_json()
    assert data["total"] == 0
    assert [v for v in data["facets"]["doc_type"] if v["selected"]] == [
        {"value": "resolution", "count": 0, "documents": 0, "selected": True}
    ]
    assert [v["value"] for v in data["facets"]["year"] if v["selected"]] == [[1990, 1991]]


def test_an_unmatched_value_chosen_in_two_spellings_is_one_chip_and_clear_all_removes_typed_ones(client):
    page = html(client.get("/search", query_string={"q": "营商环境 province:四川 (Province:sichuan) type:决议"}))
    chips = chip_links(page)
    assert list(chips) == ["省份: 四川", "类型: 决议"]
    assert parse_qs(urlsplit(chips["省份: 四川"]).query)["q"] == ["营商环境 type:决议"]
    assert "提示: 加上筛选条件“类型: 决议”后没有匹配的段落" in page and "“省份: 四川”后没有" not in page
    clear = re.search(r'<a class="chip chip--clear" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert parse_qs(urlsplit(clear).query) == {"q": ["营商环境"]}


def test_a_filter_with_matches_typed_in_the_query_is_no_chip(client):
    page = html(client.get("/search", query_string={"q": "营商环境 province:四川"}))
    assert chip_links(page) == {} and "notice--unmatched" not in page
