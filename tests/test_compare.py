"""Keyness between two selections (``/compare``, ``/api/compare``, ``/compare.csv``): the
reports each selection takes, their size and every listed count against the source
files as tests/truth reads them, and G² and the log ratio recomputed from their
definitions with the arithmetic written out here."""

from __future__ import annotations

import csv
import io
import math
import re
from urllib.parse import quote

import pytest

from searchui.cli import main
from tests.test_trend import assert_shown_rate

A, B = "province:四川 level:provincial", "province:重庆"
SIDES = {"a": {"province": "四川", "level": "provincial"}, "b": {"province": "重庆"}}
CRITICAL = 15.13  # χ² with one degree of freedom at p < 0.0001


def selection(source_reports, wanted: dict) -> list:
    return [r for r in source_reports if all(getattr(r, k) == v for k, v in wanted.items())]


def count(reports, term: str) -> int:
    """Every occurrence in the selection's paragraphs, overlapping ones too."""
    pattern = re.compile(f"(?={re.escape(term)})")
    return sum(len(pattern.findall(text)) for r in reports for text in r.folded)


def g2(a: int, b: int, c: int, d: int) -> float:
    """Log-likelihood of a count a of c against b of d (Rayson & Garside 2000):
    2 Σ O ln(O / E), with E the count each side would have at the pooled rate."""
    expected_a, expected_b = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, expected_a), (b, expected_b)) if o)


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    """log₂ of the ratio of the two rates, a zero count taken as 0.5 (Hardie 2014)."""
    return math.log2((max(a, 0.5) / c) / (max(b, 0.5) / d))


def test_the_definitions_on_a_worked_example():
    # 50 of 10,000 against 20 of 20,000: E = 23.33 and 46.67 → 2 (50 ln 2.1429 + 20 ln 0.4286) = 42.32
    assert g2(50, 20, 10_000, 20_000) == pytest.approx(42.3221, abs=1e-4)
    assert log_ratio(50, 20, 10_000, 20_000) == pytest.approx(math.log2(5), abs=1e-9)


@pytest.fixture(scope="module")
def data(client) -> dict:
    response = client.get("/api/compare", query_string={"a": A, "b": B, "min": 3})
    assert response.status_code == 200
    return response.get_json()


@pytest.fixture(scope="module")
def sides(source_reports) -> dict[str, list]:
    return {side: selection(source_reports, wanted) for side, wanted in SIDES.items()}


def test_each_selection_takes_the_reports_and_characters_of_the_files(data, sides):
    for side, reports in sides.items():
        assert data[side]["reports"] == len(reports) > 0
        assert data[side]["characters"] == sum(r.characters for r in reports)


def test_every_listed_count_is_a_scan_of_the_selected_files(data, sides):
    assert data["over_a"] and data["over_b"]
    for row in data["over_a"][:40] + data["over_b"][:40]:
        assert (row["count_a"], row["count_b"]) == (count(sides["a"], row["term"]), count(sides["b"], row["term"]))


def test_keyness_and_log_ratio_are_their_definitions_on_the_files_counts(data, sides):
    c, d = (sum(r.characters for r in sides[s]) for s in "ab")
    for row in data["over_a"][:25] + data["over_b"][:25]:
        a, b = count(sides["a"], row["term"]), count(sides["b"], row["term"])
        assert row["keyness"] == pytest.approx(g2(a, b, c, d), abs=0.01), row["term"]
        assert row["log_ratio"] == pytest.approx(log_ratio(a, b, c, d), abs=0.01), row["term"]
        assert row["per_10k_a"] == pytest.approx(a * 10_000 / c, abs=0.001)


def test_listed_expressions_are_significant_frequent_and_on_their_side(data):
    for side, sign in (("a", 1), ("b", -1)):
        rows = data[f"over_{side}"]
        assert [r["keyness"] for r in rows] == sorted((r["keyness"] for r in rows), reverse=True)
        for row in rows:
            assert row["keyness"] >= CRITICAL and sign * row["log_ratio"] > 0
            assert row[f"count_{side}"] >= 3


def test_keyness_is_g2_of_the_two_by_two_table(data):
    c, d = data["a"]["characters"], data["b"]["characters"]
    for row in data["over_a"][:30] + data["over_b"][:30]:
        a, b = row["count_a"], row["count_b"]
        # expected counts: each side's size × the pooled rate; G² = 2 Σ O ln(O / E)
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        g2 = 2 * ((a * math.log(a / e1) if a else 0) + (b * math.log(b / e2) if b else 0))
        assert row["keyness"] == pytest.approx(g2, abs=0.01), row["term"]


FUNCTION_WORDS = {"以上", "左右", "我们", "的", "和", "达到", "进一步", "其中"}


def test_place_names_and_function_words_are_left_out_unless_all(client, data):
    listed = {r["term"] for side in ("a", "b") for r in data[f"over_{side}"]}
    assert not listed & {"四川", "四川省", "重庆", "重庆市", "成都", "绵阳"} and not listed & FUNCTION_WORDS
    everything = client.get("/api/compare", query_string={"a": A, "b": B, "min": 3, "all": 1}).get_json()
    assert everything["all"] is True and not data["all"]
    assert "四川" in {r["term"] for r in everything["over_a"][:10]}
    assert "重庆" in {r["term"] for r in everything["over_b"][:10]}


def test_reports_provinces_and_dispersion_per_side(data, sides):
    for row in data["over_a"][:15] + data["over_b"][:15]:
        for side, reports in sides.items():
            counts = [count([r], row["term"]) for r in reports]
            sizes = [r.characters for r in reports]
            using = [r for r, n in zip(reports, counts, strict=True) if n]
            assert row[f"reports_{side}"] == len(using), row["term"]
            assert row[f"provinces_{side}"] == len({r.province for r in using})
            # Gries's DP: half the sum of |share of the occurrences − share of the text| over the reports
            total, size = sum(counts), sum(sizes)
            dp = 0.5 * sum(abs(n / total - z / size) for n, z in zip(counts, sizes, strict=True)) if total else 0.0
            assert row[f"dp_{side}"] == pytest.approx(dp, abs=0.002), (row["term"], side)


def test_each_expression_links_to_its_paragraphs_in_both_selections(data, client):
    row = data["over_a"][0]
    for url, side in ((row["url_a"], "a"), (row["url_b"], "b")):
        assert url.startswith("/search?q=")
        html = client.get(url).get_data(as_text=True)
        assert client.get(url).status_code == 200
        if row[f"count_{side}"]:
            assert "<mark>" in html


def test_the_page_and_the_csv_show_the_api_numbers(client, data):
    html = client.get("/compare", query_string={"a": A, "b": B, "min": 3}).get_data(as_text=True)
    for row in data["over_a"][:10]:  # each term links to its trend, its counts show its rates
        assert f">{row['term']}</a></th>" in html
        assert f'href="/trend?q={quote(row["term"])}"' in html
        cells = re.search(rf">{re.escape(row['term'])}</a></th>(.*?)</tr>", html, re.S).group(1)
        rates = re.findall(r'title="[^"]*: ([^"]+)">\d+</a>', cells)
        assert len(rates) == 2
        for shown, side in zip(rates, "ab", strict=True):
            assert_shown_rate(shown, row[f"per_10k_{side}"])
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get("/compare.csv", query_string={"a": A, "b": B, "min": 3})
                .get_data(as_text=True)
                .lstrip("\ufeff")
            )
        )
    )
    assert [r["term"] for r in rows if r["side"] == "a"] == [r["term"] for r in data["over_a"]]
    assert [int(r["count_b"]) for r in rows if r["side"] == "b"] == [r["count_b"] for r in data["over_b"]]


def test_the_empty_form_is_a_page_not_an_error(client):
    response = client.get("/compare")
    assert response.status_code == 200 and 'name="a"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    [
        {"a": "", "b": B},
        {"a": A},
        {"a": "发展", "b": B},
        {"a": A, "b": "year:1800"},
        {"a": A, "b": "province:火星"},
        {"a": A, "b": B, "min": "0"},
        {"a": A, "b": B, "min": "many"},
    ],
)
@pytest.mark.parametrize("path", ["/api/compare", "/compare.csv", "/compare"])
def test_bad_selections_are_a_clear_400(client, path, query):
    response = client.get(path, query_string=query)
    assert response.status_code == 400
    if path == "/compare":
        assert "<h1" in response.get_data(as_text=True)
    else:
        assert response.get_json()["error"]


def test_cli_compare_prints_the_csv_of_the_web(corpus_index_dir, client, capsys):
    assert main(["compare", A, B, "--min", "3", "--csv", "--index", str(corpus_index_dir)]) == 0
    web = client.get("/compare.csv", query_string={"a": A, "b": B, "min": 3}).get_data(as_text=True)
    assert capsys.readouterr().out == web
    assert main(["compare", A, "发展", "--index", str(corpus_index_dir)]) == 2
