"""Trends (``/api/trend``, ``/trend.csv``, ``policy-search trend``): every count — by
year, province and city — against the source files as tests/truth reads them itself
(the archives, the JSONL, the collection; its own normaliser and paragraphs)."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from searchui import trends
from searchui.charts import COLOURS, SHADES
from searchui.cli import main
from searchui.trends import HEAT_YEARS
from tests.truth import characters_per, first_years, matched, reports_per, tally

# Terms whose count by str.count is unambiguous: none overlaps itself.
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
    "人工智能+",  # the "+" counts: not every 人工智能
]
# A paragraph is a line of the file to the truth, and the engine joins a few lines a
# page break split mid-sentence otherwise than the truth does (±1–4 in 12 of 167
# reports): paragraph counts are held to this; occurrences and reports exactly.
PARAGRAPH_SLACK = 0.02


def year(r):
    return r.year


def province(r):
    return r.province


def city(r):
    return r.city


def same_counts(shown: dict, truth: dict) -> None:
    """``shown`` and ``truth``: {key: (occurrences, paragraphs, reports)} where the term occurs."""
    assert {k: (v[0], v[2]) for k, v in shown.items()} == {k: (v[0], v[2]) for k, v in truth.items()}
    for key, (_, paragraphs, _) in truth.items():
        assert abs(shown[key][1] - paragraphs) <= 1 + PARAGRAPH_SLACK * paragraphs, (key, shown[key], paragraphs)


def rows_of(listed: list[dict], key: str) -> dict:
    return {r[key]: (r["occurrences"], r["paragraphs"], r["reports"]) for r in listed if r["occurrences"]}


def api(client, query: str) -> dict:
    response = client.get("/api/trend?" + query)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


@pytest.mark.parametrize("term", TERMS)
def test_counts_by_year_province_and_city_equal_the_source_files(client, source_reports, term):
    data = api(client, f"q={quote(term)}&level=city")["terms"][0]
    assert data["unit"] == "occurrences"
    cities = [r for r in source_reports if r.level == "city"]
    same_counts(rows_of(data["years"], "year"), tally(cities, term, year))
    same_counts(rows_of(data["cities"], "city"), tally(cities, term, city))
    every = api(client, f"q={quote(term)}")["terms"][0]
    same_counts(rows_of(every["years"], "year"), tally(source_reports, term, year))
    same_counts(rows_of(every["provinces"], "province"), tally(source_reports, term, province))
    assert sum(y["occurrences"] or 0 for y in every["years"]) > 0 or term == "新质生产力"


def test_the_test_terms_occur(source_reports):
    """The comparison with the files is only worth something if most terms do occur."""
    assert sum(bool(tally(source_reports, t, year)) for t in TERMS) >= 10


@pytest.mark.parametrize(("query", "key", "chosen"), [("", "year", None), ("&level=city", "city", "city")])
def test_reports_indexed_characters_and_missing_years(client, source_reports, query, key, chosen):
    reports = [r for r in source_reports if chosen is None or r.level == chosen]
    data = api(client, "q=发展" + query)["terms"][0]
    listed = {r[key]: r for r in (data["years"] if key == "year" else data["cities"])}
    indexed = reports_per(reports, lambda r: getattr(r, key))
    characters = characters_per(reports, lambda r: getattr(r, key))
    if key == "year":
        assert list(listed) == list(range(min(indexed), max(indexed) + 1))
        missing = [y for y in listed.values() if y["year"] not in indexed]
        assert missing, "the test corpus has gaps between its years (e.g. before 2000)"
        for y in missing:
            assert (y["occurrences"], y["paragraphs"], y["reports"], y["per_10k"]) == (None, None, None, None)
            assert y["reports_indexed"] == 0
    assert {k: v["reports_indexed"] for k, v in listed.items() if k in indexed} == dict(indexed)
    assert {k: v["characters"] for k, v in listed.items() if k in indexed} == dict(characters)
    for row in listed.values():
        if row["reports_indexed"]:
            assert row["per_10k"] == pytest.approx(row["occurrences"] * 10_000 / row["characters"], abs=1e-3)


@pytest.mark.parametrize(("query", "key"), [("", "province"), ("&level=city", "city"), ("&province=四川", "city")])
def test_first_appearance_is_the_earliest_year_and_links_to_a_report_that_has_it(
    client, corpus, source_reports, query, key
):
    term = "高质量发展"
    reports = {"": source_reports}.get(query) or [
        r for r in source_reports if r.level == "city" and (query != "&province=四川" or r.province == "四川")
    ]
    earliest = first_years(reports, term, lambda r: getattr(r, key))
    data = api(client, f"q={term}{query}")["terms"][0]
    listed = data["provinces" if key == "province" else "cities"]
    firsts = {p[key]: p for p in listed if p["first_year"] is not None}
    assert {k: v["first_year"] for k, v in firsts.items()} == earliest
    assert len(earliest) >= 2
    by_doc = matched(corpus.documents, source_reports)
    for value, row in firsts.items():
        url = urlsplit(row["first_url"])
        assert parse_qs(url.query)["q"] == [term] and url.fragment.startswith("p")
        report = by_doc[url.path.removeprefix("/doc/")]
        assert any(term in text for text in report.folded)
        assert (getattr(report, key), report.year) == (value, row["first_year"])
    if key == "province":
        counts = [a["provinces"] for a in data["adoption"]]
        assert counts == sorted(counts)
        for a in data["adoption"]:
            assert a["provinces"] == sum(y <= a["year"] for p, y in earliest.items() if p != "全国")


def test_filters_and_several_terms(client, source_reports):
    data = api(client, "q=发展|成渝&province=重庆&year=2020-2023")
    assert [t["term"] for t in data["terms"]] == ["发展", "成渝"]
    assert data == api(client, "q=发展&q=成渝&province=重庆&year=2020-2023")
    chosen = [r for r in source_reports if r.province == "重庆" and 2020 <= r.year <= 2023]
    for term in data["terms"]:
        assert [p["province"] for p in term["provinces"]] == ["重庆"]
        same_counts(rows_of(term["years"], "year"), tally(chosen, term["term"], year))
    assert {y["year"] for y in data["terms"][0]["years"]} <= set(range(2020, 2024))
    assert "cities" in data["terms"][0]  # a province filter lists its cities


def test_an_and_query_counts_paragraphs(client, source_reports):
    data = api(client, "q=乡村振兴 脱贫攻坚")["terms"][0]
    assert data["unit"] == "paragraphs"
    expected = Counter(r.year for r in source_reports for text in r.folded if "乡村振兴" in text and "脱贫攻坚" in text)
    shown = {y["year"]: y["occurrences"] for y in data["years"] if y["occurrences"]}
    assert shown.keys() == expected.keys()
    assert all(abs(shown[y] - n) <= 1 + PARAGRAPH_SLACK * n for y, n in expected.items())
    assert all(y["occurrences"] == y["paragraphs"] for y in data["years"])


def test_panel_csv_has_the_columns_and_one_row_per_term_province_and_year(client, source_reports):
    response = client.get("/trend.csv?q=发展|改革&by=province,year")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert list(rows[0]) == [
        "term", "unit", "province", "province_en", "city", "city_en", "year",
        "occurrences", "paragraphs", "reports", "reports_indexed", "characters", "per_10k",
    ]  # fmt: skip
    cells = {(r.province, r.year) for r in source_reports}
    assert len(rows) == 2 * len(cells)
    expected = tally(source_reports, "改革", lambda r: (r.province, r.year))
    shown = {
        (row["province"], int(row["year"])): (int(row["occurrences"]), int(row["paragraphs"]), int(row["reports"]))
        for row in rows
        if row["term"] == "改革" and int(row["occurrences"])
    }
    same_counts(shown, expected)
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


def assert_shown_rate(shown: str, value: float | None) -> None:
    """A rate on a page is the API's to three significant figures (no more: 12.3, not
    12.3456; a whole number shown whole), "–" for none."""
    if value is None:
        assert shown == "–"
        return
    digits = re.sub(r"\D", "", shown).lstrip("0")
    assert "." not in shown or len(digits) <= 3, shown
    assert float(shown) == pytest.approx(value, rel=5e-3, abs=1e-9), (shown, value)


def test_the_page_tables_show_the_api_numbers(client):
    html = page(client, "q=发展|成渝")
    data = api(client, "q=发展|成渝")
    years = {int(r[0].split()[0]): r for r in table_rows(html, "year-table")}
    assert years
    for i, term in enumerate(data["terms"]):
        for y in (y for y in term["years"] if y["year"] in years):  # the years drawn (tests/test_views.py)
            row = years[y["year"]]
            shown = row[2 + 4 * i : 6 + 4 * i]  # occurrences and the rate first: in view on a phone
            assert [shown[0], *shown[2:]] == [
                "–" if v is None else str(v) for v in (y["occurrences"], y["reports"], y["paragraphs"])
            ]
            assert_shown_rate(shown[1], y["per_10k"])
    provinces = table_rows(html, "province-table")
    places = [p for p in data["terms"][0]["provinces"] if p["province"]]
    assert [r[1] for r in provinces] == [str(p["occurrences"]) for p in places]
    for row, place in zip(provinces, places, strict=True):
        assert_shown_rate(row[3], place["per_10k"])
    tiles = dict(re.findall(r'class="s\d"><title>([^<:]+): ([^<]+)</title>', html))
    assert {p["province"] for p in places} & set(tiles)
    for place in places:
        if place["province"] in tiles:
            assert_shown_rate(tiles[place["province"]], place["per_10k"])
    heat = table_rows(html, "heat-table")
    assert {len(r) for r in heat} == {1 + min(len(years), HEAT_YEARS)}


def test_the_cities_table_shows_the_most_used_and_every_city_on_request(client, source_reports, monkeypatch):
    monkeypatch.setattr(trends, "CITY_ROWS", 3)
    reports = [r for r in source_reports if r.level == "city"]
    truth = tally(reports, "发展", city)
    every_city = {r.city for r in reports}
    assert len(truth) > 3
    html = page(client, "q=发展&level=city")
    rows = table_rows(html, "city-table-0")
    assert [int(r[1]) for r in rows] == sorted((v[0] for v in truth.values()), reverse=True)[:3]
    for row, place in zip(rows, api(client, "q=发展&level=city")["terms"][0]["cities"], strict=False):
        assert_shown_rate(row[3], place["per_10k"])
    table = re.search(r'<table id="city-table-0".*?</table>', html, re.S).group(0)
    for href, name in re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', table):
        link = urlsplit(unescape(href))  # each city's name opens the term's search there, the filters kept
        assert (link.path, parse_qs(link.query)) == ("/search", {"q": ["发展"], "level": ["city"], "city": [name]})
    assert f"共 {len(every_city)} 个" in html and 'city-table sortable"' not in html  # a part is not sorted
    link = re.search(r'<a href="([^"]+)#cities-0">', html).group(1)
    every = page(client, urlsplit(unescape(link)).query)
    assert {r[0] for r in table_rows(every, "city-table-0")} == every_city
    assert 'city-table sortable"' in every


def test_heat_map_cells_show_the_counts_and_rows_and_map_tiles_link_to_their_filters(client, source_reports):
    """Each heat-map row's province links to the term's search there, and each counted
    cell to that search in the cell's year (a link in the page: no script needed); each
    cell shows the files' count of the term in that report."""
    html = page(client, "q=成渝")
    table = re.search(r'<table class="heat" id="heat-table">(.*?)</table>', html, re.S).group(1)
    years = [int(y) for y in re.findall(r"<span>(\d{4})</span>", table)]
    rows = re.findall(r'<tr><th scope="row"><a href="([^"]+)">[^<]*</a></th>(.*?)</tr>', table, re.S)
    assert rows and years
    truth = tally(source_reports, "成渝", lambda r: (r.province, r.year))
    counted = 0
    for href, cells in rows:
        url = urlsplit(unescape(href))
        args = parse_qs(url.query)
        assert url.path == "/search" and args["q"] == ["成渝"] and "year" not in args
        province = args["province"][0]
        shown = re.findall(r'<td(?: class="s(\d)")?>(?:<a href="([^"]+)">)?(\d*)(?:</a>)?</td>', cells)
        for year, (shade, link, count) in zip(years, shown, strict=True):
            if count:
                assert int(count) == truth.get((province, year), (0,))[0], (province, year)
                assert (shade == "0") == (count == "0")
                counted += int(count) > 0
            assert bool(link) == (count not in ("", "0")), (province, year)  # a link where there is something to read
            if link:
                cell = urlsplit(unescape(link))
                assert (cell.path, parse_qs(cell.query)) == ("/search", {**args, "year": [str(year)]})
    assert counted
    tiles = re.findall(r'<a href="(/trend\?[^"]+)" class="s\d"><title>', html)
    assert len(tiles) == 31
    assert all("province=" in t for t in tiles)


def test_a_heat_map_cell_keeps_the_trends_filters_but_its_own_year(client):
    html = page(client, "q=发展&year=2010-2024&level=provincial&ui=en")
    table = re.search(r'<table class="heat" id="heat-table">(.*?)</table>', html, re.S).group(1)
    years = [y for y in re.findall(r"<span>(\d{4})</span>", table)]
    first = re.search(r'<tr><th scope="row">.*?</tr>', table, re.S).group(0)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", first)
    links = [(year, re.search(r'href="([^"]+)"', cell)) for year, cell in zip(years, cells, strict=True)]
    assert any(link for _, link in links)
    for year, link in links:
        if link:
            args = parse_qs(urlsplit(unescape(link.group(1))).query)
            assert args["year"] == [year] and args["level"] == ["provincial"] and args["ui"] == ["en"], args


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
    """The colours are named in charts.py and drawn by CSS classes (the CSP allows no
    inline style, and a class is shorter than a colour on hundreds of points and cells):
    every swatch, line, heat cell and map tile class has its colour."""
    css = (Path(__file__).parent.parent / "searchui/static/trend.css").read_text(encoding="utf-8")
    for i, colour in enumerate(COLOURS):
        assert f".swatch-{i} {{ background: {colour}; }}" in css
        assert f".linechart .c{i} {{ fill: {colour}; stroke: {colour}; }}" in css
    for i, colour in enumerate(SHADES):
        assert f".heat td.s{i} {{ background: {colour}; }}" in css
        assert f".tilemap .s{i} rect {{ fill: {colour}; }}" in css
