"""Concordance: one line per occurrence — as many, report by report, as the source
files hold (tests/truth) — sorted as asked, with bad input refused."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections import Counter

import numpy as np
import pytest

from indexer.index import store, texts
from indexer.query.syntax import parse
from indexer.query.tree import highlight_targets
from indexer.search import Snapshot
from indexer.search.highlight import match_spans, match_spans_many
from indexer.search.kwic import KwicRequest, concordance, ordered, sorted_lines
from indexer.search.prepare import SearchRequest
from tests.truth import matched
from tests.truth.normal import fold_with_offsets

TERM = "发展"


@pytest.fixture(scope="module")
def occurrences(all_paragraphs) -> list[tuple[str, int, int, str, str]]:
    """Every occurrence of TERM in the stored paragraphs, found with the tests' own
    normaliser (so 發展 counts, as the search finds it): (doc_id, paragraph, start, left,
    right). What the lines are sorted by; how many there are comes from the files."""
    found = []
    for p in all_paragraphs:
        text = p["text"]
        folded, origins = fold_with_offsets(text)
        start = folded.find(TERM)
        while start >= 0:
            s, e = origins[start], origins[start + len(TERM) - 1] + 1
            found.append((p["doc_id"], p["paragraph"], s, flat(text[max(0, s - 20) : s]), flat(text[e : e + 20])))
            start = folded.find(TERM, start + len(TERM))
    return found


def flat(text: str) -> str:
    return re.sub(r"\s", " ", text)


def lines_of(corpus, sort: str) -> list:
    return list(sorted_lines(corpus, KwicRequest(SearchRequest(TERM), sort)))


def test_each_report_has_as_many_lines_as_its_source_file_has_occurrences(corpus, source_reports):
    lines = lines_of(corpus, "year")
    reports = matched(corpus.documents, source_reports)
    expected = {doc_id: n for doc_id, r in reports.items() if (n := sum(t.count(TERM) for t in r.folded))}
    assert Counter(ln.doc["doc_id"] for ln in lines) == expected
    assert len(lines) > 100


def test_lines_are_the_occurrences_in_the_stored_paragraphs(corpus, occurrences):
    got = {(ln.doc["doc_id"], ln.paragraph, ln.start, ln.left, ln.right) for ln in lines_of(corpus, "year")}
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


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("year", lambda doc, o: (-(doc.get("year") or 0), doc.get("province") or "", o[0], o[1], o[2])),
        ("province", lambda doc, o: (doc.get("province") or "", -(doc.get("year") or 0), o[0], o[1], o[2])),
    ],
)
def test_metadata_sorts_match_brute_force(corpus, occurrences, sort, key):
    meta = {d["doc_id"]: d for d in corpus.sorted_documents()}
    expected = [o[:3] for o in sorted(occurrences, key=lambda o: key(meta[o[0]], o))]
    assert len({o[0] for o in occurrences}) > 3
    assert [(ln.doc["doc_id"], ln.paragraph, ln.start) for ln in lines_of(corpus, sort)] == expected


@pytest.mark.parametrize("sort", ["left", "right", "year", "province"])
def test_every_page_is_a_slice_of_the_whole(corpus, sort):
    every = [(ln.doc["doc_id"], ln.paragraph, ln.start, ln.left, ln.right) for ln in lines_of(corpus, sort)]
    corpus.forget_cached_queries()
    pages = [concordance(corpus, KwicRequest(SearchRequest(TERM, page=n, per_page=100), sort)) for n in (3, 1, 2)]
    for page, n in zip(pages, (3, 1, 2), strict=True):
        assert page.total == len(every)
        got = [(ln.doc["doc_id"], ln.paragraph, ln.start, ln.left, ln.right) for ln in page.lines]
        assert got == every[(n - 1) * 100 : n * 100]


def test_the_order_is_kept_per_request(corpus):
    request = KwicRequest(SearchRequest(TERM, page=2, per_page=5), "left")
    docnums = ordered(corpus, request)[0][0]
    assert ordered(corpus, request)[0][0] is docnums  # the kept arrays, not found again
    narrower = KwicRequest(SearchRequest(TERM, per_page=5), "left", width=2)
    assert ordered(corpus, narrower)[0][0] is not docnums


def test_a_generation_without_the_text_file_reads_stored_fields(corpus_index_dir, tmp_path):
    generation = store.require_generation(corpus_index_dir)
    copy = shutil.copytree(generation, tmp_path / generation.name)
    for name in (texts.TEXTS, f"{texts.OFFSETS}.npy", f"{texts.NUMBERS}.npy"):
        (copy / name).unlink()
    old, new = Snapshot(copy), Snapshot(generation)
    for sort in ("left", "year"):
        request = KwicRequest(SearchRequest(TERM, {"province": ["四川"]}, per_page=30), sort)
        assert concordance(old, request) == concordance(new, request)


def test_the_text_file_holds_every_paragraph(corpus, all_paragraphs):
    reader = corpus.searcher.reader()
    docnums = [docnum for docnum, _ in reader.iter_docs()]
    assert corpus.texts(np.array(docnums)) == [p["text"] for p in all_paragraphs]
    assert corpus.paragraph_numbers(np.array(docnums)).tolist() == [p["paragraph"] for p in all_paragraphs]


def test_paging_and_filters(corpus):
    first = concordance(corpus, KwicRequest(SearchRequest(TERM, {"province": ["四川"]}, page=2, per_page=7), "right"))
    every = lines_of(corpus, "right")
    sichuan = [ln for ln in every if ln.doc.get("province") == "四川"]
    assert first.total == len(sichuan)
    assert [(ln.doc["doc_id"], ln.start) for ln in first.lines] == [
        (ln.doc["doc_id"], ln.start) for ln in sichuan[7:14]
    ]


def test_api_and_csv(client, occurrences):  # occurrences: as many as the files have (above)
    data = client.get(f"/api/kwic?q={TERM}&sort=left&per_page=5").get_json()
    assert data["total"] == len(occurrences)
    line = data["lines"][0]
    assert set(line) >= {"doc_id", "title", "province", "year", "paragraph", "url", "left", "match", "right"}
    assert line["match"] == TERM and line["url"].startswith(f"/doc/{line['doc_id']}?q=")
    assert line["url"].endswith(f"#p{line['paragraph']}")
    rows = list(csv.reader(io.StringIO(client.get(f"/kwic.csv?q={TERM}").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(rows) - 1 == min(len(occurrences), 10_000)  # the web export's cap, as /search.csv's


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


CROSSING = ["推进双城", "经济圈建设", "双城，经济圈", "Twin-City", "economic circle 經濟圈", "", "发展發展"]


@pytest.mark.parametrize(
    "q", [TERM, "双城，经济圈", "经济圈 OR 双城", "twin-city economic", '"economic circle"', "改革 -发展"]
)
def test_many_texts_are_matched_as_each_alone(all_paragraphs, q):
    # match_spans_many scans texts joined by line breaks: a match that runs across
    # two of them (双城\n经济圈) must not count, and nothing may differ from match_spans.
    targets = highlight_targets(parse(q).root)
    texts = CROSSING + [p["text"] for p in all_paragraphs[::7]]
    which, starts, ends = match_spans_many(texts, targets)
    expected = [(k, s, e) for k, text in enumerate(texts) for s, e in match_spans(text, targets)]
    assert list(zip(which.tolist(), starts.tolist(), ends.tolist(), strict=True)) == expected
    assert q != TERM or len(expected) > 100
