"""Trends (``/api/trend``, ``/trend.csv``, ``policy-search trend``): every count against
a brute-force count over the stored paragraph text of the test index."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from indexer.search.trend import build_trend
from searchui.charts import COLOURS, SHADES
from searchui.cli import main
from searchui.trends import HEAT_YEARS

# Terms whose count by str.count is unambiguous: none overlaps itself, and the
# traditional forms of their characters are mapped below.
TERMS = [
    "发展",
    "改革",
    "新质生产力",
    "双城经济圈",
    "乡村振兴",
    "高质量发展",
    "营商环境",
    "成渝",
    "脱贫攻坚",
    "生态环境",
    "数字经济",
    "长江经济带",
]
TRADITIONAL = str.maketrans("發質產濟鄉興環數態貧營經雙長帶堅區場", "发质产济乡兴环数态贫营经双长带坚区场")


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(TRADITIONAL)


@pytest.fixture(scope="module")
def paragraphs(corpus, all_paragraphs) -> list[dict]:
    """Each paragraph with its report's year, province and city, text normalised."""
    rows = []
    for p in all_paragraphs:
        doc = corpus.documents[p["doc_id"]]
        rows.append({**p, "norm": normal(p["text"]), "year": doc["year"], "province": doc["province"]})
    return rows


def truth(paragraphs: list[dict], key: str, term: str) -> dict:
    """occurrences, paragraphs and reports per value of ``key``, by plain str.count."""
    occurrences, paras, reports = Counter(), Counter(), defaultdict(set)
    for p in paragraphs:
        n = p["norm"].count(term)
        if n:
            occurrences[p[key]] += n
            paras[p[key]] += 1
            reports[p[key]].add(p["doc_id"])
    return {k: (occurrences[k], paras[k], len(reports[k])) for k in occurrences}


def api(client, query: str) -> dict:
    response = client.get("/api/trend?" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize("term", TERMS)
def test_counts_by_year_and_province_equal_a_brute_force_count(client, paragraphs, term):
    data = api(client, f"q={term}")["terms"][0]
    assert data["unit"] == "occurrences"
    by_year = {y["year"]: (y["occurrences"], y["paragraphs"], y["reports"]) for y in data["years"] if y["occurrences"]}
    by_province = {p["province"]: (p["occurrences"], p["paragraphs"], p["reports"]) for p in data["provinces"]}
    assert by_year == truth(paragraphs, "year", term)
    assert {k: v for k, v in by_province.items() if v[0]} == truth(paragraphs, "province", term)
    assert sum(v[0] for v in by_year.values()) > 0 or term == "新质生产力"


def test_the_test_terms_occur(paragraphs):
    """The brute-force comparison is only worth something if most terms do occur."""
    assert sum(bool(truth(paragraphs, "year", t)) for t in TERMS) >= 10


def test_reports_indexed_characters_and_missing_years(client, corpus, paragraphs):
    years = api(client, "q=发展")["terms"][0]["years"]
    reports, characters = defaultdict(set), Counter()
    for p in paragraphs:
        reports[p["year"]].add(p["doc_id"])
        characters[p["year"]] += len(p["text"])
    listed = [y["year"] for y in years]
    assert listed == list(range(min(reports), max(reports) + 1))
    missing = [y for y in years if y["year"] not in reports]
    assert missing, "the test corpus has gaps between its years (e.g. before 2000)"
    for y in missing:
        assert (y["occurrences"], y["paragraphs"], y["reports"], y["per_10k"]) == (None, None, None, None)
        assert y["reports_indexed"] == 0
    for y in years:
        if y["year"] in reports:
            assert y["reports_indexed"] == len(reports[y["year"]])
            assert y["characters"] == characters[y["year"]]
            assert y["per_10k"] == pytest.approx(y["occurrences"] * 10_000 / y["characters"], abs=1e-3)


def test_first_appearance_is_the_earliest_year_and_links_to_a_matching_paragraph(client, corpus, paragraphs):
    term = "高质量发展"
    earliest: dict[str, int] = {}
    for p in sorted(paragraphs, key=lambda p: p["year"]):
        if term in p["norm"]:
            earliest.setdefault(p["province"], p["year"])
    data = api(client, f"q={term}")["terms"][0]
    firsts = {p["province"]: p for p in data["provinces"] if p["first_year"] is not None}
    assert {k: v["first_year"] for k, v in firsts.items()} == earliest
    texts = {(p["doc_id"], p["paragraph"]): p for p in paragraphs}
    for province, row in firsts.items():
        url = urlsplit(row["first_url"])
        doc_id = url.path.removeprefix("/doc/")
        assert parse_qs(url.query)["q"] == [term]
        linked = texts[(doc_id, int(url.fragment.removeprefix("p")))]
        assert term in linked["norm"]
        assert (linked["province"], linked["year"]) == (province, row["first_year"])
    adoption = data["adoption"]
    counts = [a["provinces"] for a in adoption]
    assert counts == sorted(counts)
    for a in adoption:
        assert a["provinces"] == sum(y <= a["year"] for p, y in earliest.items() if p != "全国")


def test_filters_and_several_terms(client, paragraphs):
    data = api(client, "q=发展|成渝&province=重庆&year=2020-2023")
    assert [t["term"] for t in data["terms"]] == ["发展", "成渝"]
    assert data == api(client, "q=发展&q=成渝&province=重庆&year=2020-2023")
    chosen = [p for p in paragraphs if p["province"] == "重庆" and 2020 <= p["year"] <= 2023]
    for term in data["terms"]:
        assert [p["province"] for p in term["provinces"]] == ["重庆"]
        by_year = {y["year"]: (y["occurrences"], y["paragraphs"], y["reports"]) for y in term["years"] if y["reports"]}
        assert by_year == truth(chosen, "year", term["term"])
    assert {y["year"] for y in data["terms"][0]["years"]} <= set(range(2020, 2024))
    assert "cities" in data["terms"][0]  # a province filter lists its cities


def test_an_and_query_counts_paragraphs(client, paragraphs):
    data = api(client, "q=乡村振兴 脱贫攻坚")["terms"][0]
    assert data["unit"] == "paragraphs"
    both = [p for p in paragraphs if "乡村振兴" in p["norm"] and "脱贫攻坚" in p["norm"]]
    expected = Counter(p["year"] for p in both)
    assert {y["year"]: y["occurrences"] for y in data["years"] if y["occurrences"]} == expected
    assert all(y["occurrences"] == y["paragraphs"] for y in data["years"])


def test_panel_csv_has_the_columns_and_one_row_per_term_province_and_year(client, paragraphs):
    response = client.get("/trend.csv?q=发展|改革&by=province,year")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert list(rows[0]) == [
        "term", "unit", "province", "province_en", "city", "city_en", "year",
        "occurrences", "paragraphs", "reports", "reports_indexed", "characters", "per_10k",
    ]  # fmt: skip
    cells = {(p["province"], p["year"]) for p in paragraphs}
    assert len(rows) == 2 * len(cells)
    expected = truth([p | {"cell": (p["province"], p["year"])} for p in paragraphs], "cell", "改革")
    for row in rows:
        if row["term"] == "改革":
            cell = (row["province"], int(row["year"]))
            assert (int(row["occurrences"]), int(row["paragraphs"]), int(row["reports"])) == expected.get(
                cell, (0, 0, 0)
            )
    assert {r["province_en"] for r in rows if r["province"] == "四川"} == {"Sichuan"}


@pytest.mark.parametrize("path", ["/api/trend", "/trend.csv", "/trend"])
@pytest.mark.parametrize("query", ["q=", "", "q=" + "|".join("甲乙丙丁戊己"), "q=" + "发" * 500, "q=发展&by=decade"])
def test_bad_input_is_a_clear_400(client, path, query):
    response = client.get(f"{path}?{query}")
    if path == "/trend" and query in ("q=", ""):  # the page asks for a term (tests/test_views.py)
        assert response.status_code == 200 and 'name="q"' in response.get_data(as_text=True)
        return
    assert response.status_code == 400
    if path != "/trend":
        assert response.get_json()["error"]
    else:
        assert re.search(r"<h1[^>]*>", response.get_data(as_text=True))


def test_cli_trend(corpus_index_dir, capsys):
    assert main(["trend", "成渝|双城经济圈", "--by", "province,year", "--csv", "--index", str(corpus_index_dir)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["term"] for r in rows} == {"成渝", "双城经济圈"}
    assert main(["trend", "发展", "--json", "--index", str(corpus_index_dir)]) == 0
    assert '"per_10k"' in capsys.readouterr().out
    assert main(["trend", "a", "b", "c", "d", "e", "f", "--index", str(corpus_index_dir)]) == 2


def test_build_trend_is_what_every_rendering_shows(corpus, client):
    trend = build_trend(corpus, ["成渝"], {})
    years = {c.key["year"]: c.occurrences for c in trend.table(trend.terms[0], ("year",))}
    assert {y["year"]: y["occurrences"] for y in api(client, "q=成渝")["terms"][0]["years"]} == years


def page(client, query: str) -> str:
    response = client.get("/trend?" + query)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def table_rows(html: str, table_id: str) -> list[list[str]]:
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def test_the_page_tables_show_the_api_numbers(client):
    html = page(client, "q=发展|成渝")
    data = api(client, "q=发展|成渝")
    years = {int(r[0].split()[0]): r for r in table_rows(html, "year-table")}
    assert years
    for i, term in enumerate(data["terms"]):
        for y in (y for y in term["years"] if y["year"] in years):  # the years drawn (tests/test_views.py)
            row = years[y["year"]]
            shown = row[2 + 4 * i : 6 + 4 * i]
            assert shown == [
                "–" if v is None else str(v) for v in (y["occurrences"], y["paragraphs"], y["reports"], y["per_10k"])
            ]
    provinces = table_rows(html, "province-table")
    assert [r[1] for r in provinces] == [str(p["occurrences"]) for p in data["terms"][0]["provinces"] if p["province"]]
    heat = table_rows(html, "heat-table")
    assert {len(r) for r in heat} == {1 + min(len(years), HEAT_YEARS)}


def test_heat_map_cells_and_map_tiles_link_to_their_paragraphs_and_filters(client, paragraphs):
    html = page(client, "q=成渝")
    cells = re.findall(r'<td class="shade-\d"[^>]*><a href="([^"]+)">(\d+)</a>', html)
    assert cells
    for href, shown in cells:
        url = urlsplit(href.replace("&amp;", "&"))
        args = parse_qs(url.query)
        assert url.path == "/search" and args["q"] == ["成渝"]
        province, year = args["province"][0], int(args["year"][0])
        expected = sum(p["norm"].count("成渝") for p in paragraphs if (p["province"], p["year"]) == (province, year))
        assert int(shown) == expected
    tiles = re.findall(r'<a href="(/trend\?[^"]+)"><title>', html)
    assert len(tiles) == 31
    assert all("province=" in t for t in tiles)


def test_query_text_is_escaped_in_the_page_and_its_svg(client):
    html = page(client, "q=" + "<script>alert(1)</script>|发展")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_search_page_links_to_the_trend(client):
    html = client.get("/search?q=成渝&province=重庆").get_data(as_text=True)
    link = re.search(r'<a href="([^"]+)" class="trend-link">', html).group(1).replace("&amp;", "&")
    args = parse_qs(urlsplit(link).query)
    assert urlsplit(link).path == "/trend" and args["q"] == ["成渝"] and args["province"] == ["重庆"]


def test_the_stylesheet_has_every_term_colour_and_shade():
    """The colours live in Python (the SVG lines) and in CSS (swatches, heat cells: the
    CSP allows no inline style); they must agree."""
    css = (Path(__file__).parent.parent / "searchui/static/trend.css").read_text(encoding="utf-8")
    for i, colour in enumerate(COLOURS):
        assert f".swatch-{i} {{ background: {colour}; }}" in css
    for i, colour in enumerate(SHADES):
        assert f".heat td.shade-{i} {{ background: {colour}; }}" in css
