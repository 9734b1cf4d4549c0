"""Facet counts equal brute-force counts over the matching paragraphs' stored fields."""

from __future__ import annotations

from collections import Counter

import pytest

from indexer.search import SearchRequest, search
from tests.conftest import search_all

CASES = [
    ("双城经济圈", {}),
    ("营商环境", {}),
    ("乡村振兴 OR poverty", {}),
    ("发展", {"provinces": ["四川", "重庆"]}),
    ("改革", {"years": ["2018-2021"]}),
    ("reform", {"lang": "en"}),
    ("高质量发展 province:全国", {"years": ["2019", "2023"]}),
]


def brute_force(paragraphs: list[dict], keys: set[tuple[str, int]], field: str) -> tuple[Counter, Counter]:
    rows = [p for p in paragraphs if (p["doc_id"], p["paragraph"]) in keys]
    paragraphs_per_value = Counter(p.get(field) for p in rows)
    documents_per_value = Counter(v for v, _ in {(p.get(field), p["doc_id"]) for p in rows})
    return paragraphs_per_value, documents_per_value


@pytest.mark.parametrize(("q", "filters"), CASES)
def test_facets_match_brute_force_counts(corpus, all_paragraphs, q, filters):
    result, found = search_all(corpus, q, **filters)
    assert result["total"] == len(found)
    assert result["total_documents"] == len({doc for doc, _ in found})
    for field in ("province", "year", "lang"):
        # A facet counts under every filter but its own: recompute without it.
        without_own = {
            k: v for k, v in filters.items() if k != {"province": "provinces", "year": "years"}.get(field, field)
        }
        own_q = " ".join(w for w in q.split() if not w.startswith(f"{field}:"))
        _, keys = search_all(corpus, own_q, **without_own)
        paragraphs, documents = brute_force(all_paragraphs, keys, field)
        facet = {e["value"]: (e["count"], e["documents"]) for e in result["facets"][field]}
        assert facet == {v: (paragraphs[v], documents[v]) for v in paragraphs}


def test_selected_values_are_flagged_and_other_provinces_still_counted(corpus):
    result = search(corpus, SearchRequest("双城经济圈", provinces=["重庆"]))
    province = {e["value"]: e for e in result["facets"]["province"]}
    assert province["重庆"]["selected"] and not province["全国"]["selected"]
    assert result["total"] == province["重庆"]["count"]
    assert {h["province"] for h in result["hits"]} == {"重庆"}


def test_province_names_in_any_form_filter_the_same(corpus):
    totals = {
        search(corpus, SearchRequest("development", provinces=[name]))["total"]
        for name in ["四川", "四川省", "Sichuan", "sichuan"]
    }
    assert len(totals) == 1 and totals.pop() > 0
