"""The trend of a term: counts per year and per province against a brute-force scan
of the stored paragraphs (overlapping matches of the plain string, grouped by each
report's metadata), first appearance against a scan in year order, missing years,
the JSON contract, the CSV panel, the page and bad input."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from collections import defaultdict

import pytest

from indexer.places import NATIONAL
from indexer.search.trend import trend
from searchui import create_app

TERMS = ["双城经济圈", "成渝", "乡村振兴", "高质量发展", "营商环境", "天府新区", "脱贫攻坚", "公园城市", "一带一路",
         "新质生产力", "大熊猫", "县域经济"]  # fmt: skip


def occurrences(term: str, text: str) -> int:
    """Overlapping matches of the plain string (发展发展 twice in 发展发展发展)."""
    return len(re.findall(f"(?={re.escape(term)})", text))


@pytest.fixture(scope="module")
def truth(corpus, all_paragraphs):
    """Per report: its characters, and per term its (occurrences, paragraphs, first paragraph)."""
    characters: dict[str, int] = defaultdict(int)
    found: dict[str, dict[str, list[int]]] = {t: defaultdict(lambda: [0, 0, 10**9]) for t in TERMS}
    for p in all_paragraphs:
        characters[p["doc_id"]] += len(p["text"])
        for term in TERMS:
            n = occurrences(term, p["text"])
            if n:
                entry = found[term][p["doc_id"]]
                entry[0] += n
                entry[1] += 1
                entry[2] = min(entry[2], p["paragraph"])
    return characters, found


@pytest.fixture(scope="module")
def client(corpus_index_dir):
    app = create_app(corpus_index_dir)
    app.config["TESTING"] = True
    return app.test_client()


@pytest.mark.parametrize("term", TERMS)
def test_counts_by_year_equal_a_scan(corpus, truth, term):
    characters, found = truth
    expected: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for doc in corpus.documents.values():
        if not doc["year"]:
            continue
        row = expected[doc["year"]]
        row[3] += 1
        row[4] += characters[doc["doc_id"]]
        if doc["doc_id"] in found[term]:
            occ, paragraphs, _ = found[term][doc["doc_id"]]
            row[0] += occ
            row[1] += paragraphs
            row[2] += 1
    result = trend(corpus, term, {}).terms[0]
    assert result.unit == "occurrences"
    got = {y.year: y.counts for y in result.years}
    assert set(got) == set(range(min(expected), max(expected) + 1))
    for year, counts in got.items():
        if year not in expected:
            assert counts is None, year  # no report indexed: missing, not zero
            continue
        assert [counts.occurrences, counts.paragraphs, counts.reports, counts.reports_indexed, counts.characters] == (
            expected[year]
        ), year
    assert sum(y.counts.occurrences for y in result.years if y.counts) == sum(v[0] for v in found[term].values()) > 0


@pytest.mark.parametrize("term", TERMS[:6])
def test_counts_and_first_appearance_by_province_equal_a_scan(corpus, truth, term):
    _, found = truth
    per_province: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    first: dict[str, tuple] = {}
    for doc in corpus.documents.values():
        if doc["doc_id"] not in found[term] or not doc["province"]:
            continue
        occ, _, paragraph = found[term][doc["doc_id"]]
        per_province[doc["province"]][0] += occ
        per_province[doc["province"]][1] += 1
        key = (doc["year"], doc.get("date") or "", doc["doc_id"], paragraph)
        first[doc["province"]] = min(first.get(doc["province"], key), key)
    result = trend(corpus, term, {}).terms[0]
    rows = {p.province: p for p in result.provinces if p.counts.reports}
    assert {p: [r.counts.occurrences, r.counts.reports] for p, r in rows.items()} == dict(per_province)
    assert {p: (r.first_year, *r.first) for p, r in rows.items()} == {p: (k[0], k[2], k[3]) for p, k in first.items()}
    provinces_by = [
        (year, sum(1 for p, k in first.items() if p != NATIONAL and k[0] <= year)) for year, _ in result.adoption
    ]
    assert result.adoption == provinces_by


def test_a_province_filter_narrows_the_counts_and_the_denominators(corpus, truth):
    characters, found = truth
    result = trend(corpus, "乡村振兴", {"province": ["四川"]}).terms[0]
    sichuan = [d for d in corpus.documents.values() if d["province"] == "四川" and d["year"]]
    assert sum(y.counts.reports_indexed for y in result.years if y.counts) == len(sichuan)
    assert sum(y.counts.characters for y in result.years if y.counts) == sum(characters[d["doc_id"]] for d in sichuan)
    expected = sum(found["乡村振兴"][d["doc_id"]][0] for d in sichuan if d["doc_id"] in found["乡村振兴"])
    assert sum(y.counts.occurrences for y in result.years if y.counts) == expected > 0
    assert [p.province for p in result.provinces] == ["四川"]


def test_several_terms_and_a_query_that_counts_paragraphs(corpus, all_paragraphs):
    result = trend(corpus, "双城经济圈 | 乡村振兴 公园城市", {})
    assert [t.term for t in result.terms] == ["双城经济圈", "乡村振兴 公园城市"]
    both = result.terms[1]
    assert both.unit == "paragraphs"
    expected = sum("乡村振兴" in p["text"] and "公园城市" in p["text"] for p in all_paragraphs)
    assert sum(y.counts.occurrences for y in both.years if y.counts) == expected > 0


def test_the_api_speaks_the_contract(client, truth):
    _, found = truth
    data = client.get("/api/trend", query_string={"q": "双城经济圈|成渝"}).get_json()
    assert data["query"] == "双城经济圈|成渝" and [t["term"] for t in data["terms"]] == ["双城经济圈", "成渝"]
    term = data["terms"][0]
    assert set(term) >= {"term", "years", "provinces", "adoption"}
    year_keys = {"year", "occurrences", "paragraphs", "reports", "reports_indexed", "characters", "per_10k"}
    assert all(set(y) == year_keys for y in term["years"])
    place_keys = {
        "province",
        "province_en",
        "occurrences",
        "paragraphs",
        "reports",
        "first_year",
        "first_url",
        "per_10k",
    }
    assert all(set(p) >= place_keys for p in term["provinces"])
    assert sum(y["occurrences"] or 0 for y in term["years"]) == sum(v[0] for v in found["双城经济圈"].values())
    sichuan = next(p for p in term["provinces"] if p["province"] == "四川")
    assert sichuan["province_en"] == "Sichuan" and sichuan["first_url"].startswith("/doc/")
    page = client.get(sichuan["first_url"])
    assert page.status_code == 200 and "<mark>双城经济圈</mark>" in page.get_data(as_text=True)
    repeated = client.get("/api/trend?q=双城经济圈&q=成渝").get_json()
    assert repeated["terms"] == data["terms"]


def test_the_panel_csv_has_its_columns_and_one_row_per_province_and_year(client, corpus):
    response = client.get("/trend.csv", query_string={"q": "乡村振兴|营商环境", "by": "year,province"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert list(rows[0]) == ["term", "unit", "province", "province_en", "year", "occurrences", "paragraphs",
                             "reports", "reports_indexed", "characters", "per_10k"]  # fmt: skip
    places_years = {(d["province"], d["year"]) for d in corpus.documents.values() if d["province"] and d["year"]}
    for term in ("乡村振兴", "营商环境"):
        mine = [r for r in rows if r["term"] == term]
        assert {(r["province"], int(r["year"])) for r in mine} == places_years
    by_year = client.get("/trend.csv", query_string={"q": "乡村振兴", "by": "year"}).get_data(as_text=True)
    missing = [r for r in csv.DictReader(io.StringIO(by_year.lstrip("\ufeff"))) if r["reports_indexed"] == "0"]
    assert all(r["occurrences"] == "" for r in missing)


def test_the_page_shows_the_numbers_in_tables_and_links_the_heat_map(client):
    response = client.get("/trend", query_string={"q": "双城经济圈|<b>x</b>"})
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<polyline" in body and "heatmap" in body and "<b>x</b>" not in body and "&lt;b&gt;x&lt;/b&gt;" in body
    assert re.search(
        r'href="/search\?q=%E5%8F%8C%E5%9F%8E%E7%BB%8F%E6%B5%8E%E5%9C%88&amp;province=[^"]+&amp;year=20', body
    )
    search = client.get("/search", query_string={"q": "双城经济圈", "province": "四川"}).get_data(as_text=True)
    assert 'href="/trend?q=%E5%8F%8C%E5%9F%8E%E7%BB%8F%E6%B5%8E%E5%9C%88&amp;province=%E5%9B%9B%E5%B7%9D"' in search


@pytest.mark.parametrize(
    "q", ["", "a|b|c|d|e|f", "长" * 501, "双城经济圈&year=abc"], ids=["empty", "six terms", "too long", "bad year"]
)
def test_bad_input_is_a_clear_400(client, q):
    path, _, extra = q.partition("&")
    args = {"q": path, **dict([extra.split("=")] if extra else [])}
    response = client.get("/api/trend", query_string=args)
    assert response.status_code == 400
    assert response.get_json()["error"]
    assert client.get("/trend.csv", query_string=args).status_code == 400
    assert client.get("/trend.csv", query_string={"q": "发展", "by": "city"}).status_code == 400


def test_the_command_line_prints_the_panel_and_refuses_six_terms(corpus_index_dir, truth):
    _, found = truth
    run = [sys.executable, "-m", "searchui.cli", "trend", "--index", str(corpus_index_dir)]
    out = subprocess.run([*run, "双城经济圈", "--json"], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    years = json.loads(out.stdout)["terms"][0]["years"]
    assert sum(y["occurrences"] or 0 for y in years) == sum(v[0] for v in found["双城经济圈"].values())
    table = subprocess.run([*run, "双城经济圈", "--by", "province"], capture_output=True, text=True, check=False)
    assert table.returncode == 0 and "四川" in table.stdout and "occurrences" in table.stdout.splitlines()[0]
    bad = subprocess.run([*run, "a|b|c|d|e|f"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "At most 5 terms" in bad.stderr and "Traceback" not in bad.stderr
