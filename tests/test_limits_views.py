"""Every heavy view but the concordance (``test_limits``) stops at its budget: the search
export, the trend, the panel, collocations, keyness and the new expressions (a report's
and a year's) look at the clock between their steps, and past the deadline answer a
503 that says how far they got and how to narrow the request (their partial results
would look complete); the new-expression views take a heavy slot. Budgets are set by
config (0 s: out of time at the first look at the clock), so no test depends on the
machine's speed; the same request without a budget answers 200, so the 503 is the
budget's. How far they got is counted from the files."""

from __future__ import annotations

import pytest

from indexer.search import collocates, results
from searchui import create_app

TERM = "发展"
REPORT = "2025-sichuan-work-report"
YEAR = 2020  # the year every province's report of the sample is from
CHUNK = 40  # paragraphs collocations match between two looks at the clock, in these tests

BUDGETED = {  # a view → (its request, the code of its 503)
    "search-csv": ("/search.csv", {"q": TERM}, "search_csv_out_of_time"),
    "trend": ("/api/trend", {"q": "发展|改革"}, "terms_out_of_time"),
    "trend-csv": ("/trend.csv", {"q": "发展|改革"}, "terms_out_of_time"),
    "panel": ("/panel.csv", {"q": "营商环境|乡村振兴|高质量发展"}, "terms_out_of_time"),
    "collocates": ("/api/collocates", {"q": TERM}, "collocates_out_of_time"),
    "compare": ("/api/compare", {"a": "province:四川 level:provincial", "b": "province:重庆"}, "compare_out_of_time"),
    "new-terms": ("/api/new-terms", {"doc_id": REPORT}, "new_terms_out_of_time"),
    "new-terms-csv": (f"/doc/{REPORT}/new.csv", {"compare": "all"}, "new_terms_out_of_time"),
    "year": ("/api/new-terms", {"year": YEAR}, "year_news_out_of_time"),
    "year-csv": ("/new.csv", {"year": YEAR}, "year_news_out_of_time"),
}
NEW_EXPRESSION_VIEWS = [f"/doc/{REPORT}/new", f"/doc/{REPORT}/new.csv", "/new", "/new.csv", "/api/new-terms"]


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(collocates, "CHUNK", CHUNK)
    monkeypatch.setattr(results, "EXPORT_CHUNK", CHUNK)


@pytest.fixture
def app(corpus_index_dir):
    app = create_app(corpus_index_dir)
    app.config.update(TESTING=True, REQUEST_BUDGET=0.0, HEAVY_WAIT=0.0)
    app.config["SEARCH_INDEX"].snapshot().orders.clear()
    return app


@pytest.mark.parametrize("view", list(BUDGETED))
def test_a_heavy_view_out_of_time_is_a_503_that_says_how_to_narrow_it(app, view):
    path, query, code = BUDGETED[view]
    client = app.test_client()
    response = client.get(path, query_string={**query, "ui": "en"})
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    error = response.get_json()
    assert error["code"] == code
    assert "Time ran out" in error["error"] and "policy-search" in error["error"]
    app.config["REQUEST_BUDGET"] = None
    assert client.get(path, query_string=query).status_code == 200


def test_the_year_view_out_of_time_says_how_many_of_the_years_reports_it_read(app, source_reports):
    provinces = [
        r
        for r in source_reports
        if r.year == YEAR and r.level == "provincial" and r.doc_type == "work-report" and r.lang == "zh"
    ]
    error = app.test_client().get("/api/new-terms", query_string={"year": YEAR}).get_json()
    assert error["code"] == "year_news_out_of_time"
    assert f"after 1 of the {len(provinces)} reports of {YEAR}" in error["error"]


@pytest.mark.parametrize("path", ["/api/collocates", "/search.csv"])
def test_out_of_time_they_say_how_many_matching_paragraphs_were_read(app, all_paragraphs, path):
    from tests.truth.normal import fold

    matching = sum(TERM in fold(p["text"]) for p in all_paragraphs)
    assert matching > CHUNK
    error = app.test_client().get(path, query_string={"q": TERM}).get_json()
    assert f"{CHUNK} of the {matching} matching paragraphs were read" in error["error"]


PAGES = {  # a heavy view's page: out of time, a page that says so (the form kept), never a 500
    "trend": ("/trend", {"q": "发展|改革"}),
    "compare": ("/compare", {"a": "province:四川 level:provincial", "b": "province:重庆"}),
    "collocates": ("/collocates", {"q": TERM}),
    "new-terms": (f"/doc/{REPORT}/new", {"compare": "all"}),
}


@pytest.mark.parametrize("view", list(PAGES))
def test_a_heavy_page_out_of_time_is_a_page_that_says_so(app, view):
    path, query = PAGES[view]
    response = app.test_client().get(path, query_string={**query, "ui": "en"})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Time ran out" in page and "policy-search" in page and "Traceback" not in page


def test_the_year_paragraphs_out_of_time_say_how_many_reports_were_done(corpus):
    from indexer.errors import OutOfTime
    from indexer.search import budget
    from indexer.search.novelty_year import add_paragraphs, year_news

    found = year_news(corpus, YEAR, "city", min_places=1)
    adopting = {a.doc["doc_id"] for term in found.terms for a in term.adopters}
    assert len(adopting) > 1
    with budget.time_budget(0.0), pytest.raises(OutOfTime) as stopped:
        add_paragraphs(corpus, found.terms)
    assert stopped.value.code == "year_paragraphs_out_of_time"
    assert f"1 of {len(adopting)} reports done" in str(stopped.value)


@pytest.mark.parametrize(("ui", "text"), [("zh", "时间到了"), ("en", "Time ran out")])
def test_the_year_page_out_of_time_says_so_in_its_language(app, ui, text):
    response = app.test_client().get("/new", query_string={"year": YEAR, "ui": ui})
    assert response.status_code == 503 and text in response.get_data(as_text=True)


def test_the_new_expression_views_take_a_heavy_slot(app):
    app.config["REQUEST_BUDGET"] = None
    client = app.test_client()
    slots = app.extensions["heavy_slots"]
    assert slots.acquire(timeout=0)  # a long request holds the only slot
    try:
        for path in NEW_EXPRESSION_VIEWS:
            response = client.get(path, query_string={"doc_id": REPORT, "year": YEAR})
            assert response.status_code == 503, path
        assert client.get("/api/search", query_string={"q": TERM}).status_code == 200
    finally:
        slots.release()
    for path in NEW_EXPRESSION_VIEWS:
        assert client.get(path, query_string={"doc_id": REPORT, "year": YEAR}).status_code == 200, path


def test_a_lone_character_pauses_for_short_requests_while_its_words_are_read(corpus, all_paragraphs, monkeypatch):
    """A lone character is its unigram and every bigram it starts (over a thousand words
    for a common one on the default corpus), read a few at a time with a pause between
    for the short requests of the process; the matches are still every paragraph with it."""
    from indexer.query.compile import build_query
    from indexer.search import budget, scoring
    from indexer.search.prepare import SearchRequest, prepare
    from tests.truth.normal import fold

    pauses = []
    monkeypatch.setattr(scoring, "WORDS_BETWEEN_LOOKS", 4)
    monkeypatch.setattr(budget, "_give_way", lambda: pauses.append(True))
    corpus.forget_cached_queries()
    found = corpus.scored_by_arrays(build_query(prepare(SearchRequest("发"), corpus).parsed))
    corpus.forget_cached_queries()
    assert found is not None and len(pauses) > 4
    assert len(found[0]) == sum("发" in fold(p["text"]) for p in all_paragraphs)
