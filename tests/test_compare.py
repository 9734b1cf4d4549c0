"""Keyness between two selections (``/compare``, ``/api/compare``, ``/compare.csv``): the
reports each selection takes against the documents' metadata, every listed count
against a scan of those reports' stored text, the statistics against their definition."""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata

import pytest

from searchui.cli import main

A, B = "province:四川 level:provincial", "province:重庆"


def plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


@pytest.fixture(scope="module")
def report_texts(all_paragraphs) -> dict[str, str]:
    texts: dict[str, list[str]] = {}
    for p in all_paragraphs:
        texts.setdefault(p["doc_id"], []).append(plain(p["text"]))
    return {doc_id: "\n".join(parts) for doc_id, parts in texts.items()}


def chosen(corpus, **wanted) -> list[str]:
    return sorted(d["doc_id"] for d in corpus.documents.values() if all(d.get(k) == v for k, v in wanted.items()))


def count(texts: list[str], term: str) -> int:
    return sum(len(re.findall(f"(?={re.escape(term)})", t)) for t in texts)


@pytest.fixture(scope="module")
def data(client) -> dict:
    response = client.get("/api/compare", query_string={"a": A, "b": B, "min": 3})
    assert response.status_code == 200
    return response.get_json()


def test_each_selection_takes_the_reports_its_filters_choose(data, corpus, all_paragraphs):
    for side, wanted in (("a", {"province": "四川", "level": "provincial"}), ("b", {"province": "重庆"})):
        reports = chosen(corpus, **wanted)
        assert data[side]["reports"] == len(reports) > 0
        assert data[side]["characters"] == sum(len(p["text"]) for p in all_paragraphs if p["doc_id"] in reports)


def test_every_listed_count_is_a_scan_of_the_selected_reports(data, corpus, report_texts):
    a = [report_texts[d] for d in chosen(corpus, province="四川", level="provincial")]
    b = [report_texts[d] for d in chosen(corpus, province="重庆")]
    assert data["over_a"] and data["over_b"]
    for row in data["over_a"][:40] + data["over_b"][:40]:
        assert (row["count_a"], row["count_b"]) == (count(a, row["term"]), count(b, row["term"])), row["term"]


def test_listed_expressions_are_significant_frequent_and_on_their_side(data):
    size_a, size_b = data["a"]["characters"], data["b"]["characters"]
    for side, sign in (("a", 1), ("b", -1)):
        rows = data[f"over_{side}"]
        assert [r["keyness"] for r in rows] == sorted((r["keyness"] for r in rows), reverse=True)
        for row in rows:
            assert row["keyness"] >= 15.13 and sign * row["log_ratio"] > 0
            assert row[f"count_{side}"] >= 3
            rate_a, rate_b = max(row["count_a"], 0.5) / size_a, max(row["count_b"], 0.5) / size_b
            assert row["log_ratio"] == pytest.approx(math.log2(rate_a / rate_b), abs=0.01)
            assert row["per_10k_a"] == pytest.approx(row["count_a"] * 10_000 / size_a, abs=0.001)


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


def test_reports_provinces_and_dispersion_per_side(data, corpus, report_texts):
    sides = {"a": chosen(corpus, province="四川", level="provincial"), "b": chosen(corpus, province="重庆")}
    for row in data["over_a"][:15] + data["over_b"][:15]:
        for side, reports in sides.items():
            counts = [count([report_texts[r]], row["term"]) for r in reports]
            sizes = [len(report_texts[r]) - report_texts[r].count("\n") for r in reports]  # the paragraphs' characters
            using = [r for r, n in zip(reports, counts, strict=True) if n]
            assert row[f"reports_{side}"] == len(using), row["term"]
            assert row[f"provinces_{side}"] == len({corpus.documents[r]["province"] for r in using})
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
    for row in data["over_a"][:10]:
        assert f">{row['term']}</th>" in html
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
