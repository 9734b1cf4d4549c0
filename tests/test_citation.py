"""Cite this paragraph: the citations' text (written out by hand here), the same
citations in the API, and the cite button used with the keyboard in Chromium."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest

from searchui.render.cite import citation, issuer
from tests.conftest import SIZES, shoot

TODAY = dt.date.today()
CHONGQING_36_SECTION = "二、2020年工作安排 › （二）推动成渝地区双城经济圈建设，努力在西部形成高质量发展的重要增长极"


def test_a_report_with_a_section_path_is_cited_in_both_styles():
    doc = {"title": "重庆市人民政府工作报告（2020年）", "province": "重庆", "city": None, "level": "provincial"}
    doc |= {"year": 2020, "doc_type": "work-report", "date": "2020-01-11"}
    section = ["二、2020年工作安排", "（二）推动成渝地区双城经济圈建设"]
    link = "https://example.org/doc/2020-chongqing-work-report#p36"
    cited = citation(doc, 36, section, link, dt.date(2026, 11, 28))
    assert cited == {
        "gbt7714": "重庆市人民政府. 重庆市人民政府工作报告（2020年）: 二、2020年工作安排 › （二）推动成渝地区双城经济圈建设, "
        "第36段[EB/OL]. (2020-01-11)[2026-11-28]. https://example.org/doc/2020-chongqing-work-report#p36.",
        "english": "People's Government of Chongqing Municipality. 重庆市人民政府工作报告（2020年） [Government work report]. "
        "11 January 2020. Section: 二、2020年工作安排 › （二）推动成渝地区双城经济圈建设, paragraph 36. "
        "https://example.org/doc/2020-chongqing-work-report#p36 (accessed 28 November 2026).",
        "permalink": link,
    }


def test_without_a_date_or_a_section_the_year_and_the_paragraph_stand_alone():
    doc = {"title": "四川省政府工作报告", "province": "四川", "level": "provincial", "year": 2005}
    doc |= {"doc_type": "work-report", "date": None}
    cited = citation(doc, 3, [], "http://x/doc/a#p3", dt.date(2026, 1, 2))
    assert cited["gbt7714"] == "四川省人民政府. 四川省政府工作报告: 第3段[EB/OL]. 2005[2026-01-02]. http://x/doc/a#p3."
    assert cited["english"] == (
        "People's Government of Sichuan Province. 四川省政府工作报告 [Government work report]. 2005. "
        "Paragraph 3. http://x/doc/a#p3 (accessed 2 January 2026)."
    )


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"level": "national", "province": "全国", "doc_type": "work-report"}, ("国务院", "State Council of China")),
        (
            {"level": "national", "province": "全国", "doc_type": "resolution"},
            ("全国人民代表大会", "National People's Congress"),
        ),
        (
            {"level": "city", "province": "四川", "city": "成都", "doc_type": "work-report"},
            ("成都市人民政府", "People's Government of Chengdu Municipality"),
        ),
        (
            {"level": "provincial", "province": "广西", "doc_type": "plan"},
            ("广西壮族自治区人民代表大会", "People's Congress of Guangxi Autonomous Region"),
        ),
        (
            {"level": "city", "province": "新疆", "city": "喀什", "doc_type": "work-report"},
            ("喀什地区行政公署", "Administrative Office of Kashgar Prefecture"),
        ),
        ({"level": "provincial", "province": "四川", "doc_type": "other"}, None),  # news: no issuer
    ],
)
def test_the_issuing_body_follows_the_place_and_the_kind_of_document(doc, expected):
    assert issuer(doc) == expected


def test_the_api_gives_every_paragraph_its_citation(client, corpus):
    data = client.get("/api/docs/2020-chongqing-work-report").get_json()
    paragraphs = {p["number"]: p for p in data["paragraphs"]}
    assert len(paragraphs) == len(corpus.paragraphs("2020-chongqing-work-report"))
    p36 = paragraphs[36]
    fingerprint = hashlib.sha256(p36["text"].encode("utf-8")).hexdigest()[:8]  # of the text cited (issue 25)
    link = f"http://localhost/doc/2020-chongqing-work-report?p=36&fp={fingerprint}#p36"
    assert " › ".join(p36["section"]) == CHONGQING_36_SECTION
    assert p36["citation"]["permalink"] == link
    assert p36["citation"]["gbt7714"] == (
        f"重庆市人民政府. 重庆市人民政府工作报告（2020年）: {CHONGQING_36_SECTION}, 第36段[EB/OL]. "
        f"(2020-01-11)[{TODAY.isoformat()}]. {link}."
    )
    one = client.get("/api/docs/2020-chongqing-work-report/paragraphs/36").get_json()
    assert one == {"doc_id": "2020-chongqing-work-report", **p36}


@pytest.mark.parametrize(
    "path", ["/api/docs/2020-chongqing-work-report/paragraphs/100000", "/api/docs/no-such-report/paragraphs/1"]
)
def test_a_paragraph_that_is_not_there_is_a_404_in_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.get_json()["ok"] is False


def test_the_page_text_carries_its_language(client):
    zh = client.get("/doc/2020-chongqing-work-report").get_data(as_text=True)
    en = client.get("/doc/2020-sichuan-work-report-en?ui=en").get_data(as_text=True)
    assert '<h1 lang="zh-CN">重庆市人民政府工作报告（2020年）</h1>' in zh
    assert zh.count('<span class="ptext" lang="zh-CN">') == zh.count('class="para')
    assert en.count('<span class="ptext" lang="en">') == en.count('class="para') > 0
    assert '<html lang="en">' in en


def test_citing_with_the_keyboard_copies_and_says_so(server, browser):
    context = browser.new_context(viewport=SIZES["laptop"], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/doc/2020-chongqing-work-report#p36")
    page.keyboard.press("Tab")  # from the paragraph the link pointed at: its ¶ link, then its cite button
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "cite-button"
    assert page.evaluate("document.activeElement.closest('.para').id") == "p36"
    page.keyboard.press("Enter")
    panel = page.locator("#p36 + .cite-panel")
    copy = panel.locator(".cite-copy").first
    copy.wait_for()
    assert page.evaluate("document.activeElement.classList.contains('cite-copy')")  # focus moved into the panel
    page.keyboard.press("Enter")
    status = panel.locator(".cite-status")
    status.filter(has_text="已复制").wait_for()
    assert status.is_visible() and status.inner_text() == "已复制GB/T 7714"
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("重庆市人民政府. 重庆市人民政府工作报告（2020年）: " + CHONGQING_36_SECTION + ", 第36段")
    tail = rf"\[{TODAY.isoformat()}\]\. {server}/doc/2020-chongqing-work-report\?p=36&fp=[0-9a-f]{{8}}#p36\.$"
    assert re.search(tail, copied), copied
    shoot(page, "cite-laptop")

    page.keyboard.press("Tab")  # the English style's copy button
    page.keyboard.press("Enter")
    status.filter(has_text="已复制英文格式").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"(accessed {TODAY.day} {TODAY:%B %Y}).")

    page.keyboard.press("Escape")
    assert panel.count() == 0
    assert page.evaluate("document.activeElement.closest('.para').id") == "p36"
    assert page.evaluate("document.activeElement.getAttribute('aria-expanded')") == "false"
    context.close()


def test_each_result_has_a_cite_button(server, browser):
    context = browser.new_context(viewport=SIZES["phone"], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(server + "/search?q=双城经济圈&ui=en")
    hits, buttons = page.locator(".hit"), page.locator(".hit .cite-button")
    assert hits.count() == buttons.count() > 0
    first_link = page.locator(".hit .para-link").first.get_attribute("href")
    buttons.first.click()
    permalink = page.locator(".hit .cite-panel [data-key=permalink] .cite-text")
    permalink.wait_for()
    doc_path, anchor = first_link.split("?")[0], first_link.split("#")[1]
    number = anchor.removeprefix("p")
    assert re.fullmatch(rf"{server}{doc_path}\?p={number}&fp=[0-9a-f]{{8}}#{anchor}", permalink.inner_text())
    shoot(page, "cite-result-phone")
    context.close()
