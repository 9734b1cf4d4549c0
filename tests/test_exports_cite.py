"""Citations as files (issue 25): BibTeX, RIS and CSL-JSON parsed with the libraries
reference managers' users rely on (bibtexparser, rispy, the CSL-JSON schema), each field
checked against the GB/T 7714 text the page shows, read apart here by its own pattern."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

SCHEMA = json.loads((Path(__file__).parent / "data" / "csl-data.json").read_text(encoding="utf-8"))
# 责任者. 题名: 章节, 第n段[EB/OL]. (日期)[引用日期]. 网址.
GBT = re.compile(
    r"^(?P<author>[^.]+)\. (?P<title>.+?)(?:: (?P<part>.+))?\[EB/OL\]\. "
    r"\((?P<date>\d{4}-\d{2}-\d{2})\)\[(?P<accessed>\d{4}-\d{2}-\d{2})\]\. (?P<url>\S+)\.$"
)
DOC = "2020-chongqing-work-report"


def gbt_fields(text: str) -> dict:
    found = GBT.match(text)
    assert found, text
    fields = found.groupdict()
    part = fields.pop("part") or ""
    number = re.search(r"第(\d+)段$", part)
    fields["paragraph"] = int(number.group(1)) if number else None
    fields["section"] = part[: number.start()].removesuffix(", ") if number else part
    return fields


def expected(client, number: int | None) -> dict:
    """The GB/T 7714 text's fields (a whole report's: the paragraph's without its place)."""
    data = client.get(f"/api/docs/{DOC}/paragraphs/{number or 1}").get_json()
    fields = gbt_fields(data["citation"]["gbt7714"])
    if number is None:
        fields |= {"paragraph": None, "section": "", "url": fields["url"].split("?")[0].split("#")[0]}
    return fields


def unbraced(value: str) -> str:
    return value.replace("{", "").replace("}", "")


@pytest.mark.parametrize("number", [36, None])
def test_bibtex_keeps_every_field_of_the_gbt_text(client, number):
    want = expected(client, number)
    response = client.get(f"/doc/{DOC}/cite.bib", query_string={"p": number} if number else {})
    assert response.status_code == 200 and response.mimetype == "application/x-bibtex"
    library = bibtexparser.parse_string(response.get_data(as_text=True))
    assert not library.failed_blocks
    (entry,) = library.entries
    fields = {k: unbraced(v) for k, v in entry.fields_dict.items() for v in [entry.fields_dict[k].value]}
    assert entry.entry_type == "online"
    assert fields["author"] == want["author"]
    assert fields["title"] == want["title"]
    assert fields["date"] == want["date"]
    assert fields["url"] == want["url"]
    assert fields["urldate"] == want["accessed"]
    if number:
        assert fields["pages"] == str(number)
        assert fields["titleaddon"] == f"{want['section']}, 第{number}段"
    else:
        assert "pages" not in fields and "titleaddon" not in fields


@pytest.mark.parametrize("number", [36, None])
def test_ris_keeps_every_field_of_the_gbt_text(client, number):
    want = expected(client, number)
    response = client.get(f"/doc/{DOC}/cite.ris", query_string={"p": number} if number else {})
    (record,) = rispy.loads(response.get_data(as_text=True))
    assert record["type_of_reference"] == "GOVDOC"
    assert record["authors"] == [want["author"]]
    assert record["title"] == want["title"]
    assert record["date"] == want["date"].replace("-", "/")
    assert record["urls"][0] == want["url"]
    assert record["access_date"] == want["accessed"].replace("-", "/")
    if number:
        assert record["section"] == want["section"]
        assert record["start_page"] == str(number)
    else:
        assert "section" not in record and "start_page" not in record


@pytest.mark.parametrize("number", [36, None])
def test_csl_json_is_valid_and_keeps_every_field(client, number):
    want = expected(client, number)
    response = client.get(f"/doc/{DOC}/cite.json", query_string={"p": number} if number else {})
    items = response.get_json()
    jsonschema.validate(items, SCHEMA)
    (item,) = items
    assert item["author"] == [{"literal": want["author"]}]
    assert item["title"] == want["title"]
    assert "-".join(f"{n:02d}" for n in item["issued"]["date-parts"][0]) == want["date"]
    assert "-".join(f"{n:02d}" for n in item["accessed"]["date-parts"][0]) == want["accessed"]
    assert item["URL"] == want["url"]
    if number:
        assert item["section"] == want["section"] and item["locator"] == number
    else:
        assert "section" not in item and "locator" not in item


def test_a_report_with_a_source_url_carries_it_in_every_format(client, corpus):
    doc = next(d for d in corpus.sorted_documents() if (d.get("source_url") or "").startswith("http"))
    url = doc["source_url"]
    bib = bibtexparser.parse_string(client.get(f"/doc/{doc['doc_id']}/cite.bib?p=2").get_data(as_text=True))
    assert url in bib.entries[0].fields_dict["note"].value
    (record,) = rispy.loads(client.get(f"/doc/{doc['doc_id']}/cite.ris?p=2").get_data(as_text=True))
    assert record["file_attachments2"] == url
    (item,) = client.get(f"/doc/{doc['doc_id']}/cite.json?p=2").get_json()
    assert item["custom"]["source_url"] == url


def test_search_results_are_one_file_of_every_matching_report(client):
    total = client.get("/api/search", query_string={"q": "双城经济圈"}).get_json()["total_documents"]
    assert total > 3
    library = bibtexparser.parse_string(client.get("/search.bib?q=双城经济圈").get_data(as_text=True))
    assert not library.failed_blocks and len(library.entries) == total
    assert len(rispy.loads(client.get("/search.ris?q=双城经济圈").get_data(as_text=True))) == total
    items = client.get("/search.json?q=双城经济圈").get_json()
    jsonschema.validate(items, SCHEMA)
    assert len({i["id"] for i in items}) == total


def test_the_checked_results_are_cited_alone(client):
    chosen = [f"{DOC}:36", f"{DOC}:40", "2021-chongqing-work-report"]
    library = bibtexparser.parse_string(client.get("/search.bib", query_string={"cite": chosen}).get_data(as_text=True))
    assert [e.key for e in library.entries] == [f"{DOC}-p36", f"{DOC}-p40", "2021-chongqing-work-report"]


@pytest.mark.parametrize(
    ("url", "status"),
    [
        (f"/doc/{DOC}/cite.docx", 400),
        (f"/doc/{DOC}/cite.bib?p=x", 400),
        (f"/doc/{DOC}/cite.bib?p=99999", 404),
        ("/doc/no-such-report/cite.ris", 404),
        ("/search.bib?q=", 400),
    ],
)
def test_bad_citation_requests_are_clear_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.get_json()["code"]


def test_the_document_page_and_the_cite_panel_link_the_files(client):
    page = client.get(f"/doc/{DOC}").get_data(as_text=True)
    assert f'href="/doc/{DOC}/cite.bib"' in page and f'href="/doc/{DOC}/cite.ris"' in page
    assert f'data-cite-files="/doc/{DOC}/cite.FORMAT?p=36"' in page
    assert 'class="cite-file" data-format="json"' in page


def test_the_results_page_lets_paragraphs_be_checked_for_one_file(client):
    page = client.get("/search?q=双城经济圈").get_data(as_text=True)
    checks = re.findall(r'<input type="checkbox" name="cite" value="([^"]+)" form="cite-checked">', page)
    assert len(checks) >= 10 and all(re.fullmatch(r"[a-z0-9-]+:\d+", c) for c in checks)
    assert '<form class="cite-checked" id="cite-checked" action="/search.bib" method="get">' in page
    assert 'formaction="/search.ris"' in page and '<input type="hidden" name="q" value="双城经济圈">' in page
