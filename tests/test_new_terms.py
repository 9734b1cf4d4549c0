"""New and vanished expressions (``/doc/<id>/new``, ``/api/new-terms``, ``/new``): every
"new" expression checked against the source files of the compared reports (tests/truth:
absent from each, present in the report), counts against the report's file, paragraphs
against a scan of the stored text, the compared reports against the documents' metadata."""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata

import jieba
import numpy as np
import pytest
from lxml import html as lxml_html

from indexer.analysis.segment import ORDINARY_FREQUENCY
from indexer.search.keyness import log_likelihood, log_ratio
from indexer.search.novelty import new_terms
from indexer.search.novelty_year import year_news
from searchui.cli import main
from tests.truth import matched

SICHUAN = [f"{year}-sichuan-work-report" for year in range(2021, 2026)]
SEARCHED = 200  # a report's new expressions checked with the phrase search, most key first (the page shows 100)
CHINESE = re.compile(r"^[\u3007\u3400-\u9fff]+$")
TERM = re.compile(r"^[\u3007\u3400-\u9fffa-z0-9+]{2,10}$")  # Chinese, with 5g or 人工智能+


@pytest.fixture(scope="module")
def files(corpus, source_reports) -> dict:
    """Each indexed report's source, as tests/truth reads it, by doc_id."""
    return matched(corpus.documents, source_reports)


def found_in(files: dict, term: str, among: set[str] | None = None) -> set[str]:
    """The reports (of ``among``, or all) whose source text has ``term`` in one of its paragraphs."""
    return {doc_id for doc_id in (files if among is None else among) if term in files[doc_id].joined}


def series(doc: dict) -> tuple:
    return tuple(doc.get(k) for k in ("province", "city", "level", "doc_type", "lang"))


def earlier_by_metadata(corpus, doc: dict) -> list[str]:
    """The same place's earlier reports of the same kind, newest first, from the metadata alone."""
    same = [d for d in corpus.documents.values() if series(d) == series(doc) and d["year"] < doc["year"]]
    return [d["doc_id"] for d in sorted(same, key=lambda d: (-d["year"], d["doc_id"]))]


def plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def occurrences(text: str, term: str) -> int:
    """Every occurrence, overlapping ones too."""
    return len(re.findall(f"(?={re.escape(term)})", text))


@pytest.fixture(scope="module")
def texts(corpus, all_paragraphs) -> dict[str, dict[int, str]]:
    """Each report's paragraphs, NFKC and lower case, by number."""
    out: dict[str, dict[int, str]] = {}
    for p in all_paragraphs:
        out.setdefault(p["doc_id"], {})[p["paragraph"]] = plain(p["text"])
    return out


@pytest.mark.parametrize("doc_id", SICHUAN)
def test_every_new_expression_is_absent_from_the_compared_reports(corpus, files, doc_id):
    result = new_terms(corpus, doc_id, 3)
    compared = {d["doc_id"] for d in result.compared_with}
    assert [d["doc_id"] for d in result.compared_with] == earlier_by_metadata(corpus, result.doc)[:3]
    assert len(result.new) >= 20
    for term in result.new[:SEARCHED]:
        where = found_in(files, term.term, {doc_id, *compared})
        assert doc_id in where, term.term
        assert not where & compared, (term.term, where & compared)


@pytest.mark.parametrize("doc_id", SICHUAN[:2])
def test_every_dropped_expression_was_in_the_previous_report_and_is_not_in_this_one(corpus, files, doc_id):
    result = new_terms(corpus, doc_id, 3)
    previous = result.compared_with[0]["doc_id"]
    assert result.dropped
    for term in result.dropped:
        where = found_in(files, term.term, {previous, doc_id})
        assert previous in where and doc_id not in where, term.term


def test_counts_and_paragraphs_are_those_of_the_report_text(corpus, texts, files):
    result = new_terms(corpus, "2025-sichuan-work-report", 3)
    paragraphs = texts["2025-sichuan-work-report"]
    source = files["2025-sichuan-work-report"].folded
    for term in result.new:
        assert TERM.match(term.term), term.term
        assert term.count == sum(occurrences(text, term.term) for text in source), term.term
        assert term.paragraphs == sorted(n for n, text in paragraphs.items() if term.term in text), term.term


def test_compare_all_reads_every_earlier_report(corpus, files):
    doc = corpus.documents["2025-sichuan-work-report"]
    every = earlier_by_metadata(corpus, doc)
    assert len(every) > 10
    result = new_terms(corpus, doc["doc_id"], None)
    assert [d["doc_id"] for d in result.compared_with] == every
    assert {t.term for t in result.new} <= {t.term for t in new_terms(corpus, doc["doc_id"], 3).new}
    for term in result.new[:40]:
        assert not found_in(files, term.term, set(every)), term.term


def common_chinese(phrase: str) -> bool:
    """A common word of general Chinese by jieba's own dictionary (一对一, 司机): never news."""
    jieba.dt.initialize()
    return jieba.dt.FREQ.get(phrase, 0) >= ORDINARY_FREQUENCY


def test_a_quoted_slogan_is_an_expression_even_once(corpus, texts):
    """A phrase in quotes that the report uses once and the earlier reports never is new
    (unless it is a common word of general Chinese)."""
    doc_id = "2025-sichuan-work-report"
    text = "\n".join(texts[doc_id].values())
    before = "\n".join("\n".join(texts[d].values()) for d in earlier_by_metadata(corpus, corpus.documents[doc_id])[:3])
    quoted = re.findall(r"“([\u4e00-\u9fff]{2,10})”", text)
    once = [s for s in quoted if occurrences(text, s) == 1 and s not in before and not common_chinese(s)]
    assert once, "the test report should quote a phrase once"
    new = {t.term for t in new_terms(corpus, doc_id, 3).new}
    assert set(once) <= new


def test_the_first_report_of_a_place_has_nothing_to_compare_with(corpus):
    first = min(
        (d for d in corpus.documents.values() if d["doc_id"].endswith("sichuan-work-report")), key=lambda d: d["year"]
    )
    result = new_terms(corpus, first["doc_id"], 3)
    assert result.compared_with == [] and result.new == [] and result.dropped == []


def test_a_years_new_vocabulary_is_new_in_every_province_it_lists(corpus, files):
    year = 2024
    result = year_news(corpus, year, min_places=1)
    assert result.terms
    for entry in result.terms[:30]:
        where = found_in(files, entry.term)
        for doc in entry.reports:
            assert doc["year"] == year and doc["level"] == "provincial" and doc["doc_type"] == "work-report"
            assert doc["doc_id"] in where
            assert not where & set(earlier_by_metadata(corpus, doc)), (entry.term, doc["doc_id"])
        earlier_anywhere = {d for d in where if (corpus.documents[d]["year"] or year) < year}
        assert entry.first_anywhere == (not earlier_anywhere), entry.term


# ---------------------------------------------------------------- expressions and keyness


def test_keyness_against_a_hand_computed_example():
    # 50 of 10,000 against 20 of 20,000: E = 23.33 and 46.67; G² = 2(50 ln(50/23.33) + 20 ln(20/46.67))
    assert float(log_likelihood(50, 20, 10_000, 20_000)) == pytest.approx(42.3221, abs=1e-4)
    assert float(log_ratio(50, 20, 10_000, 20_000)) == pytest.approx(2.3219, abs=1e-4)  # 5 per 1k vs 1 per 1k
    # 10 of 1,000 against none of 1,000: G² = 20 ln 2; the zero counts as 0.5: log₂ 20
    assert float(log_likelihood(10, 0, 1000, 1000)) == pytest.approx(13.8629, abs=1e-4)
    assert float(log_ratio(10, 0, 1000, 1000)) == pytest.approx(4.3219, abs=1e-4)
    assert float(log_likelihood(7, 14, 1000, 2000)) == pytest.approx(0.0, abs=1e-9)  # same rate: nothing key


# ---------------------------------------------------------------- the web


def test_the_api_has_the_contracts_fields(client):
    data = client.get("/api/new-terms?doc_id=2025-sichuan-work-report&compare=2").get_json()
    assert data["doc_id"] == "2025-sichuan-work-report"
    assert data["compared_with"] == ["2024-sichuan-work-report", "2023-sichuan-work-report"]
    first = data["new"][0]
    assert {"term", "count", "keyness", "paragraphs"} <= first.keys()
    assert first["urls"][0].endswith(f"#p{first['paragraphs'][0]}")
    assert {"term", "count_before", "keyness"} <= data["dropped"][0].keys()


def test_the_page_lists_the_api_terms_escaped_and_links_each_paragraph(client):
    data = client.get("/api/new-terms?doc_id=2024-sichuan-work-report").get_json()
    html = client.get("/doc/2024-sichuan-work-report/new").get_data(as_text=True)
    for term in data["new"][:20]:
        assert f">{term['term']}</th>" in html
        assert term["urls"][0].replace("&", "&amp;") in html
    assert 'aria-current="page"' in html and "/doc/2024-sichuan-work-report/new" in html


def test_the_document_page_links_to_its_new_expressions(client):
    html = client.get("/doc/2024-sichuan-work-report").get_data(as_text=True)
    assert 'href="/doc/2024-sichuan-work-report/new"' in html


def test_the_year_page_and_api_agree(client):
    data = client.get("/api/new-terms?year=2024").get_json()
    html = client.get("/new?year=2024").get_data(as_text=True)
    assert data["year"] == 2024 and data["reports"]
    for term in data["terms"][:10]:
        assert f">{term['term']}</th>" in html
        assert term["places"] == len(term["reports"]) >= 2


def test_the_year_page_states_its_rule_and_links_terms_and_reports(client):
    data = client.get("/api/new-terms?year=2024&level=provincial").get_json()
    html = client.get("/new?year=2024&level=provincial&ui=en").get_data(as_text=True)
    assert "The rule of first use" in html and "once is enough" in html
    assert data["levels"]["provincial"] >= 1 and data["level"] == "provincial"
    assert 'href="/new?year=2024&amp;ui=en&amp;level=city"' in html
    for term in data["terms"][:10]:
        assert term["trend_url"].replace("&", "&amp;") in html and term["kwic_url"] in html
        assert term["trend_url"].startswith("/trend?q=") and term["kwic_url"].startswith("/kwic?q=")
        for report in term["reports"]:
            assert report["url"].endswith(f"#p{report['paragraph']}"), report
            assert report["url"].replace("&", "&amp;") in html


def test_the_year_csv_has_a_row_per_expression_and_report(client):
    data = client.get("/api/new-terms?year=2024").get_json()
    response = client.get("/new.csv?year=2024")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["term"], r["doc_id"]) for r in rows] == [
        (t["term"], d["doc_id"]) for t in data["terms"] for d in t["reports"]
    ]
    assert rows and all(r["trend_url"].startswith("/trend?q=") for r in rows)


def test_a_reports_csv_has_its_new_expressions(client):
    data = client.get("/api/new-terms?doc_id=2024-sichuan-work-report&compare=all").get_json()
    html = client.get("/doc/2024-sichuan-work-report/new?compare=all").get_data(as_text=True)
    text = client.get("/doc/2024-sichuan-work-report/new.csv?compare=all").get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["term"] for r in rows] == [t["term"] for t in data["new"]]
    assert 'href="/doc/2024-sichuan-work-report/new.csv?compare=all"' in html
    assert data["new"][0]["kwic_url"].replace("&", "&amp;") in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/doc/no-such-report/new", 404),
        ("/api/new-terms?doc_id=no-such-report", 404),
        ("/api/new-terms?doc_id=2025-sichuan-work-report&compare=0", 400),
        ("/api/new-terms?doc_id=2025-sichuan-work-report&compare=1000", 400),
        ("/api/new-terms?doc_id=2025-sichuan-work-report&compare=three", 400),
        ("/doc/2025-sichuan-work-report/new?compare=-1", 400),
        ("/api/new-terms", 400),
        ("/api/new-terms?doc_id=2020-sichuan-work-report-en", 400),
        ("/api/new-terms?year=abc", 400),
        ("/new?year=20x4", 400),
        ("/new?year=2024&level=county", 400),
        ("/api/new-terms?year=2024&level=x", 400),
        ("/new.csv?year=abc", 400),
    ],
)
def test_bad_input_is_a_clear_error(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    if path.startswith("/api/") or ".csv" in path:  # a CSV download answers its error as JSON
        assert response.get_json()["error"]
    else:
        assert "<h1" in response.get_data(as_text=True)


def test_cli_new_terms_prints_what_the_api_returns(corpus_index_dir, client, capsys):
    assert (
        main(["new-terms", "2024-sichuan-work-report", "--compare", "2", "--json", "--index", str(corpus_index_dir)])
        == 0
    )
    printed = json.loads(capsys.readouterr().out)
    api = client.get("/api/new-terms?doc_id=2024-sichuan-work-report&compare=2").get_json()
    assert [t["term"] for t in printed["new"]] == [t["term"] for t in api["new"]]
    assert main(["new-terms", "--year", "2024", "--index", str(corpus_index_dir)]) == 0
    assert capsys.readouterr().out.startswith("2024: ")
    assert main(["new-terms", "no-such-report", "--index", str(corpus_index_dir)]) == 1
    assert main(["new-terms", "2024-sichuan-work-report", "--compare", "0", "--index", str(corpus_index_dir)]) == 2


def test_a_fragment_goes_only_when_a_longer_new_expression_holds_it_as_often():
    from indexer.search.novelty_pieces import Candidate, without_fragments

    counts = {"长三角一体化": 3, "一体化": 3, "三角": 3, "长三角": 4, "体化": 5, "数字经济": 2, "经济": 2, "区域": 3}
    found = [Candidate(k, term, n, 1.0, 1.0, False) for k, (term, n) in enumerate(counts.items())]
    spread = np.zeros(len(counts), dtype=np.int32)  # no term known as an expression more widely than another
    kept = [c.term for c in without_fragments(found, spread, np.full(len(counts), 9))]
    # by hand: 一体化 and 三角 are inside 长三角一体化 (3 times each); 经济 inside 数字经济 (twice);
    # 长三角 and 体化 occur more often than the longer one; 区域 is inside nothing
    assert kept == ["长三角一体化", "长三角", "体化", "数字经济", "区域"]


def test_a_fragments_end_goes_however_widely_known_and_its_beginning_or_a_word_stays():
    from indexer.search.novelty_pieces import Candidate, without_fragments

    counts = {"二十届二中全会精神": 2, "二中全会精神": 2, "二十届二中全会": 2, "新质生产力发展": 2, "新质生产力": 2}
    counts |= {"国内国际双循环": 1, "双循环": 1}
    found = [Candidate(k, term, n, 1.0, 1.0, False) for k, (term, n) in enumerate(counts.items())]
    spread = np.full(len(counts), 9, dtype=np.int32)  # the shorter ones known more widely than the longer
    spread[[0, 3, 5]] = 1
    occurrences = np.full(len(counts), 50)  # the shorter ones used mostly on their own in the corpus
    occurrences[[0, 3, 5]] = 5
    kept = [c.term for c in without_fragments(found, spread, occurrences)]
    # by hand: 二中全会精神 is the end of 二十届二中全会精神, no word of the dictionaries: gone;
    # 二十届二中全会 and 新质生产力 begin theirs and are known more widely; 双循环 is a word
    assert kept == ["二十届二中全会精神", "二十届二中全会", "新质生产力发展", "新质生产力", "国内国际双循环", "双循环"]


def test_a_beginning_the_corpus_uses_mostly_inside_the_longer_expression_goes():
    from indexer.search.novelty_pieces import Candidate, without_fragments

    counts = {"国际产能合作": 3, "国际产能": 3, "新质生产力发展": 2, "新质生产力": 2, "国内国际双循环": 1, "双循环": 1}
    found = [Candidate(k, term, n, 1.0, 1.0, False) for k, (term, n) in enumerate(counts.items())]
    spread = np.array([19, 20, 1, 12, 8, 12], dtype=np.int32)  # each shorter one known in more reports
    occurrences = np.array([30, 31, 4, 24, 21, 23])  # in the corpus: 30 of 国际产能's 31 are inside 国际产能合作
    kept = [c.term for c in without_fragments(found, spread, occurrences)]
    # by hand: 30 × 2 > 31, so 国际产能 is a piece of the longer term; 4 × 2 ≤ 24, so 新质生产力 stands
    # alone; 双循环, mostly inside 国内国际双循环 too, is a word of the dictionaries
    assert kept == ["国际产能合作", "新质生产力发展", "新质生产力", "国内国际双循环", "双循环"]


@pytest.mark.parametrize("doc_id", ["2025-sichuan-mianyang-work-report", "2024-national-work-report"])
def test_reports_provinces_and_dispersion_before_each_new_expression(client, source_reports, doc_id):
    """Beside its keyness, each new expression says how the reports of the earlier years
    (any place) used it: reports, provinces, Gries's DP — counted here from the files."""
    data = client.get(f"/api/new-terms?doc_id={doc_id}&compare=all").get_json()
    year = int(doc_id[:4])
    before = [r for r in source_reports if r.year < year]
    sizes = [r.characters for r in before]
    rows = data["new"][:15]
    assert any(row["reports_before"] for row in rows)  # some were used elsewhere before
    for row in rows:
        pattern = re.compile(f"(?={re.escape(row['term'])})")
        counts = [sum(len(pattern.findall(text)) for text in r.folded) for r in before]
        using = [r for r, n in zip(before, counts, strict=True) if n]
        assert (row["reports_before"], row["provinces_before"]) == (len(using), len({r.province for r in using}))
        total, size = sum(counts), sum(sizes)
        dp = 0.5 * sum(abs(n / total - z / size) for n, z in zip(counts, sizes, strict=True)) if total else 0.0
        assert row["dp_before"] == pytest.approx(dp, abs=0.002), row["term"]


def test_the_report_page_and_csv_show_the_spread_before(client):
    data = client.get("/api/new-terms?doc_id=2025-sichuan-mianyang-work-report&compare=all").get_json()
    row = next(r for r in data["new"] if r["reports_before"])
    page = client.get("/doc/2025-sichuan-mianyang-work-report/new?compare=all&rows=all").get_data(as_text=True)
    (tr,) = [tr for tr in lxml_html.fromstring(page).iter("tr") if tr.findtext("th") == row["term"]]
    cells = {td.get("data-label"): td.text_content() for td in tr.findall("td")}
    assert cells["DP"] == f"{row['dp_before']:.2f}"
    assert f"{row['reports_before']} / {row['provinces_before']}" in cells.values()
    text = client.get("/doc/2025-sichuan-mianyang-work-report/new.csv?compare=all").get_data(as_text=True)
    listed = {r["term"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert listed[row["term"]]["reports_before"] == str(row["reports_before"])
    assert float(listed[row["term"]]["dp_before"]) == row["dp_before"]


@pytest.mark.parametrize(
    ("year", "level"), [(2022, "provincial"), (2024, "provincial"), (2023, "city"), (2025, "city")]
)
def test_the_year_view_lists_what_the_reports_whole_lists_give(corpus, year, level):
    """The year view ranks only the expressions that bear on its list (those enough
    reports first use, and the longer ones that may make them fragments); what it lists
    is what every report's whole list, all its first-used expressions ranked, gives.
    (That the lists hold the source files' first uses: test_first_use.)"""
    from collections import defaultdict

    from indexer.search.novelty import first_used_here, ranked, reference_before
    from indexer.search.novelty_year import MIN_PLACES, _year_reports

    matrix = corpus.expressions
    reference = reference_before(corpus, matrix, year)
    users: dict[str, set[str]] = defaultdict(set)
    for doc, rows in _year_reports(corpus, year, level):
        if len(rows) >= 2 and matrix.row(doc["doc_id"]) is not None:
            for candidate in ranked(matrix, rows[-1], first_used_here(matrix, rows), reference):
                users[candidate.term].add(doc["doc_id"])
    whole = {term: docs for term, docs in users.items() if len(docs) >= MIN_PLACES[level]}
    listed = {y.term: {a.doc["doc_id"] for a in y.adopters} for y in year_news(corpus, year, level).terms}
    assert listed and listed == whole
