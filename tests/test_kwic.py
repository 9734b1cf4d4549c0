"""Concordance: one line per occurrence, sorted as asked, with bad input refused."""

from __future__ import annotations

import csv
import io
import re

import pytest

from indexer.analysis import normalize
from indexer.query.prepare import SearchRequest
from indexer.search.kwic import KwicRequest, concordance, sorted_lines

TERM = "发展"


@pytest.fixture(scope="module")
def occurrences(all_paragraphs) -> list[tuple[str, int, int, str, str]]:
    """Every occurrence of TERM found by a plain scan of each paragraph's normalised
    text (so 發展 counts, as the search finds it): (doc_id, paragraph, start, left, right)."""
    found = []
    for p in all_paragraphs:
        text, norm = p["text"], normalize(p["text"])
        start = norm.text.find(TERM)
        while start >= 0:
            s, e = norm.original_span(start, start + len(TERM))
            found.append((p["doc_id"], p["paragraph"], s, flat(text[max(0, s - 20) : s]), flat(text[e : e + 20])))
            start = norm.text.find(TERM, start + len(TERM))
    return found


def flat(text: str) -> str:
    return re.sub(r"\s", " ", text)


def lines_of(corpus, sort: str):
    return sorted_lines(corpus, KwicRequest(SearchRequest(TERM), sort))


def test_line_count_equals_occurrences(corpus, occurrences):
    lines = lines_of(corpus, "year")
    assert len(lines) == len(occurrences) > 100
    got = {(ln.doc["doc_id"], ln.paragraph, ln.start, ln.left, ln.right) for ln in lines}
    assert got == set(occurrences)


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("left", lambda o: (o[3][::-1], o[0], o[1], o[2])),
        ("right", lambda o: (o[4], o[0], o[1], o[2])),
    ],
)
def test_context_sorts_match_brute_force(corpus, occurrences, sort, key):
    lines = lines_of(corpus, sort)
    assert [(ln.doc["doc_id"], ln.paragraph, ln.start) for ln in lines] == [o[:3] for o in sorted(occurrences, key=key)]


def test_year_and_province_sorts(corpus, all_paragraphs):
    meta = {ln.doc["doc_id"]: ln.doc for ln in lines_of(corpus, "year")}
    for sort, field in (("year", "year"), ("province", "province")):
        values = [ln.doc.get(field) or (0 if field == "year" else "") for ln in lines_of(corpus, sort)]
        expected = sorted(values, reverse=field == "year")
        assert values == expected
    assert len(meta) > 3


def test_paging_and_filters(corpus):
    first = concordance(corpus, KwicRequest(SearchRequest(TERM, {"province": ["四川"]}, page=2, per_page=7), "right"))
    every = lines_of(corpus, "right")
    sichuan = [ln for ln in every if ln.doc.get("province") == "四川"]
    assert first.total == len(sichuan)
    assert [(ln.doc["doc_id"], ln.start) for ln in first.lines] == [
        (ln.doc["doc_id"], ln.start) for ln in sichuan[7:14]
    ]


def test_api_and_csv(client, occurrences):
    data = client.get(f"/api/kwic?q={TERM}&sort=left&per_page=5").get_json()
    assert data["total"] == len(occurrences)
    line = data["lines"][0]
    assert set(line) >= {"doc_id", "title", "province", "year", "paragraph", "url", "left", "match", "right"}
    assert line["match"] == TERM and line["url"].startswith(f"/doc/{line['doc_id']}?q=")
    assert line["url"].endswith(f"#p{line['paragraph']}")
    rows = list(csv.reader(io.StringIO(client.get(f"/kwic.csv?q={TERM}").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) - 1 == len(occurrences)


def test_page_escapes_and_links(client):
    page = client.get("/kwic?q=" + TERM).get_data(as_text=True)
    assert f"<mark>{TERM}</mark>" in page
    assert "<script>" not in client.get("/kwic?q=<script>x").get_data(as_text=True)
    assert "/kwic?q=" in client.get("/search?q=" + TERM).get_data(as_text=True)


@pytest.mark.parametrize("query", ["q=", "q=发展&width=500", "q=发展&width=0", "q=发展&sort=sideways", "q=发展&page=x"])
def test_bad_input_is_400(client, query):
    response = client.get("/api/kwic?" + query)
    assert response.status_code == 400
    assert response.get_json()["error"]
