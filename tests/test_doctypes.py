"""Document types and corrected years, against the archive's own files: Hubei's reports
titled 湖北省人民政府2008年工作报告 are work reports; the English news relay of Chongqing's
2017 work report is typed as one; a report whose year the text corrects keeps the
source's title and says why its year differs, on its page and in the API."""

from __future__ import annotations

import re
import tarfile

import pytest

from indexer.ingest.documents import documents_from_bytes
from tests.conftest import PROVINCES_ARCHIVE

HUBEI_TITLE = re.compile(r"湖北省人民政府((?:19|20)\d{2})年工作报告")
# ——2016年1月25日在…, （2019年1月14日）, a line 2020年5月9日在…
DATE_LINE = re.compile(r"(?:^|[—\-（(])\s*((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日", re.M)
REVIEW = re.compile(r"((?:19|20)\d{2})年(?:国内)?工作回顾")  # the heading of the year the report looks back on


def front_matter_title(text: str) -> str:
    match = re.search(r"\A---\n(.*?)\n---\n", text, flags=re.S)
    title = re.search(r"^title:\s*(.+)$", match.group(1), flags=re.M) if match else None
    return title.group(1).strip().strip("'\"") if title else ""


@pytest.fixture(scope="module")
def hubei_members() -> dict[str, bytes]:
    """Every member of the archive whose own front matter titles it 湖北省人民政府YYYY年工作报告."""
    found = {}
    with tarfile.open(PROVINCES_ARCHIVE) as archive:
        for info in archive:
            if info.isfile() and "/湖北省/" in info.name:
                data = archive.extractfile(info).read()
                if HUBEI_TITLE.fullmatch(front_matter_title(data.decode("utf-8"))):
                    found[info.name] = data
    return found


def test_hubei_reports_titled_with_the_year_inside_are_work_reports(hubei_members):
    assert len(hubei_members) >= 8
    for name, data in hubei_members.items():
        (doc,) = documents_from_bytes(data, name.rsplit("/", 1)[1], f"provinces.tar.xz!{name}").documents
        assert doc.values["doc_type"] == "work-report", name
        assert doc.title == front_matter_title(data.decode("utf-8"))


def test_the_english_chongqing_2017_report_is_a_work_report(corpus, client):
    (doc,) = [d for d in corpus.documents.values() if d["source"].endswith("004_feec8bd573019051.txt")]
    assert (doc["doc_type"], doc["lang"], doc["year"], doc["province"]) == ("work-report", "en", 2017, "重庆")
    hits = client.get(
        "/api/search", query_string={"q": '"nine key tasks"', "literal": "1", "doc_type": "work-report", "lang": "en"}
    )
    assert doc["doc_id"] in {h["doc_id"] for h in hits.get_json()["hits"]}


def sichuan_files() -> dict[str, str]:
    with tarfile.open(PROVINCES_ARCHIVE) as archive:
        return {
            info.name: archive.extractfile(info).read().decode("utf-8")
            for info in archive
            if info.isfile() and "/四川省/" in info.name
        }


UNREAD = {"unread": True}  # neither a date nor a year's review heading: this test does not say


def expected_note(text: str, member: str) -> dict | None:
    """What the source names against what the file itself says: the date it was given
    (in November or December: the next year's report), else the year its review heading
    looks back on."""
    date = DATE_LINE.search(text[:600])
    review = REVIEW.search(text)
    if date:
        year, month, day = (int(g) for g in date.groups())
        planned = year + 1 if month >= 11 else year
    elif review:
        planned = int(review.group(1)) + 1
    else:
        return UNREAD
    titled = re.search(r"((?:19|20)\d{2})", front_matter_title(text))
    filed = int(re.search(r"/(\d{4})\.md$", member).group(1))
    claimed = [c for c in (int(titled.group(1)) if titled else None, filed) if c and c != planned]
    if not claimed:
        return None
    if not date:
        reviews = planned - 1
        return {
            "source_year": claimed[0],
            "given": None,
            "reviews": reviews,
            "text": f"the source names it {claimed[0]}; it reviews {reviews}",
        }
    given = f"{year:04d}-{month:02d}-{day:02d}"
    note = f"the source names it {claimed[0]}; the report was given on {given}"
    return {"source_year": claimed[0], "given": given, "reviews": None, "text": note}


def test_a_corrected_year_keeps_the_source_title_with_a_note(corpus, client):
    files = sichuan_files()
    checked = 0
    for doc in corpus.documents.values():
        member = doc["source"].split("!", 1)[1] if "!" in doc["source"] else ""
        if member not in files:
            continue
        text = files[member]
        note = expected_note(text, member)
        if note is UNREAD:
            continue
        assert doc["year_note"] == note, member
        assert doc["title"].endswith(front_matter_title(text))  # the place is put in front of a title naming none
        if note is None:
            continue
        api = client.get(f"/api/docs/{doc['doc_id']}").get_json()
        assert api["year_note"] == note and api["title"] == doc["title"]
        page = client.get(f"/doc/{doc['doc_id']}?ui=en").get_data(as_text=True)
        zh = client.get(f"/doc/{doc['doc_id']}").get_data(as_text=True)
        if note["given"]:
            assert f"The source names it {note['source_year']}; the report was given on {note['given']}." in page
            assert f"来源标为 {note['source_year']} 年；报告作于 {note['given']}。" in zh
        else:
            assert f"The source names it {note['source_year']}; the report reviews {note['reviews']}." in page
            assert f"来源标为 {note['source_year']} 年；报告回顾的是 {note['reviews']} 年。" in zh
        checked += 1
    assert checked >= 10  # Sichuan's files of 2003–2019 are named a year early
