"""Atom feeds of searches and lasting permalinks (issue 25): feeds validate against RFC
4287's schema (Appendix B, in tests/data), list reports newest first with their matching
paragraph, keep their entry ids across a rebuild, and show a report added by an update;
a cited paragraph whose report changed is noticed, not silently shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree

from indexer.index.build import build
from searchui import create_app
from tests.conftest import write
from tests.truth import matched

ATOM = "{http://www.w3.org/2005/Atom}"
SCHEMA_TEXT = (Path(__file__).parent / "data" / "atom.rnc").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def atom_schema() -> etree.RelaxNG:
    """RFC 4287's compact schema converted to the XML syntax lxml reads (rnc2rng declares
    the unused prefix ``local`` as the empty namespace, which XML does not allow: dropped)."""
    rng = rnc2rng.dumps(rnc2rng.loads(SCHEMA_TEXT)).replace('xmlns:local=""', "")
    return etree.RelaxNG(etree.fromstring(rng.encode("utf-8")))


def valid_feed(schema: etree.RelaxNG, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    assert schema.validate(root), schema.error_log
    return root


def entries(root: etree._Element) -> list[dict]:
    return [
        {
            "id": e.findtext(f"{ATOM}id"),
            "title": e.findtext(f"{ATOM}title"),
            "updated": e.findtext(f"{ATOM}updated"),
            "summary": e.findtext(f"{ATOM}summary"),
            "link": e.find(f"{ATOM}link[@rel='alternate']").get("href"),
        }
        for e in root.iter(f"{ATOM}entry")
    ]


def test_a_search_feed_is_valid_atom_newest_first_with_the_matching_paragraph(client, atom_schema):
    response = client.get("/search.atom?q=双城经济圈&page=2")
    assert response.mimetype == "application/atom+xml"
    root = valid_feed(atom_schema, response.get_data())
    found = entries(root)
    total = client.get("/api/search?q=双城经济圈").get_json()["total_documents"]
    assert len(found) == total > 3
    assert [e["updated"] for e in found] == sorted((e["updated"] for e in found), reverse=True)
    for e in found:
        assert re.fullmatch(r"tag:localhost,2026:doc/[a-z0-9-]+", e["id"])
        assert "双城经济圈" in e["summary"]
        assert e["link"].startswith("http://localhost/doc/")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"].startswith("http://localhost/search.atom?q=")
    assert links["alternate"].startswith("http://localhost/search?q=")


def test_query_text_is_escaped_not_markup(client, atom_schema):
    root = valid_feed(atom_schema, client.get("/search.atom?q=<b>双城经济圈</b> %26").get_data())
    assert root.findtext(f"{ATOM}title") == "policy-search: <b>双城经济圈</b> &"


def test_a_trend_feed_lists_every_report_using_any_term_newest_first(client, atom_schema, corpus, source_reports):
    root = valid_feed(atom_schema, client.get("/trend.atom?q=双城经济圈|乡村振兴").get_data())
    found = entries(root)
    assert any("双城经济圈" in e["summary"] for e in found) and any("乡村振兴" in e["summary"] for e in found)
    using = {
        d
        for d, r in matched(corpus.documents, source_reports).items()
        if "双城经济圈" in r.joined or "乡村振兴" in r.joined
    }
    assert sorted(e["id"].rsplit("/", 1)[1] for e in found) == sorted(using)  # each once, as the files say
    assert [e["updated"] for e in found] == sorted((e["updated"] for e in found), reverse=True)


def test_the_search_page_names_its_feed(client):
    page = client.get("/search?q=双城经济圈").get_data(as_text=True)
    assert '<link rel="alternate" type="application/atom+xml" href="/search.atom?q=' in page


REPORT = "{year}年湖南省政府工作报告\n——{year}年1月20日在湖南省人民代表大会上\n各位代表：\n" + "".join(
    f"第{i}项工作：推进乡村振兴，建设美丽湖南，完成目标{i}。\n" for i in range(1, 21)
)


def test_feed_ids_last_across_a_rebuild_and_an_update_adds_the_new_report(tmp_path, atom_schema):
    folder, root = tmp_path / "in", tmp_path / "index"
    for year in (2020, 2021):
        write(folder / f"hunan-{year}.txt", REPORT.format(year=year))
    build([folder], root, progress=False)
    client = create_app(root).test_client()

    def feed() -> list[dict]:
        return entries(valid_feed(atom_schema, client.get("/search.atom?q=乡村振兴").get_data()))

    before = feed()
    assert [e["title"] for e in before] == ["2021年湖南省政府工作报告", "2020年湖南省政府工作报告"]
    build([folder], root, rebuild=True, progress=False)
    assert feed() == before
    write(folder / "hunan-2022.txt", REPORT.format(year=2022))
    build([folder], root, progress=False)
    after = feed()
    assert after[1:] == before
    assert after[0]["title"] == "2022年湖南省政府工作报告" and after[0]["id"] not in {e["id"] for e in before}


def test_permalinks_last_and_a_changed_paragraph_is_noticed(tmp_path):
    folder, root = tmp_path / "in", tmp_path / "index"
    write(folder / "hunan-2021.txt", REPORT.format(year=2021))
    build([folder], root, progress=False)
    client = create_app(root).test_client()

    def cited(number: int) -> dict:
        (doc,) = client.get("/api/docs").get_json()["documents"]
        return client.get(f"/api/docs/{doc['doc_id']}/paragraphs/{number}").get_json()

    first = cited(10)
    build([folder], root, rebuild=True, progress=False)
    assert cited(10) == first  # the same id, text, permalink after a rebuild
    link = first["citation"]["permalink"]
    assert re.fullmatch(r"http://localhost/doc/2021-hunan-work-report\?p=10&fp=[0-9a-f]{8}#p10", link)
    page = client.get(link.removeprefix("http://localhost")).get_data(as_text=True)
    assert "changed-notice" not in page

    changed = REPORT.format(year=2021).replace("各位代表：\n", "各位代表：\n新增的一段：加快建设现代化产业体系。\n")
    write(folder / "hunan-2021.txt", changed)
    build([folder], root, progress=False)
    assert cited(10)["text"] != first["text"]  # number 10 is other text now
    page = client.get(link.removeprefix("http://localhost")).get_data(as_text=True)
    assert "changed-notice" in page and 'href="#p11"' in page  # the cited text moved one down
    assert cited(11)["text"] == first["text"]
