"""A report's new expressions and who took them up: beside the keyness, how many other
reports of the report's year or later (any place, its own later reports too) use each
as one of their own expressions, and in how many provinces — checked against a scan of
the source files: never more than the reports whose file has the expression, at least
the reports whose file repeats it standing alone (no longer listed expression around
it), some fewer than the reports that have it (only inside longer words: not taken up),
and for the latest year the other reports of that year."""

from __future__ import annotations

import csv
import io
import re

import pytest
from lxml import html as lxml_html

from tests.truth import matched

CHECKED = 15  # the new expressions checked per report, most key first


@pytest.fixture(scope="module")
def files(corpus, source_reports) -> dict:
    return matched(corpus.documents, source_reports)


def later_files(corpus, files: dict, doc_id: str) -> list:
    """The source files of every other indexed report of the year or later, by metadata."""
    year = corpus.documents[doc_id]["year"]
    return [files[d] for d, doc in corpus.documents.items() if doc["year"] >= year and d != doc_id and d in files]


def standing(text: str, term: str, longer: list[str]) -> int:
    """The occurrences of ``term`` in ``text`` outside every longer expression holding it."""
    inside = sum(len(re.findall(f"(?={re.escape(w)})", text)) * w.count(term) for w in longer if term in w)
    return len(re.findall(f"(?={re.escape(term)})", text)) - inside


@pytest.mark.parametrize(
    "doc_id", ["2024-national-work-report", "2025-sichuan-chengdu-work-report", "2022-sichuan-work-report"]
)
def test_the_reports_taking_up_a_new_expression_against_the_files(client, corpus, files, doc_id):
    data = client.get(f"/api/new-terms?doc_id={doc_id}&compare=all").get_json()
    later = later_files(corpus, files, doc_id)
    terms = [row["term"] for row in data["new"]]
    assert any(row["reports_taken_up"] for row in data["new"][:CHECKED])
    mentioned_only = 0  # later reports that have the expression only inside their own longer ones
    for row in data["new"][:CHECKED]:
        term = row["term"]
        having = [f for f in later if term in f.joined]
        longer = [t for t in terms if term in t and t != term]
        repeating = [f for f in having if standing(f.joined, term, longer) >= 2]
        assert len(repeating) <= row["reports_taken_up"] <= len(having), term
        assert row["provinces_taken_up"] <= len({f.province for f in having}), term
        mentioned_only += len(having) - row["reports_taken_up"]
    assert mentioned_only  # taken up as an expression is more than occurring


def test_the_latest_years_reports_take_up_each_others_expressions(client, corpus, files):
    """No report comes after 2025: the same year's other reports are what can take it up."""
    data = client.get("/api/new-terms?doc_id=2025-national-work-report&compare=all").get_json()
    listed = {row["term"]: row for row in data["new"]}
    others = later_files(corpus, files, "2025-national-work-report")
    assert others and all(f.year == 2025 for f in others)
    assert listed["两重"]["reports_taken_up"] >= 1
    assert listed["两重"]["reports_taken_up"] <= sum("两重" in f.joined for f in others)


def test_the_report_page_and_csv_show_the_uptake(client):
    doc_id = "2024-national-work-report"
    data = client.get(f"/api/new-terms?doc_id={doc_id}&compare=all").get_json()
    row = next(r for r in data["new"] if r["reports_taken_up"])
    page = client.get(f"/doc/{doc_id}/new?compare=all&rows=all").get_data(as_text=True)
    (tr,) = [tr for tr in lxml_html.fromstring(page).iter("tr") if tr.findtext("th") == row["term"]]
    assert f"{row['reports_taken_up']} / {row['provinces_taken_up']}" in [td.text_content() for td in tr.findall("td")]
    text = client.get(f"/doc/{doc_id}/new.csv?compare=all").get_data(as_text=True)
    listed = {r["term"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    assert listed[row["term"]]["reports_taken_up"] == str(row["reports_taken_up"])
    assert listed[row["term"]]["provinces_taken_up"] == str(row["provinces_taken_up"])
