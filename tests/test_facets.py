"""Facet counts and filters against the source files: tests/truth reads the reports
and decides their metadata itself, with its own normalisation; this brute force
selects the matching paragraphs of those reports and counts them."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from indexer.search import SearchRequest, search
from tests.conftest import search_all
from tests.truth import matched

# The only forms of these English words in the bundled corpus (asserted below): what
# their stems match.
ENGLISH_FORMS = {"poverty": r"poverty", "reform": r"reforms?"}
# A paragraph is a line of the file to the truth; the engine joins a few lines a page
# break split otherwise (see test_trend): paragraph counts are held to this, reports exactly.
PARAGRAPH_SLACK = 0.02


def contains(folded: str, term: str) -> bool:
    if term in ENGLISH_FORMS:
        return re.search(rf"(?<![a-z0-9]){ENGLISH_FORMS[term]}(?![a-z0-9])", folded) is not None
    return term in folded


def in_years(year, ranges) -> bool:
    return year is not None and any(lo <= year <= hi for lo, hi in ranges)


# (query, its terms as the brute force reads them (all: AND of them; any: OR), filters)
CASES = [
    ("双城经济圈", ("all", ["双城经济圈"]), {}),
    ("营商环境", ("all", ["营商环境"]), {}),
    ("乡村振兴 OR poverty", ("any", ["乡村振兴", "poverty"]), {}),
    ("发展", ("all", ["发展"]), {"province": ["四川", "重庆"]}),
    ("改革", ("all", ["改革"]), {"year": [(2018, 2021)]}),
    ("reform", ("all", ["reform"]), {"lang": ["en"]}),
    ("高质量发展", ("all", ["高质量发展"]), {"province": ["全国"], "year": [(2019, 2019), (2023, 2023)]}),
    ("改革", ("all", ["改革"]), {"doc_type": ["resolution", "other"]}),
    ("发展", ("all", ["发展"]), {"year": [(1990, 1991), (2020, 2020)], "province": ["四川", "西藏"]}),
]


def request_filters(filters: dict) -> dict[str, list[str]]:
    """The filters as a URL writes them."""
    written = {}
    for name, values in filters.items():
        written[name] = [f"{v[0]}-{v[1]}" if isinstance(v, tuple) else v for v in values]
    return written


def brute_force(source_reports, terms, filters: dict, skip: str | None = None) -> list[tuple[object, str]]:
    """(report, paragraph) pairs whose text matches and whose report passes every filter but ``skip``."""
    mode, words = terms
    combine = all if mode == "all" else any
    rows = []
    for report in source_reports:
        passes = all(
            in_years(report.year, values) if name == "year" else getattr(report, name) in values
            for name, values in filters.items()
            if name != skip
        )
        if passes:
            rows += [(report, text) for text in report.folded if combine(contains(text, w) for w in words)]
    return rows


def test_the_english_forms_are_all_the_corpus_has(source_reports):
    forms = Counter(
        m for r in source_reports for text in r.folded for m in re.findall(r"\b(?:reform|povert)[a-z]*", text)
    )
    assert set(forms) == {"reform", "reforms", "poverty"}


def unmatched_choices(name: str, chosen: list, counted: set) -> set:
    """The chosen values (a year range: of its years) that no counted value is; a range of one year is that year."""
    if name == "year":
        return {lo if lo == hi else (lo, hi) for lo, hi in chosen if not any(in_years(y, [(lo, hi)]) for y in counted)}
    return {value for value in chosen if value not in counted}


@pytest.mark.parametrize(("q", "terms", "filters"), CASES)
def test_totals_and_facets_equal_a_count_of_the_source_files(corpus, source_reports, q, terms, filters):
    result, found = search_all(corpus, q, **request_filters(filters))
    expected = brute_force(source_reports, terms, filters)
    assert expected, "a case that matches nothing tests nothing"
    reports = matched(corpus.documents, source_reports)
    assert {reports[doc_id].source for doc_id, _ in found} == {r.source for r, _ in expected}
    assert result.summary.total_documents == len({r.source for r, _ in expected})
    assert close(result.summary.total, len(expected))
    for name in ("province", "year", "doc_type", "lang"):
        rows = brute_force(source_reports, terms, filters, skip=name)  # a facet counts without its own filter
        paragraphs = Counter(getattr(r, name) for r, _ in rows)
        documents = Counter(getattr(r, name) for r in {r.source: r for r, _ in rows}.values())
        facet = {v.value: (v.count, v.documents) for v in result.summary.facets[name] if v.count}
        assert {k: v[1] for k, v in facet.items()} == dict(documents), name
        assert all(close(facet[value][0], n) for value, n in paragraphs.items()), (name, facet, paragraphs)
        # a chosen value nothing matches is listed too, chosen, with a count of 0
        unmatched = [v for v in result.summary.facets[name] if not v.count]
        assert all(v.selected and not v.documents for v in unmatched)
        assert {v.value for v in unmatched} == unmatched_choices(name, filters.get(name, []), set(paragraphs)), name


def close(shown: int, truth: int) -> bool:
    return abs(shown - truth) <= 1 + PARAGRAPH_SLACK * truth


def test_selected_values_are_flagged_and_other_provinces_still_counted(corpus):
    result = search(corpus, SearchRequest("双城经济圈", {"province": ["重庆"]}))
    province = {v.value: v for v in result.summary.facets["province"]}
    assert province["重庆"].selected and not province["全国"].selected
    assert result.summary.total == province["重庆"].count
    assert {h.doc["province"] for h in result.hits} == {"重庆"}


def test_province_names_in_any_form_filter_the_same(corpus):
    totals = {
        search(corpus, SearchRequest("development", {"province": [name]})).summary.total
        for name in ["四川", "四川省", "Sichuan", "sichuan"]
    }
    assert len(totals) == 1 and totals.pop() > 0


def test_each_selection_records_where_it_was_chosen(corpus):
    result = search(corpus, SearchRequest("双城经济圈 province:chongqing", {"province": ["甘肃", "重庆市"]}))
    chosen = [(s.facet, s.value, s.written, s.origin, s.span) for s in result.summary.selections]
    assert chosen == [
        ("province", "重庆", "chongqing", "query", (6, 24)),
        ("province", "甘肃", "甘肃", "url", None),
        ("province", "重庆", "重庆市", "url", None),
    ]
    province = {v.value: v.selected_by for v in result.summary.facets["province"]}
    assert province["重庆"] == [0, 2] and province["甘肃"] == [1]


def test_facets_are_counted_only_for_the_views_that_show_them(corpus, client, monkeypatch):
    from indexer.search import results

    counted = Counter()
    original = results.count_facets

    def counting(*args):
        counted["facets"] += 1
        return original(*args)

    monkeypatch.setattr(results, "count_facets", counting)
    corpus.forget_cached_queries()
    for url in ("/api/kwic?q=改革", "/api/trend?q=改革", "/search.csv?q=改革", "/search.atom?q=改革"):
        assert client.get(url).status_code == 200
    assert counted["facets"] == 0
    page = client.get("/search?q=改革").get_data(as_text=True)
    assert counted["facets"] == 1 and 'class="facet' in page
