"""Ingestion: cleaning, splitting, metadata and sections — on the bundled corpus and on
made-up documents with other provinces, years and sites' boilerplate."""

from __future__ import annotations

import json
import re

import pytest

from indexer.ingest.clean import clean_lines
from indexer.ingest.doc_ids import assign_doc_ids
from indexer.ingest.documents import documents_from_file
from indexer.ingest.metadata import detect
from indexer.ingest.paragraphs import build_paragraphs
from tests.conftest import BUNDLED_CORPUS, write

PROVINCES_2020 = (
    "安徽 北京 重庆 福建 甘肃 广东 广西 贵州 海南 河北 河南 黑龙江 湖北 湖南 吉林 江苏 江西 辽宁 "
    "内蒙古 宁夏 青海 山东 山西 陕西 上海 天津 西藏 新疆 浙江"
).split()

ENGLISH = {
    "seeds/000_6074751ce80ff89e.txt": ("2020-sichuan-work-report-en", "四川", "Sichuan", 2020, None),
    "seeds/001_b905f69b6a25458e.txt": (
        "2023-sichuan-standing-committee-provincial-party-en",
        "四川",
        "Sichuan",
        2023,
        "2023-03-16",
    ),
    "seeds/003_957402f9511e7e7e.txt": (
        "2024-sichuan-shi-xiaolin-chairs-enlarged-en",
        "四川",
        "Sichuan",
        2024,
        "2024-12-25",
    ),
    "seeds/004_feec8bd573019051.txt": ("2017-chongqing-work-report-en", "重庆", "Chongqing", 2017, "2017-01-15"),
}


@pytest.fixture(scope="module")
def documents(corpus):
    return corpus.sorted_documents()


COLLECTION = "seeds/002_fcb4acf3a3c06b95.txt"


def test_the_collection_becomes_one_document_per_provincial_report():
    documents = documents_from_file(BUNDLED_CORPUS / COLLECTION, COLLECTION).documents
    assign_doc_ids(documents, set())
    collection = [d.metadata() for d in documents]
    assert sorted(d["province"] for d in collection) == sorted(PROVINCES_2020)
    for d in collection:
        assert d["year"] == 2020 and d["lang"] == "zh"
        assert d["title"].endswith("政府工作报告") and d["title"].startswith(d["province"])
        assert d["doc_id"].startswith("2020-") and d["doc_id"].endswith("-work-report")
        assert d["paragraphs"] > 40
        assert re.fullmatch(r"第[一二三四五六七八九十]+篇", d["source_part"])
    dated = [d for d in collection if d["date"]]
    assert len(dated) >= 27 and all(d["date"].startswith("2020-01") for d in dated)


@pytest.mark.parametrize("source", sorted(ENGLISH))
def test_english_documents_have_province_year_and_date(documents, source):
    doc_id, province, province_en, year, date = ENGLISH[source]
    doc = next(d for d in documents if d["source"] == f"corpus/{source}")
    assert (doc["doc_id"], doc["province"], doc["province_en"], doc["year"], doc["lang"]) == (
        doc_id,
        province,
        province_en,
        year,
        "en",
    )
    assert doc["date"] == date


def test_national_reports_and_resolutions(documents):
    records = [json.loads(line) for line in (BUNDLED_CORPUS / "state-council" / "government_work_reports.jsonl").open()]
    national = {d["source_part"]: d for d in documents if d["source"].endswith(".jsonl")}
    assert len(national) == len(records) == 72
    for number, record in enumerate(records, start=1):
        doc = national[f"#{number}"]
        assert doc["province"] == "全国" and doc["province_en"] == "National"
        assert doc["source_url"] == record["url"]
        assert doc["title"] == record["title"]
        if record["year"]:
            assert doc["year"] == int(record["year"]) and doc["doc_id"] == f"{record['year']}-national-work-report"
        else:  # resolutions: the year of the NPC session they name
            assert "决议" in record["title"] and doc["doc_id"].endswith("-national-resolution")
            assert 1954 <= doc["year"] <= 2025
    resolutions = {d["year"] for d in national.values() if "决议" in d["title"]}
    assert {2025, 2024, 2023, 2020, 2008, 2007, 1962} <= resolutions


def test_a_report_bundled_twice_is_indexed_once(corpus, corpus_build):
    """The 2020 collection's Chongqing report is lawtext's 重庆市/2020.md; lawtext's
    四川省/2019.md is a near-copy of its 2020.md (the file with the text's year stays)."""
    skipped = {source: reason for source, reason in corpus_build[1].skipped if "near-duplicate" in reason}
    assert skipped.keys() == {
        f"corpus/{COLLECTION} 第三篇",
        "corpus/lawtext-gov/provinces.tar.xz!政府工作报告-省自治区/四川省/2019.md",
    }
    kept = {d["source"] for d in corpus.documents.values()}
    assert "corpus/lawtext-gov/provinces.tar.xz!政府工作报告-主要城市/重庆市/2020.md" in kept
    assert "corpus/lawtext-gov/provinces.tar.xz!政府工作报告-省自治区/四川省/2020.md" in kept
    assert sum(d["source"].endswith(COLLECTION) for d in corpus.documents.values()) == 28


def test_document_types(documents):
    for d in documents:
        if d["source"].endswith(".jsonl"):
            assert d["doc_type"] == ("resolution" if "决议" in d["title"] else "work-report"), d["title"]
        elif "!五年规划/" in d["source"]:
            assert d["doc_type"] == "plan", d["title"]
        elif "!政府工作报告-" in d["source"] or d["source"].endswith(COLLECTION):
            assert d["doc_type"] == "work-report", d["title"]
    english = {d["source"].rsplit("/", 1)[-1][:3]: d["doc_type"] for d in documents if d["lang"] == "en"}
    # 004: a news report relaying the work report's nine tasks, typed a work report by the manifest (issue #21)
    assert english == {"000": "work-report", "001": "other", "003": "other", "004": "work-report"}


def test_a_work_report_without_a_title_is_known_by_its_opening():
    assert (
        detect(["各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。"]).values["doc_type"] == "work-report"
    )
    assert detect(["会议强调，要推进乡村振兴。"]).values["doc_type"] == "other"


def test_doc_ids_are_unique(documents):
    ids = [d["doc_id"] for d in documents]
    assert len(ids) == len(set(ids))


BOILERPLATE = [
    "公选王",
    "遴选网",
    "Hosted by",
    "ICP No",
    "Website Identification",
    "本作品",
    "Public domain",
    "Open Governance",
    "维基文库",
    "Record No",
]


def test_boilerplate_is_not_indexed(all_paragraphs):
    for paragraph in all_paragraphs:
        text = paragraph["text"]
        assert not any(b in text for b in BOILERPLATE), text[:80]
        assert text not in {"目录", "Government", "Navigator", "false", "?"}
        assert not re.search(r"\.{3,}\s*\d+$", text), text  # table-of-contents lines
        assert not re.search(r"\*\*[^*]+\*\*", text), text  # markdown emphasis markers


def test_page_breaks_inside_a_sentence_are_joined(all_paragraphs):
    texts = [p["text"] for p in all_paragraphs]
    assert any("集中整治形式主义官僚主义专项行动" in t for t in texts)
    assert not any(t.startswith("僚主义专项行动") for t in texts)


def test_sections_follow_the_headings(corpus):
    from indexer.search import SearchRequest, search

    hit = search(corpus, SearchRequest('"推动成渝地区双城经济圈建设，努力在西部"')).hits[0]
    assert hit.doc["doc_id"] == "2020-chongqing-work-report"
    assert hit.section[0] == "二、2020年工作安排"
    assert hit.section[1].startswith("（二）推动成渝地区双城经济圈建设")


def test_markdown_bold_lines_are_sections(corpus):
    """lawtext's Markdown marks unnumbered sections in bold: 名词解释 (the glossary) ends 2023's report."""
    doc = next(d for d in corpus.documents.values() if d["source"].endswith("四川省/2023.md"))
    paragraphs = corpus.paragraphs(doc["doc_id"])
    glossary = next(p for p in paragraphs if p["text"] == "名词解释")
    after = [p for p in paragraphs if p["paragraph"] > glossary["paragraph"]]
    assert after and all(p["section"][0] == "名词解释" for p in after)
    assert not any("**" in p["text"] for p in paragraphs)
    assert (
        doc["source_url"].startswith("https://") and doc["title"] == "四川省政府工作报告"
    )  # front matter: 政府工作报告


def test_sections_nest_and_close():
    paragraphs = build_paragraphs(
        [
            "一、回顾",
            "正文",
            "（一）稳增长。内容",
            "1. 细则",
            "（二）促改革",
            "二、安排",
            "Part II Plans",
            "First, do it.",
        ]
    )
    assert [p.section for p in paragraphs] == [
        ["一、回顾"],
        ["一、回顾"],
        ["一、回顾", "（一）稳增长"],
        ["一、回顾", "（一）稳增长", "1"],
        ["一、回顾", "（二）促改革"],
        ["二、安排"],
        ["Part II Plans"],
        ["Part II Plans", "First, do it"],
    ]


# ---------------------------------------------------------------- unseen documents

UNSEEN_ZH = """四川省人民政府门户网站
首页
政务公开
政务服务
互动交流
下载 打印 全屏 收藏 【字号：加大 还原 减小】
来源：四川日报
2023年四川省政府工作报告
——2023年1月12日在四川省第十四届人民代表大会第一次会议上
四川省省长 黄强
各位代表：
现在，我代表省人民政府，向大会报告工作。
一、过去五年工作回顾
推动成渝地区双城经济圈建设走深走实，**营商环境**持续优化，全省经济总量迈上五万亿元台阶，
城乡居民收入稳步增长。
扫一扫在手机打开当前页
版权所有：四川省人民政府办公厅
网站标识码：5100000062
蜀ICP备05003827号
"""

UNSEEN_EN = """Home | News | Policies
Yunnan Issues Plan to Boost Border Trade
Updated: 2022-05-03 09:30
Print | Share | Close
The People's Government of Yunnan Province released a plan on Tuesday to boost border trade.
Kunming will host the fair.
Copyright © The People's Government of Yunnan Province. All rights reserved.
"""


def test_unseen_chinese_report_from_another_site(tmp_path):
    path = write(tmp_path / "sc2023.txt", UNSEEN_ZH)
    (doc,) = documents_from_file(path, "sc2023.txt").documents
    assert (doc.value("province"), doc.value("year"), doc.date, doc.value("lang")) == ("四川", 2023, "2023-01-12", "zh")
    assert doc.title == "2023年四川省政府工作报告"
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "2023年四川省政府工作报告"
    assert not any(w in t for t in texts for w in ["首页", "打印", "来源", "扫一扫", "版权所有", "ICP", "标识码"])
    assert any("营商环境持续优化" in t and "城乡居民收入稳步增长" in t for t in texts)  # ** gone, lines joined


def test_unseen_english_news_page(tmp_path):
    path = write(tmp_path / "yn.txt", UNSEEN_EN)
    (doc,) = documents_from_file(path, "yn.txt").documents
    meta = doc.metadata()
    assert (meta["province"], meta["province_en"], meta["year"], meta["date"], meta["lang"]) == (
        "云南",
        "Yunnan",
        2022,
        "2022-05-03",
        "en",
    )
    assert doc.title == "Yunnan Issues Plan to Boost Border Trade"
    texts = [p.text for p in doc.paragraphs]
    assert not any(w in t for t in texts for w in ["Print", "Copyright", "Updated", "Home | News"])


def test_gbk_and_traditional_report(tmp_path):
    text = "廣東省政府工作報告\n——2019年1月14日在廣東省第十三屆人民代表大會第二次會議上\n各位代表：\n推進粵港澳大灣區建設。"
    path = write(tmp_path / "gd.txt", text.encode("gb18030"))
    (doc,) = documents_from_file(path, "gd.txt").documents
    assert (doc.value("province"), doc.value("year"), doc.date) == ("广东", 2019, "2019-01-14")
    assert doc.paragraphs[-1].text == "推進粵港澳大灣區建設。"  # stored as written


def test_metadata_prefers_the_title_over_mentions():
    lines = ["2021年湖北省政府工作报告", "各位代表：", "学习浙江、江苏经验，浙江浙江浙江。"]
    detected = detect(lines)
    assert detected.values["province"] == "湖北" and detected.values["year"] == 2021


def test_a_text_with_nothing_to_detect_gets_warnings():
    detected = detect(["A short note without any place or date."])
    assert detected.values["province"] is None and detected.values["year"] is None
    assert "no province detected" in detected.warnings and "no year detected" in detected.warnings


def test_a_zero_width_space_on_its_own_line_does_not_end_a_block():
    """Wikisource's 2017 report: 74.4\n\u200b\n万亿元 and 改\n\u200b\n革 inside one paragraph."""
    text = "国内生产总值达到74.4\n\u200b\n万亿元，全面深化各领域改\n\u200b\n革。\n\n第二段"
    assert clean_lines(text, "block") == ["国内生产总值达到74.4万亿元，全面深化各领域改革。", "第二段"]


def test_clean_lines_joins_web_inline_breaks_in_block_mode():
    text = "会议听取了国务院总理所作的\n政府工作报告\n。会议认为\n\n第二段"
    assert clean_lines(text, "block") == ["会议听取了国务院总理所作的政府工作报告。会议认为", "第二段"]


def headless_years(corpus, all_paragraphs) -> list[tuple[str, int, int | None]]:
    """Every Chinese work report cut to its body ("各位代表：" onwards), with its indexed
    year and the year detected again without title, session line, file or folder."""
    bodies: dict[str, list[tuple[int, str]]] = {}
    for fields in all_paragraphs:
        bodies.setdefault(fields["doc_id"], []).append((fields["paragraph"], fields["text"]))
    found = []
    for doc_id, meta in corpus.documents.items():
        lines = [text for _, text in sorted(bodies.get(doc_id, []))]
        start = next((i for i, line in enumerate(lines) if line.startswith("各位代表")), None)
        if meta["doc_type"] == "work-report" and meta["lang"] == "zh" and start is not None:
            found.append((doc_id, meta["year"], detect(lines[start + 1 :]).values["year"]))
    return found


def test_the_year_of_a_work_report_without_its_head(corpus, all_paragraphs):
    """Measured: 118 of 118 reports since 1995 (the issue's target is 95 %; every bundled
    report is checked in test_corpus), 130 of 140 in all (the older national ones have
    budgets, five-year plans, few headings)."""
    found = headless_years(corpus, all_paragraphs)
    recent = [(doc_id, year, got) for doc_id, year, got in found if year >= 1995]
    wrong = [row for row in found if row[1] != row[2]]
    wrong_recent = [row for row in recent if row[1] != row[2]]
    assert len(found) >= 100 and len(recent) >= 80
    assert len(wrong_recent) <= 0.01 * len(recent), wrong_recent
    assert len(wrong) <= 0.08 * len(found), wrong


def test_a_body_plans_the_year_its_headings_and_plan_period_name():
    review = ["2025年是很不平凡的一年。", "过去一年，全省经济运行稳中有进。", "2025年地区生产总值增长5%。"] * 3
    assert detect(["各位代表：", *review, "二、2026年主要预期目标和重点工作"]).values["year"] == 2026
    assert detect(["各位代表：", *review, "今年是“十五五”开局之年。"]).values["year"] == 2026
    assert detect(["各位代表：", *review]).values["year"] == 2025  # nothing planned: the years mentioned


REVIEW = ["2025年是很不平凡的一年。", "过去一年，全省经济运行稳中有进。", "2025年地区生产总值增长5%。"] * 3


@pytest.mark.parametrize(
    ("body", "year"),
    [
        (["一、1999年国内工作回顾", *REVIEW], 2000),  # words between the year and 回顾
        (["一、１９９６年国内工作的回顾", *REVIEW], 1997),  # full-width digits
        (["一、“十一五”时期国民经济和社会发展的回顾", *REVIEW], 2011),
        (["一、“十四五”开局起步之年的工作回顾", *REVIEW, "二、2022年经济社会发展的目标要求"], 2022),
        (["一、1996年的政府工作和1997年的奋斗目标", *REVIEW], 1997),  # the later year a plan heading names
        (["一、全面完成了2004年的工作任务", *REVIEW, "2005年，是关键一年，做好今年工作意义重大。"], 2005),
        (["一、2020年主要工作", *REVIEW, "2021年是“十四五”开局之年。", "今年要抓好以下工作："], 2021),
        ([*REVIEW, "三、今年的主要任务", "2026年是“十五五”开局之年。", "今年，要坚持稳中求进。"], 2026),
    ],
)
def test_a_body_plans_the_year_its_review_plan_headings_and_sentences_name(body, year):
    assert detect(["各位代表：", *body]).values["year"] == year


def test_a_review_of_five_years_plans_the_year_after():
    body = ["一、过去五年政府工作的回顾", *REVIEW, "二、今后五年的主要任务", "到2030年，生产总值翻一番。" * 3]
    assert detect(["各位代表：", *body]).values["year"] == 2026


def test_opening_words_are_no_title_to_take_a_year_or_a_type_from():
    """A body's first sentence is what it is listed as, but its years are the review's
    and its "第一个五年计划" does not make it a plan of 1953."""
    body = [
        "本届政府1998年3月就职，任期即将结束。从今年开始，实施新世纪第一个五年计划。",
        "一、2000年工作回顾",
        *REVIEW,
    ]
    detected = detect(body)
    assert detected.title.startswith("本届政府1998年3月就职")
    assert detected.values["year"] == 2001 and detected.values["doc_type"] != "plan"
