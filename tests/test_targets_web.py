"""Targets (issue 26) on the test index: /api/targets, /targets, /targets.csv and the CLI.

The test corpus holds every report of Sichuan, Chengdu and Mianyang, so a province and
its cities stand on one page. What the rows must say comes from the hand-read truth
set (tests/data/targets_truth.tsv), read here with this file's own CSV reading."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from searchui.cli import main
from tests.test_targets import read_truth

CONTRACT = {
    "doc_id",
    "place",
    "level",
    "province",
    "city",
    "year",
    "value",
    "value_high",
    "modifier",
    "unit",
    "text",
    "paragraph",
    "url",
    "outcome",
    "outcome_doc_id",
}
# the truth set's places that the test index holds: folder name → (level, province, city)
PLACES = {
    "四川省": ("provincial", "四川", None),
    "成都市": ("city", "四川", "成都"),
    "绵阳市": ("city", "四川", "绵阳"),
}


def truth_rows() -> dict[tuple, object]:
    """The hand-read rows of the test index's places, by (level, province, city, year)."""
    rows = {}
    for t in read_truth():
        folder = t.path.split("/")[1] if "/" in t.path else ""
        if folder in PLACES:
            rows[(*PLACES[folder], t.year)] = t
    return rows


@pytest.fixture(scope="module")
def sichuan(client) -> dict:
    response = client.get("/api/targets?indicator=gdp&province=四川")
    assert response.status_code == 200
    return response.get_json()


def by_place(data: dict) -> dict[tuple, dict]:
    return {(r["level"], r["province"], r["city"], r["year"]): r for r in data["rows"]}


def test_the_api_keeps_its_contract(sichuan):
    assert {"indicator", "rows", "without_target"} <= set(sichuan)
    assert sichuan["indicator"] == "gdp"
    assert all(set(row) >= CONTRACT for row in sichuan["rows"])
    assert all(row["value_high"] is None or row["value_high"] > row["value"] for row in sichuan["rows"])
    assert all(isinstance(row["modifier"], str) for row in sichuan["rows"])
    assert all(row["url"].endswith(f"#p{row['paragraph']}") for row in sichuan["rows"])


def test_province_and_its_cities_match_the_hand_read_targets(sichuan):
    rows = by_place(sichuan)
    truth = truth_rows()
    assert len(truth) >= 12
    levels = {key[0] for key in truth}
    assert levels == {"provincial", "city"}  # a province and its cities on one page
    for key, t in truth.items():
        if t.value is None:
            continue
        row = rows[key]
        assert (row["value"], row["value_high"], row["modifier"]) == (t.value, t.value_high, t.modifier), key
    # 层层加码 visible: 绵阳's 2021 target above 四川's
    assert rows[("city", "四川", "绵阳", 2021)]["value"] > rows[("provincial", "四川", None, 2021)]["value"]


def test_each_outcome_is_attached_to_the_target_it_answers(sichuan, corpus):
    rows = by_place(sichuan)
    checked = 0
    for key, t in truth_rows().items():
        if t.value is None or t.outcome is None:
            continue
        row = rows[key]
        assert row["outcome"] == t.outcome, key
        following = corpus.documents[row["outcome_doc_id"]]
        assert following["year"] == t.year + 1
        assert (following["level"], following["province"], following["city"]) == key[:3]
        checked += 1
    assert checked >= 10


def test_a_year_without_a_target_is_listed_as_such(sichuan, corpus):
    # 2020, read by hand: 四川 "增速比全国高2个百分点左右", 成都 "增速继续保持高于全省态势" (no number)
    none_2020 = [corpus.documents[d] for d in sichuan["without_target"] if corpus.documents[d]["year"] == 2020]
    assert sorted((d["level"], d["city"] or "") for d in none_2020) == [("city", "成都"), ("provincial", "")]
    assert not [
        r
        for r in sichuan["rows"]
        if r["year"] == 2020 and (r["level"], r["city"]) in (("provincial", None), ("city", "成都"))
    ]


def test_the_nation_stands_beside_the_province(sichuan):
    national = [r for r in sichuan["rows"] if r["level"] == "national"]
    assert {r["year"]: r["value"] for r in national if r["year"] in (2016, 2024)} == {2016: 6.5, 2024: 5.0}


def test_csv_has_division_codes_and_tells_none_from_missing(client):
    response = client.get("/targets.csv?indicator=gdp&province=四川&year=2014-2025")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    by = {(r["place"], int(r["year"])): r for r in rows}
    assert by[("四川", 2021)]["division_code"] == "510000" and by[("四川", 2021)]["status"] == "target"
    assert by[("成都", 2021)]["division_code"] == "510100"
    assert by[("绵阳", 2021)]["division_code"] == "510700"
    assert by[("四川", 2020)]["status"] == "none" and by[("四川", 2020)]["value"] == ""
    assert by[("绵阳", 2015)]["status"] == "missing"  # 绵阳 has no 2015 report in the corpus
    assert by[("全国", 2021)]["division_code"] == "100000"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("/api/targets?indicator=nope", "unknown_indicator"),
        ("/api/targets?indicator=gdp&province=四川&year=1900", "no_targets"),
        ("/api/targets?indicator=gdp&province=火星", "unknown_province"),
    ],
)
def test_bad_input_is_a_json_400(client, url, code):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json()["code"] == code


@pytest.mark.parametrize("query", ["indicator=nope", "indicator=gdp&province=四川&year=1900"])
def test_bad_input_is_a_page_with_the_form(client, query):
    response = client.get(f"/targets?{query}&ui=en")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert '<select name="indicator">' in html and 'role="alert"' in html
    assert "Unknown indicator" in html or "No work report" in html


def test_the_page_in_both_languages(client):
    zh = client.get("/targets?indicator=gdp&province=四川").get_data(as_text=True)
    en = client.get("/targets?indicator=gdp&province=四川&ui=en").get_data(as_text=True)
    assert "目标与完成" in zh and "成都" in zh and "绵阳" in zh
    assert "Targets and outcomes" in en and "Chengdu" in en and "Sichuan" in en
    assert 'class="target-chart"' in zh and "<polyline" in zh
    assert "/doc/" in zh and "#p" in zh  # every cell links to its sentence
    assert "style=" not in zh


def test_filters_are_chips_that_remove_themselves(client):
    """The form's filters are also shown as chips, each a link to the page without it
    (the empty fields a submitted form sends make no chip)."""
    html = client.get("/targets?indicator=gdp&province=四川&city=&level=city&year=2018-2022").get_data(as_text=True)
    chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)<', html)
    assert sorted(label.strip() for _, label in chips) == ["层级: 地市级", "年份: 2018-2022", "省份: 四川"]
    for href, label in chips:
        url = urlsplit(unescape(href))
        args = parse_qs(url.query)
        assert url.path == "/targets" and args["indicator"] == ["gdp"]
        assert ("province" in args) == ("省份" not in label) and ("year" in args) == ("年份" not in label)
        assert ("level" in args) == ("层级" not in label)
    en = client.get("/targets?indicator=gdp&province=四川&ui=en").get_data(as_text=True)
    assert re.search(r'<a class="chip" href="[^"]*ui=en[^"]*"[^>]*>Province: Sichuan', en)
    assert 'class="chip"' not in client.get("/targets?indicator=gdp").get_data(as_text=True)


def test_cli_prints_the_same_rows(corpus_index_dir, sichuan, capsys):
    assert (
        main(["targets", "--indicator", "gdp", "--province", "四川", "--json", "--index", str(corpus_index_dir)]) == 0
    )
    printed = json.loads(capsys.readouterr().out)
    assert [(r["doc_id"], r["value"]) for r in printed["rows"]] == [(r["doc_id"], r["value"]) for r in sichuan["rows"]]
    assert main(["targets", "--indicator", "nope", "--index", str(corpus_index_dir)]) == 2


def test_every_place_and_year_answers_quickly(client):
    client.get("/api/targets?indicator=gdp")  # the panel read once
    started = time.perf_counter()
    response = client.get("/api/targets?indicator=gdp")
    took = time.perf_counter() - started
    assert response.status_code == 200 and len(response.get_json()["rows"]) > 40
    assert took < 0.3  # (the full corpus is timed separately: see the README)
