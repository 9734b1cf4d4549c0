"""Facet counts and filters against a brute force that shares nothing with the engine:
it selects the matching paragraphs itself, from their stored text and their
document's metadata, with its own normalisation, and counts them."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from indexer.search import SearchRequest, search
from tests.conftest import search_all

# Traditional forms of the characters of the terms below (the 1954 report is traditional).
TRADITIONAL = str.maketrans("發經濟鄉興營環質雙", "发经济乡兴营环质双")
# The only forms of these English words in the bundled corpus (asserted below): what
# their stems match.
ENGLISH_FORMS = {"poverty": r"poverty", "reform": r"reforms?"}


def contains(text: str, term: str) -> bool:
    folded = unicodedata.normalize("NFKC", text).translate(TRADITIONAL).lower()
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


def brute_force(corpus, all_paragraphs, terms, filters: dict, skip: str | None = None) -> list[tuple[dict, dict]]:
    """(paragraph, document) pairs whose text matches and whose document passes every
    filter but ``skip``."""
    mode, words = terms
    combine = all if mode == "all" else any
    rows = []
    for p in all_paragraphs:
        doc = corpus.documents[p["doc_id"]]
        if not combine(contains(p["text"], w) for w in words):
            continue
        passes = True
        for name, values in filters.items():
            if name == skip:
                continue
            passes &= in_years(doc["year"], values) if name == "year" else doc[name] in values
        if passes:
            rows.append((p, doc))
    return rows


def test_the_english_forms_are_all_the_corpus_has(all_paragraphs):
    forms = Counter(
        m.lower() for p in all_paragraphs for m in re.findall(r"\b(?:reform|povert)[a-z]*", p["text"], re.IGNORECASE)
    )
    assert set(forms) == {"reform", "reforms", "poverty"}


def unmatched_choices(name: str, chosen: list, counted: set) -> set:
    """The chosen values (a year range: of its years) that no counted value is; a range of one year is that year."""
    if name == "year":
        return {lo if lo == hi else (lo, hi) for lo, hi in chosen if not any(in_years(y, [(lo, hi)]) for y in counted)}
    return {value for value in chosen if value not in counted}


@pytest.mark.parametrize(("q", "terms", "filters"), CASES)
def test_totals_and_facets_equal_a_brute_force_count(corpus, all_paragraphs, q, terms, filters):
    result, found = search_all(corpus, q, **request_filters(filters))
    expected = brute_force(corpus, all_paragraphs, terms, filters)
    assert expected, "a case that matches nothing tests nothing"
    assert found == {(p["doc_id"], p["paragraph"]) for p, _ in expected}
    assert result.summary.total_documents == len({doc["doc_id"] for _, doc in expected})
    for name in ("province", "year", "doc_type", "lang"):
        rows = brute_force(corpus, all_paragraphs, terms, filters, skip=name)  # a facet counts without its own filter
        paragraphs = Counter(doc[name] for _, doc in rows)
        documents = Counter(doc[name] for doc in {d["doc_id"]: d for _, d in rows}.values())
        facet = {v.value: (v.count, v.documents) for v in result.summary.facets[name] if v.count}
        assert facet == {value: (paragraphs[value], documents[value]) for value in paragraphs}, name
        # a chosen value nothing matches is listed too, chosen, with a count of 0
        unmatched = [v for v in result.summary.facets[name] if not v.count]
        assert all(v.selected and not v.documents for v in unmatched)
        assert {v.value for v in unmatched} == unmatched_choices(name, filters.get(name, []), set(paragraphs)), name


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
