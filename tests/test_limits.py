"""No query can stall the server: a request past its time budget answers with what it
has and says so (a notice with a stable code), a heavy request that finds no free
slot is a readable 503, and a search is answered while heavy requests hold the slots.
Budgets are set by config here (0 s: out of time after the first chunk of work), so
no test depends on the machine's speed."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from indexer.search import budget, kwic
from indexer.search.kwic import KwicRequest, concordance
from indexer.search.prepare import SearchRequest
from searchui import create_app, limits
from searchui.views.kwic import MAX_EXPORT_ROWS
from tests.truth import matched
from tests.truth.normal import fold_with_offsets

TERM = "发展"
CHUNK = 40  # paragraphs read between two looks at the clock, in these tests


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    monkeypatch.setattr(kwic, "CHUNK", CHUNK)


@pytest.fixture
def app(corpus_index_dir):
    app = create_app(corpus_index_dir)
    app.config.update(TESTING=True, REQUEST_BUDGET=0.0, HEAVY_WAIT=0.0)
    return app


@pytest.fixture(scope="module")
def by_year(all_paragraphs, corpus, source_reports) -> list[tuple]:
    """Every occurrence of TERM in the order of the concordance sorted by year: newest
    first, then province, report, paragraph and place — the year and province of each
    report as its source file gives them (tests/truth), the places found in the stored
    paragraphs with the tests' own normaliser, and as many in each report as its source
    file holds. (doc_id, paragraph, start)."""
    reports = matched(corpus.documents, source_reports)
    found = []
    for p in all_paragraphs:
        report = reports[p["doc_id"]]
        folded, origins = fold_with_offsets(p["text"])
        start = folded.find(TERM)
        while start >= 0:
            found.append((-report.year, report.province, p["doc_id"], p["paragraph"], origins[start]))
            start = folded.find(TERM, start + len(TERM))
    per_report = Counter(f[2] for f in found)
    assert per_report == {d: n for d, r in reports.items() if (n := sum(t.count(TERM) for t in r.folded))}
    return [(f[2], f[3], f[4]) for f in sorted(found)]


def test_out_of_time_the_concordance_by_year_shows_its_true_first_lines_and_says_so(corpus, by_year):
    corpus.orders.clear()
    with budget.time_budget(0.0):
        page = concordance(corpus, KwicRequest(SearchRequest(TERM, per_page=25), "year"))
    assert page.searched == CHUNK < page.paragraphs
    assert [(ln.doc["doc_id"], ln.paragraph, ln.start) for ln in page.lines] == by_year[:25]
    assert page.total < len(by_year)
    (notice,) = page.notices
    assert notice.code == "kwic_partial_first"
    assert notice.params == {"lines": page.total, "searched": CHUNK, "paragraphs": page.paragraphs}


def test_without_a_budget_every_paragraph_is_read(corpus, by_year):
    corpus.orders.clear()
    page = concordance(corpus, KwicRequest(SearchRequest(TERM, per_page=25), "left"))
    assert page.searched == page.paragraphs and page.total == len(by_year) and page.notices == []


def test_the_api_answers_a_heavy_query_within_its_budget_with_the_notice(app, by_year):
    client = app.test_client()
    data = client.get("/api/kwic", query_string={"q": TERM, "sort": "left"}).get_json()
    (notice,) = data["notices"]
    assert notice["code"] == "kwic_partial" and notice["params"]["searched"] == CHUNK
    assert "Narrow the query" in notice["message"]
    assert 0 < data["total"] < len(by_year)
    assert not budget.expired()  # the request's budget ended with it


@pytest.mark.parametrize(("ui", "text"), [("zh", "时间到了"), ("en", "Time ran out")])
def test_the_concordance_page_says_time_ran_out_in_its_language(app, ui, text):
    html = app.test_client().get("/kwic", query_string={"q": TERM, "sort": "year", "ui": ui}).get_data(as_text=True)
    assert '<p class="notice">' in html and text in html


def test_a_heavy_request_without_a_free_slot_is_a_503_and_a_search_still_answers(app):
    client = app.test_client()
    slots = app.extensions["heavy_slots"]
    assert slots.acquire(timeout=0)  # a long request holds the only slot
    try:
        for url in ("/api/kwic", "/api/trend", "/trend.csv", "/search.csv"):
            response = client.get(url, query_string={"q": TERM})
            assert response.status_code == 503, url
            assert response.get_json()["code"] == "busy"
        page = client.get("/kwic", query_string={"q": TERM, "ui": "en"})
        assert page.status_code == 503 and "narrow the query" in page.get_data(as_text=True)
        assert client.get("/api/search", query_string={"q": TERM}).status_code == 200
        assert client.get("/api/suggest", query_string={"q": "fz"}).status_code == 200
    finally:
        slots.release()
    assert client.get("/api/kwic", query_string={"q": TERM}).status_code == 200


def test_an_export_out_of_time_is_a_503_that_says_how_to_narrow_it(app):
    response = app.test_client().get("/kwic.csv", query_string={"q": TERM})
    assert response.status_code == 503
    error = response.get_json()
    assert error["code"] == "kwic_csv_out_of_time" and "policy-search kwic" in error["error"]
    app.config["REQUEST_BUDGET"] = None  # no budget: every line, as before
    app.config["SEARCH_INDEX"].snapshot().orders.clear()  # the partial order was kept
    response = app.test_client().get("/kwic.csv", query_string={"q": TERM})
    assert response.status_code == 200 and response.get_data(as_text=True).count("\n") > CHUNK


def test_an_export_whose_lines_run_out_of_time_is_a_503_that_says_how_many_were_read(app, by_year):
    """The order kept by a request without a budget, the export's lines are made within
    the next one's: past it, a 503 that counts the lines (as many as the files hold)."""
    client = app.test_client()
    app.config["REQUEST_BUDGET"] = None
    assert client.get("/kwic.csv", query_string={"q": TERM}).status_code == 200  # the order, kept
    app.config["REQUEST_BUDGET"] = 0.0
    response = client.get("/kwic.csv", query_string={"q": TERM, "ui": "en"})
    assert response.status_code == 503
    error = response.get_json()
    assert error["code"] == "kwic_lines_out_of_time" and "policy-search kwic" in error["error"]
    assert f"{CHUNK} of the {min(len(by_year), MAX_EXPORT_ROWS)} concordance lines were read" in error["error"]


def test_the_concordance_export_holds_the_first_lines_of_the_order_up_to_the_cap(app, monkeypatch):
    import csv
    import io

    from searchui.views import kwic

    monkeypatch.setattr(kwic, "MAX_EXPORT_ROWS", 30)
    app.config["REQUEST_BUDGET"] = None
    client = app.test_client()
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/kwic.csv", query_string={"q": TERM}).get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    first = client.get("/api/kwic", query_string={"q": TERM, "per_page": 30}).get_json()
    assert first["total"] > 30 and len(rows) == 30
    assert [(r["doc_id"], r["paragraph"], r["left"]) for r in rows] == [
        (ln["doc_id"], str(ln["paragraph"]), ln["left"]) for ln in first["lines"]
    ]


def test_a_heavy_request_waits_at_its_checkpoints_while_a_light_one_runs(app, monkeypatch):
    monkeypatch.setattr(limits, "GIVE_WAY", 60.0)  # long enough that only the search's end releases it
    passed = threading.Event()

    def heavy() -> None:
        with app.test_request_context("/api/kwic", query_string={"q": TERM}):
            app.preprocess_request()
            budget.expired()  # a look at the clock between two chunks of work
            passed.set()

    with app.test_request_context("/api/search", query_string={"q": TERM}):
        app.preprocess_request()
        assert limits.LIGHT.running == 1
        thread = threading.Thread(target=heavy)
        thread.start()
        assert not passed.wait(0.5), "the heavy request went on while the search ran"
        app.do_teardown_request()
    assert passed.wait(10), "the heavy request did not go on when the search ended"
    thread.join()
    assert limits.LIGHT.running == 0


def test_out_of_time_by_year_then_context_a_year_read_in_part_is_left_out(corpus, by_year, monkeypatch):
    newest = corpus.documents[by_year[0][0]]["year"]
    first_year = {(doc_id, n) for doc_id, n, _ in by_year if corpus.documents[doc_id]["year"] == newest}
    monkeypatch.setattr(kwic, "CHUNK", len(first_year) + 1)  # the clock is read when a year and a bit are read
    request = KwicRequest(SearchRequest(TERM, per_page=100), "year", 20, "1R")
    corpus.orders.clear()
    whole = list(kwic.sorted_lines(corpus, request))
    corpus.orders.clear()
    with budget.time_budget(0.0):
        page = concordance(corpus, request)
    assert page.searched == len(first_year) < page.paragraphs
    shown = [(ln.doc["doc_id"], ln.paragraph, ln.start) for ln in page.lines]
    expected = [(ln.doc["doc_id"], ln.paragraph, ln.start) for ln in whole if ln.doc["year"] == newest]
    assert shown == expected[:100] and page.total == len(expected)
    assert [ln.right[:1] for ln in page.lines] == sorted(ln.right[:1] for ln in page.lines)
    assert [n.code for n in page.notices] == ["kwic_partial_first"]
