"""Views that answer at a glance (issue 23): the trend drawn over the years its terms
occur in, with its display options, its filters as chips, each place's coverage and
partial years flagged; the concordance's chips; a form, not a dead end, for an empty
query; "did you mean" for a slip in pinyin; suggestions that are whole words; and the
trend page's size. Counts come from the corpus files as tests/truth reads them."""

from __future__ import annotations

import ast
import math
import re
from collections import Counter
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from searchui import trends
from searchui.charts import count_ticks, line_chart

TERM = "双城经济圈"


@pytest.fixture(scope="module")
def paragraphs(source_reports) -> list[dict]:
    """Every paragraph as tests/truth reads it from the corpus files, folded, with its report's year and province."""
    return [{"norm": text, "year": r.year, "province": r.province} for r in source_reports for text in r.folded]


@pytest.fixture(scope="module")
def report_years(source_reports) -> Counter:
    """Reports per year, as tests/truth reads them from the files."""
    return Counter(r.year for r in source_reports if r.year)


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.get_data(as_text=True)


def table_years(html: str) -> list[int]:
    body = re.search(r'<table[^>]*id="year-table".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [int(y) for y in re.findall(r'<tr[^>]*><th scope="row">(\d{4})', body)]


def links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', html)]


# ---------------------------------------------------------------- the trend's axis and options


def test_the_axis_starts_a_few_years_before_the_first_occurrence(client, paragraphs, report_years):
    first = min(p["year"] for p in paragraphs if TERM in p["norm"])
    html = get(client, "/trend?q=" + TERM)
    years = table_years(html)
    assert min(years) == max(first - trends.LEAD_YEARS, min(report_years)) > min(report_years)
    assert max(years) == max(report_years)
    assert sorted(years) == list(range(min(years), max(years) + 1))
    ticks = [int(t) for t in re.findall(r'<text class="tick" x="[\d.]+" y="[\d.]+">(\d{4})<', html)]
    assert ticks and min(ticks) >= min(years)
    assert f'name="from" value="{min(years)}"' in html


def test_from_and_to_choose_the_years(client, report_years):
    html = get(client, "/trend?q=发展&from=2010&to=2015")
    assert sorted(table_years(html)) == [y for y in range(2010, 2016) if min(report_years) <= y <= max(report_years)]
    assert "无法理解" not in get(client, "/trend?q=发展&from=abc", 400)
    assert 'name="q"' in get(client, "/trend?q=发展&from=abc", 400)


def test_raw_values_hover_and_link_to_the_year_concordance(client, paragraphs):
    html = get(client, f"/trend?q={TERM}&scale=raw")
    by_year = Counter()
    for p in paragraphs:
        by_year[p["year"]] += p["norm"].count(TERM)
    points = re.findall(r'<a href="([^"]+)"><title>([^<]+)</title><circle class="point c\d"', html)
    assert points
    for href, title in points:
        year, value = re.fullmatch(rf"{TERM} · (\d{{4}}): (\d+)", unescape(title)).groups()
        assert int(value) == by_year[int(year)]
        url = urlsplit(unescape(href))
        assert url.path == "/kwic" and parse_qs(url.query) == {"q": [TERM], "year": [year]}
    year = next(y for y, n in sorted(by_year.items()) if n)
    kwic = get(client, f"/kwic?q={TERM}&year={year}")
    assert f"{by_year[year]} 处" in kwic


def test_log_scale_ticks_are_powers_of_ten(client):
    html = get(client, "/trend?q=发展&log=1")
    chart = html[html.index('id="years"') : html.index("</svg>", html.index('id="years"'))]
    labels = re.findall(r'<text class="tick end" x="[\d.]+" y="[\d.]+">([^<]+)<', chart)
    assert labels and all(float(v) > 0 and abs(math.log10(float(v)) % 1) < 1e-9 for v in labels)


def test_smoothing_is_a_centred_moving_average():
    values = {2000: 1.0, 2001: 4.0, 2002: None, 2003: 2.0, 2004: 8.0}
    assert trends.smoothed(values, 3) == {2000: 2.5, 2001: 2.5, 2002: None, 2003: 5.0, 2004: 5.0}
    assert trends.smoothed(values, 0) == values
    assert trends.smoothed({2000: 0.0, 2001: 3.0, 2002: 0.0}, 3)[2001] == 1.0


@pytest.mark.parametrize("query", ["smooth=4", "scale=percent", "smooth=x"])
def test_bad_display_options_are_a_400_with_the_form(client, query):
    html = get(client, f"/trend?q={TERM}&{query}&province=四川", 400)
    assert '<form class="tool-form ask-form" action="/trend"' in html
    form = html[
        html.index('class="tool-form ask-form"') : html.index("</form>", html.index('class="tool-form ask-form"'))
    ]
    assert 'name="province" value="四川"' in form and query.split("=")[0] not in form  # the filter kept, not the fault


def test_a_partial_year_is_flagged_not_drawn_as_a_fall():
    rows = [
        {"year": y, "reports_indexed": n}
        for y, n in zip(range(2018, 2027), [30, 31, 0, 32, 30, 31, 30, 33, 1], strict=True)
    ]
    assert trends.partial_years(rows) == {2026: 31}
    assert trends.partial_years(rows[:-1]) == {}  # a year without reports is missing, not partial
    assert trends.partial_years([{"year": 2000, "reports_indexed": 1}, {"year": 2001, "reports_indexed": 0}]) == {}


def test_a_partial_year_is_not_marked_as_a_year_without_reports():
    """The grey bar says "no report that year": a partial year has reports, drawn apart."""
    series = [{"term": TERM, "values": {2020: 1.0, 2021: None, 2022: 2.0}, "apart": {2023: 0.5}}]
    chart = line_chart(series, [2020, 2021, 2022, 2023])
    assert [m["x"] + 2 for m in chart["missing"]] == [chart["x_ticks"][1]["x"]]  # 2021 only, not 2023
    assert [d["year"] for d in chart["lines"][0]["apart"]] == [2023]


def test_the_adoption_axis_counts_whole_provinces(client, corpus):
    provinces = {d["province"] for d in corpus.documents.values() if d["province"] not in (None, "全国")}
    html = get(client, "/trend?q=乡村振兴")
    adoption = html[html.index('id="adoption"') :]
    labels = re.findall(r'<text class="tick end"[^>]*>([^<]+)<', adoption[: adoption.index("</svg>")])
    assert labels == [str(int(t)) for t in count_ticks(len(provinces))]
    assert count_ticks(31) == [0, 5, 10, 15, 20, 25, 31] and count_ticks(2) == [0, 1, 2] and count_ticks(12)[-1] == 12
    # filtered to one province, the curve is a 0–1 step: a sentence points to its first year instead
    one = get(client, "/trend?q=乡村振兴&province=四川")
    adoption = one[one.index('id="adoption"') : one.index('id="provinces"')]
    assert "<svg" not in adoption and 'class="explain"' in adoption
    assert re.search(r'<td data-label="首次出现"[^>]*><a href="[^"]+">\d{4}</a>', one)


def test_each_first_year_says_when_the_reports_start_and_the_gaps(client, corpus):
    html = get(client, "/trend?q=乡村振兴")
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th>(.*?)</tr>', html[html.index('id="province-table"') :], re.S)
    assert rows
    for name, cells in rows[:5]:
        years = sorted(
            {d["year"] for d in corpus.documents.values() if d["province"] == name.strip() and d.get("year")}
        )
        assert f"报告始于 {years[0]}" in cells
        first = re.search(r'data-sort="(\d*)"', cells).group(1)
        gaps = [y for y in range(years[0], int(first or 10_000)) if y not in years and y < years[-1]]
        assert (f"{gaps[0]}" in cells.split("报告始于")[1]) if gaps else "无报告" not in cells


def test_filters_are_chips_that_remove_themselves(client):
    for path in ("/trend", "/kwic"):
        html = get(client, f"{path}?q=成渝&province=重庆&year=2020-2023")
        chips = re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+)<', html)
        assert {label.strip() for _, label in chips} == {"省份: 重庆", "年份: 2020-2023"}
        for href, label in chips:
            args = parse_qs(urlsplit(unescape(href)).query)
            assert urlsplit(unescape(href)).path == path and args["q"] == ["成渝"]
            assert ("province" in args) == ("省份" not in label) and ("year" in args) == ("年份" not in label)
    assert 'class="chip"' not in get(client, "/trend?q=成渝")
    kwic = get(client, "/kwic?q=成渝&province=重庆&sort=right&width=30")
    trend = urlsplit(unescape(re.search(r'<a href="([^"]+)" class="trend-link">', kwic).group(1)))
    assert trend.path == "/trend" and parse_qs(trend.query) == {"q": ["成渝"], "province": ["重庆"]}


def test_tables_are_folded_and_sortable_and_the_heat_map_opens_at_the_recent_years(client):
    html = get(client, f"/trend?q={TERM}")
    assert re.search(r'<details class="table-wrap">\s*<summary>', html)  # folded: no "open"
    assert re.search(r'<table class="numbers sortable" id="year-table">', html)
    assert re.search(r'<table class="numbers sortable cards" id="province-table">', html)
    assert re.search(r'<div class="scroll scroll-end"[^>]*>\s*<table class="heat"', html)
    assert '<script src="/static/sortable.js" defer></script>' in html
    assert client.get("/static/sortable.js").status_code == 200


def test_the_trend_page_stays_small_and_builds_each_table_once(client, monkeypatch):
    from indexer.search.trend import Trend

    built = Counter()
    original = Trend._table

    def counting(self, term, by):
        built[(id(term), by)] += 1
        return original(self, term, by)

    monkeypatch.setattr(Trend, "_table", counting)
    get(client, "/trend?q=发展|改革")
    assert built and max(built.values()) == 1
    # 发展 occurs from the first indexed year: every year drawn, every province a row
    assert len(get(client, "/trend?q=发展").encode("utf-8")) <= 120_000


# ---------------------------------------------------------------- no dead ends


@pytest.mark.parametrize(("url", "action"), [("/search?q=", "/search"), ("/trend", "/trend"), ("/kwic?q=%20", "/kwic")])
def test_an_empty_query_gets_the_form_and_examples(client, url, action):
    html = get(client, url)
    assert re.search(rf'<form class="tool-form ask-form" action="{action}" method="get">', html)
    examples = [h for h in links(html) if urlsplit(h).path == action and parse_qs(urlsplit(h).query).get("q")]
    assert examples
    for example in examples[:2]:
        assert client.get(example).status_code == 200


@pytest.mark.parametrize(("url", "table"), [("/compare?ui=en", "compare-side"), ("/collocates?ui=en", "collocates")])
def test_the_empty_comparison_and_collocations_forms_offer_an_example(client, url, table):
    html = get(client, url)
    examples = re.findall(r'<p class="examples">Try: <a href="([^"]+)">', html)
    assert len(examples) == 1 and urlsplit(unescape(examples[0])).path == urlsplit(url).path
    shown = get(client, unescape(examples[0]))
    assert "<table" in shown and table in shown and 'class="examples"' not in shown


def test_the_api_keeps_its_400(client):
    for url in ("/api/search?q=", "/api/trend", "/api/kwic?q="):
        response = client.get(url)
        assert response.status_code == 400 and response.get_json()["error"]


def test_an_unreadable_query_keeps_its_text_in_the_form(client):
    html = get(client, "/search?q=year:abc", 400)
    assert 'value="year:abc"' in html and 'action="/search"' in html


def test_a_missing_page_links_to_the_documents_and_search(client):
    html = get(client, "/doc/nonexistent?ui=en", 404)
    assert "/docs?ui=en" in links(html) and "/search?ui=en" in links(html) and 'action="/search"' in html
    assert 'class="syntax"' not in html  # how to write a query is no answer to a missing page


def test_the_start_page_shows_the_research_views_with_an_example_each(client):
    html = get(client, "/")
    found = {urlsplit(h).path: parse_qs(urlsplit(h).query) for h in links(html)}
    views = ("/trend", "/kwic", "/new", "/compare", "/collocates", "/targets")
    for path in (*views, "/docs"):
        assert path in found
    examples = [h for h in links(html) if urlsplit(h).path in views and urlsplit(h).query]
    assert {urlsplit(h).path for h in examples} == set(views)
    for example in examples:
        assert client.get(example).status_code == 200, example


@pytest.mark.parametrize("ui", ["zh", "en"])
def test_the_start_pages_examples_read_as_words_not_parameters(client, ui):
    html = get(client, f"/?ui={ui}")
    shown = re.findall(r'<span class="example">[^<]*<a href="([^"]+)">([^<]+)</a>', html)
    assert len(shown) >= 6
    for href, text in shown:
        values = [v for vs in parse_qs(urlsplit(unescape(href)).query).values() for v in vs if v != ui]
        assert ":" not in text, (href, text)  # province:四川 reads 四川
        if "indicator" in href:  # the key gdp reads as the indicator's name
            assert text not in values and re.search(r"[\u4e00-\u9fff]" if ui == "zh" else r"[A-Z]", text)


def test_did_you_mean_for_a_slip_in_initials(client, paragraphs):
    assert any(TERM in p["norm"] for p in paragraphs)
    html = get(client, "/search?q=sccjjq")
    slip = re.search(r'<p class="slip">.*?<a href="([^"]+)">([^<]+)</a>', html, re.S)
    assert slip and slip.group(2) == TERM
    assert parse_qs(urlsplit(unescape(slip.group(1))).query)["q"] == [TERM]
    assert 'class="slip"' not in get(client, "/search?q=" + TERM)  # found: no guess


def test_suggestions_begin_and_end_on_word_boundaries(client, paragraphs):
    text = "\n".join(p["norm"] for p in paragraphs)
    for typed in ("yingshang", "ysh", "营商", "scjjq", "双城经济圈j"):
        suggestions = [s["text"] for s in client.get("/api/suggest?q=" + typed).get_json()["suggestions"]]
        assert suggestions, typed
        for s in suggestions:
            assert s[-1] not in "的了和与及等是在" and s[0] not in "的了和与及", (typed, s)
            if len(s) >= 3:  # not almost always inside one same longer run (营商业 of 国营商业)
                before = Counter(m.group(1) for m in re.finditer(f"(.){re.escape(s)}", text))
                assert not before or before.most_common(1)[0][1] < 0.9 * text.count(s) or text.count(s) < 5, s
    ys = [s["text"] for s in client.get("/api/suggest?q=yingshang").get_json()["suggestions"]]
    assert "营商业" not in ys and "营商环境的" not in ys


def test_a_paged_view_uses_one_pagination(client):
    html = get(client, "/kwic?q=发展&per_page=5&page=2")
    assert re.search(r'<a href="[^"]*page=1[^"]*" rel="prev">', html) and re.search(r'page=3[^"]*" rel="next"', html)


def test_one_rate_per_10k(client):
    """The trend's cells and the comparison's sides divide the same way."""
    years = client.get(f"/api/trend?q={TERM}").get_json()["terms"][0]["years"]
    for y in years:
        expected = None if y["occurrences"] is None else round(y["occurrences"] * 10_000 / y["characters"], 4)
        assert y["per_10k"] == expected


def test_every_label_is_defined_once():
    """The labels are split over several modules and merged into one table: a key defined
    twice would silently give one page another page's words."""
    keys: list[str] = []
    for module in (Path(__file__).resolve().parents[1] / "searchui").glob("i18n*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict) and any(
                isinstance(v, ast.Tuple) and len(v.elts) == 2 and all(isinstance(e, ast.Constant) for e in v.elts)
                for v in node.values
            ):
                keys += [k.value for k in node.keys if isinstance(k, ast.Constant)]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def expression_tables(html: str) -> list[tuple[bool, bool]]:
    """Each table of expressions on a page: (sortable, only a part of its rows shown)."""
    chunks = html.split('<table class="terms cards')[1:]
    return [(chunk.startswith(" sortable"), '<p class="more">' in chunk.split("</table>", 1)[1]) for chunk in chunks]


@pytest.mark.parametrize("path", ["/doc/2025-sichuan-work-report/new?compare=all", "/new?year=2024"])
def test_a_table_of_expressions_sorts_by_its_headers_when_it_is_whole(client, path):
    """A table that shows every row is sortable; one that shows part is not (a sort of part
    would look like a sort of all); asked for every row, each table is sortable."""
    tables = expression_tables(get(client, path))
    assert tables and all(sortable == (not partial) for sortable, partial in tables)
    assert all(sortable for sortable, _ in expression_tables(get(client, path + "&rows=all")))


def test_the_collocates_table_sorts_by_its_headers_when_it_is_whole(client):
    html = get(client, "/collocates?q=营商环境")
    everything = client.get("/api/collocates?q=营商环境").get_json()["collocates"]
    body = html.split('<table class="terms cards', 1)[1].split("</table>", 1)[0]
    assert html.count('<table class="terms cards') == 1
    assert body.startswith(" sortable") == (body.count('<tr><th scope="row"') == len(everything))
