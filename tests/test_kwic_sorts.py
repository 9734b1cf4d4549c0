"""Concordance sorts as corpus tools have them — a level-1 and a level-2 key, a key
being a whole side, the unit 1–3 places left or right of the match, the year or the
province — and a context width; truth from the source files (tests/truth): the tests
find the occurrences in each report's paragraphs and sort them themselves."""

from __future__ import annotations

import re
from collections import Counter
from html import unescape

import pytest

from indexer.search import kwic_order
from indexer.search.kwic import KwicRequest, concordance, sorted_lines
from indexer.search.prepare import SearchRequest
from tests.truth import matched
from tests.truth.normal import fold_with_offsets

TERM = "发展"


def flat(text: str) -> str:
    return re.sub(r"\s", " ", text)


def occurrences(source_reports, documents, width: int) -> list[dict]:
    """Every occurrence of TERM in the files' paragraphs: its report, its context of
    ``width`` characters each side, and the paragraph and span to read keys from."""
    found = []
    for doc_id, report in matched(documents, source_reports).items():
        for text in report.paragraphs:
            folded, origins = fold_with_offsets(text)
            at = folded.find(TERM)
            while at >= 0:
                s, e = origins[at], origins[at + len(TERM) - 1] + 1
                left, right = flat(text[max(0, s - width) : s]), flat(text[e : e + width])
                found.append({"doc": doc_id, "report": report, "text": text, "s": s, "e": e, "lr": (left, right)})
                at = folded.find(TERM, at + len(TERM))
    return found


def key(name: str, line, reports: dict):
    """The sort key ``name`` of a concordance line, from its definition: read from the
    line's own context (which ``same_lines`` checks against the files) or its report."""
    report = reports[line.doc["doc_id"]]
    if name in ("year", "province"):
        return -report.year if name == "year" else report.province or ""
    if name in ("left", "right"):
        return line.left[::-1] if name == "left" else line.right
    n, side = int(name[0]), line.left[::-1] if name.endswith("L") else line.right
    return side[n - 1] if n <= len(side) else ""


def same_lines(lines, truth: list[dict], width: int) -> None:
    """The lines are the files' occurrences with their context. Where the seed
    collection breaks a sentence over two lines (西藏 2020: "推进 26" / "个特色小城镇"),
    the index joins them and tests/truth does not: such a line may differ, and only
    where the files' context stops short at the paragraph's edge."""
    got = Counter((ln.doc["doc_id"], ln.left, ln.right) for ln in lines)
    expected = Counter((o["doc"], *o["lr"]) for o in truth)
    differing = expected - got
    assert sum(differing.values()) <= 2 and sum((got - expected).values()) == sum(differing.values())
    assert all(min(map(len, lr)) < width for _, *lr in differing)


@pytest.mark.parametrize(
    ("sort", "sort2", "width"),
    [
        ("1R", "year", 20),
        ("2L", "1R", 20),
        ("3R", "2L", 9),
        ("year", "1L", 20),
        ("province", "3R", 20),
        ("right", "2L", 6),
        ("1L", None, 20),
    ],
)
def test_lines_come_in_the_order_of_both_keys(corpus, source_reports, sort, sort2, width):
    lines = list(sorted_lines(corpus, KwicRequest(SearchRequest(TERM), sort, width, sort2)))
    same_lines(lines, occurrences(source_reports, corpus.documents, width), width)
    reports = matched(corpus.documents, source_reports)
    second = sort2 or {"year": "province", "province": "year"}.get(sort)
    names = [sort] + ([second] if second else [])
    keys = [tuple(key(n, ln, reports) for n in names) for ln in lines]
    assert keys == sorted(keys)
    assert len(set(keys)) > 20  # the keys do sort something
    places = [(k, ln.doc["doc_id"], ln.paragraph, ln.start) for k, ln in zip(keys, lines, strict=True)]
    assert places == sorted(places)  # within equal keys: report, paragraph, position


def test_the_second_key_orders_lines_the_first_leaves_equal(corpus):
    alone = [(ln.doc["doc_id"], ln.start) for ln in sorted_lines(corpus, KwicRequest(SearchRequest(TERM), "1R"))]
    then = [
        (ln.doc["doc_id"], ln.start) for ln in sorted_lines(corpus, KwicRequest(SearchRequest(TERM), "1R", 20, "3L"))
    ]
    assert sorted(alone) == sorted(then) and alone != then


@pytest.mark.parametrize(("sort", "nth"), [("1L", -1), ("2L", -2), ("1R", 0)])
def test_english_lines_sort_by_the_word_that_far_from_the_match_whatever_its_case(client, sort, nth):
    data = client.get(f"/api/kwic?q=reform&sort={sort}&width=4&per_page=100").get_json()
    words = [(line["left"] if sort.endswith("L") else line["right"]).split() for line in data["lines"]]
    keys = [w[nth].casefold() if len(w) >= abs(nth) + (nth >= 0) else "" for w in words]
    assert keys == sorted(keys) and len(set(keys)) > 5
    capitals = [w for ws in words for w in ws[nth : nth + 1 or None] if w != w.casefold()]
    assert capitals or sort != "1L"  # 1L: "Institutional" is sorted among the lower-case words


def test_sorted_by_year_no_line_context_is_read(corpus, monkeypatch):
    read = Counter()
    original = kwic_order.line_key

    def counting(name, *args):
        read[name] += 1
        return original(name, *args)

    monkeypatch.setattr("indexer.search.kwic.line_key", counting)
    corpus.orders.clear()
    for sort in ("year", "province"):
        concordance(corpus, KwicRequest(SearchRequest(TERM, per_page=50), sort))
    assert read == Counter()
    concordance(corpus, KwicRequest(SearchRequest(TERM, per_page=50), "year", 20, "2R"))
    assert read["2R"] > 50  # a context key is read for every line, as it must be


def test_the_width_changes_the_context_not_the_lines(client):
    narrow = client.get(f"/api/kwic?q={TERM}&width=5&sort=year&per_page=20").get_json()
    wide = client.get(f"/api/kwic?q={TERM}&width=40&sort=year&per_page=20").get_json()
    assert narrow["width"] == 5 and wide["width"] == 40
    for a, b in zip(narrow["lines"], wide["lines"], strict=True):
        assert (a["doc_id"], a["paragraph"]) == (b["doc_id"], b["paragraph"])
        assert len(a["left"]) <= 5 and b["left"].endswith(a["left"]) and b["right"].startswith(a["right"])
    assert max(len(line["left"]) for line in wide["lines"]) == 40


def test_api_and_csv_keep_both_keys(client):  # a term of a few hundred lines: read within any budget
    data = client.get("/api/kwic?q=营商环境&sort=1R&sort2=year&per_page=30").get_json()
    assert (data["sort"], data["sort2"]) == ("1R", "year") and data["notices"] == []
    csv = client.get("/kwic.csv?q=营商环境&sort=1R&sort2=year").get_data(as_text=True).splitlines()[1:31]
    assert [row.split(",")[0] for row in csv] == [line["doc_id"] for line in data["lines"]]


def test_the_page_has_the_form_with_the_choices_kept(client):
    html = client.get(f"/kwic?q={TERM}&province=四川&sort=2L&sort2=year&width=12&page=2").get_data(as_text=True)
    form = re.search(r'<form class="tool-form kwic-options".*?</form>', html, re.S).group(0)
    assert re.search(r'<option value="2L" selected>', form) and re.search(r'<option value="year" selected>', form)
    assert 'name="width" min="1" max="80" value="12"' in form
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    assert {k: unescape(v) for k, v in hidden.items()} == {"q": TERM, "province": "四川"}
    assert re.search(r"<label>\s*每侧宽度", form) and "Context width" in client.get(f"/kwic?q={TERM}&ui=en").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("width=0", "width_range"),
        ("width=1000", "width_range"),
        ("width=wide", "whole_number"),
        ("sort=4L", "bad_sort"),
        ("sort2=middle", "bad_sort2"),
    ],
)
def test_bad_choices_are_a_400_with_the_reason(client, query, code):
    api = client.get(f"/api/kwic?q={TERM}&{query}")
    assert api.status_code == 400 and api.get_json()["code"] == code
    page = client.get(f"/kwic?q={TERM}&{query}&ui=en")
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and api.get_json()["error"] in unescape(html)
    assert re.search(r'<form[^>]+action="/kwic"', html) and f'value="{TERM}"' in html


def test_the_command_line_sorts_at_two_levels_as_the_engine(corpus, corpus_index_dir):
    from tests.test_cli import run

    out = run("kwic", TERM, "--sort", "2R", "--sort2", "province", "--csv", "--index", str(corpus_index_dir))
    rows = [row.split(",")[0] for row in out.stdout.lstrip("\ufeff").splitlines()[1:]]
    lines = sorted_lines(corpus, KwicRequest(SearchRequest(TERM), "2R", 20, "province"))
    assert rows == [line.doc["doc_id"] for line in lines] and len(set(rows)) > 3
