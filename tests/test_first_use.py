"""First use, one definition in three views (the trend, a year's new vocabulary, a
report's new expressions), checked against the source archive read by this test's own
code (``first_use_truth``: tarfile, yaml, NFKC; no ``indexer`` import there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.analysis.segment import jieba_words
from indexer.search.novelty import new_terms
from indexer.search.novelty_year import year_news
from indexer.search.trend import build_trend
from tests.first_use_truth import TERMS, first_years, plain, provincial_reports

YEARS = range(2018, 2026)
WORK_REPORTS = {"level": ["provincial"], "doc_type": ["work-report"]}
ONE_CHARACTER_PIECES = "预制菜"  # jieba: 预制/菜


@pytest.fixture(scope="module")
def reports(test_corpus: Path):
    return list(provincial_reports(str(test_corpus / "lawtext-gov" / "provinces.tar.xz")))


@pytest.fixture(scope="module")
def truth(reports) -> dict[str, dict[str, int]]:
    """Each term's first year in each province, where the province has an earlier report
    (a place's first report has nothing to be new against)."""
    first_report = {}
    for report in reports:
        first_report[report.province] = min(first_report.get(report.province, 9999), report.year)
    found = first_years(reports, TERMS)
    return {t: {p: y for p, y in firsts.items() if y in YEARS and y > first_report[p]} for t, firsts in found.items()}


def province_folder(doc: dict, folders: set[str]) -> str:
    """The archive's folder of a report's province (四川 → 四川省)."""
    return next(f for f in folders if f.startswith(doc["province"]))


@pytest.fixture(scope="module")
def year_view(corpus, truth) -> dict[tuple[str, int], dict[str, str]]:
    """(term, year) → {province folder: doc_id} as the year view lists it."""
    folders = {p for firsts in truth.values() for p in firsts} | {"四川省", "重庆市"}
    out: dict[tuple[str, int], dict[str, str]] = {}
    for year in YEARS:
        for entry in year_news(corpus, year, "provincial", min_places=1).terms:
            out[(entry.term, year)] = {province_folder(d, folders): d["doc_id"] for d in entry.reports}
    return out


def test_the_sample_has_first_uses_to_find(truth):
    assert sum(len(firsts) for firsts in truth.values()) >= 20


def test_the_year_view_finds_every_first_use_of_the_source_files(truth, year_view):
    missed = [(t, p, y) for t, firsts in truth.items() for p, y in firsts.items() if p not in year_view.get((t, y), {})]
    assert not missed


def test_a_reports_new_expressions_hold_every_first_use(corpus, truth, year_view):
    for term, firsts in truth.items():
        for province, year in firsts.items():
            doc_id = year_view[(term, year)][province]
            assert term in {t.term for t in new_terms(corpus, doc_id, None).new}, (term, doc_id)


@pytest.mark.parametrize("start", range(0, len(TERMS), 5))
def test_first_use_is_the_same_in_the_trend(corpus, truth, year_view, start):
    trend = build_trend(corpus, list(TERMS[start : start + 5]), WORK_REPORTS)
    for term in trend.terms:
        firsts = trend.first_appearances(term, "province")
        for province, year in truth[term.term].items():
            doc_id = year_view[(term.term, year)][province]
            first = next(f for p, f in firsts.items() if province.startswith(p))
            assert (first.year, first.doc_id) == (year, doc_id), (term.term, province)


def test_an_expression_used_once_is_found(reports, truth, year_view):
    """The first uses where the report says the term exactly once."""
    once = [
        (t, p, y)
        for t, firsts in truth.items()
        for p, y in firsts.items()
        if sum(r.text.count(plain(t)) for r in reports if r.province == p and r.year == y) == 1
    ]
    assert len(once) >= 3
    assert all(p in year_view.get((t, y), {}) for t, p, y in once)


def test_an_expression_jieba_cuts_into_one_character_pieces_is_found(truth, year_view):
    assert any(len(w) == 1 for w in jieba_words(ONE_CHARACTER_PIECES))
    firsts = truth[ONE_CHARACTER_PIECES]
    assert firsts
    assert all(p in year_view.get((ONE_CHARACTER_PIECES, y), {}) for p, y in firsts.items())
