"""Reports as published: one report as plain text, as saved web pages (three portal
layouts, GBK among them), as a PDF printed by Chromium and as a Word file gives one
document; the traps of each format are cleaned up or skipped with their reason, and
nothing is dropped in silence.

The reports are Sichuan's 2020–2025 work reports from the bundled archive, written
into every format by ``indexer.bench.formats`` during the session. The ground truth
for paragraphs is the report's own lines as the generator wrote them; for metadata,
the text version's document.
"""

from __future__ import annotations

import base64
import io
import json
import re
import tarfile
import zipfile
from collections import Counter
from dataclasses import astuple

import pytest

from indexer.bench.formats import (
    FURNITURE,
    HTML_LAYOUTS,
    MIRRORED_CSS,
    Report,
    print_html,
    report_from_markdown,
    to_docx,
    to_pdf,
    to_text,
)
from indexer.index.build import build
from indexer.ingest.clean import clean_lines
from indexer.ingest.documents import documents_from_bytes
from indexer.ingest.readers import ReadError, html, pdf
from indexer.search import SearchIndex, SearchRequest, search
from searchui.cli import main
from tests.conftest import BUNDLED_CORPUS, PROVINCES_ARCHIVE, minimal_pdf, total, write

YEARS = (2020, 2021, 2022, 2023, 2024, 2025)
KANGXI = {"工": "\u2f2f", "人": "\u2f08", "大": "\u2f24", "长": "\u2fa7"}  # ⼯ ⼈ ⼤ ⾧
TABLE = [["指标", "2020年", "增长"], ["地区生产总值", "4.86万亿元", "3.8%"]]
LEAKED = "根用户口令泄露测试"  # the text of a file outside the folder, behind a link


@pytest.fixture(scope="module")
def reports() -> dict[int, Report]:
    with tarfile.open(PROVINCES_ARCHIVE) as archive:
        return {
            year: report_from_markdown(archive.extractfile(f"政府工作报告-省自治区/四川省/{year}.md").read().decode())
            for year in YEARS
        }


def short(report: Report, lines: int = 12) -> Report:
    return Report(report.title, report.lines[:lines], report.headings)


def document(data: bytes, name: str):
    result = documents_from_bytes(data, name, f"published/{name}")
    assert len(result.documents) == 1, name
    return result.documents[0]


# --- the same report in every format ------------------------------------------------


@pytest.fixture(scope="module")
def versions(reports, browser) -> dict[str, bytes]:
    report = reports[2021]
    return {
        "report.txt": to_text(report),
        **{f"report-{layout}.html": write_page(report) for layout, write_page in HTML_LAYOUTS.items()},
        "report.pdf": to_pdf(report, browser),
        "report-of.pdf": to_pdf(report, browser, running_head="四川省人民政府公报", footer="of"),
        "report-mirrored.pdf": to_pdf(report, browser, css=MIRRORED_CSS),
        "report.docx": to_docx(report),
    }


@pytest.mark.parametrize(
    "name",
    [
        "report-portal-gbk.html",
        "report-table-gbk.html",
        "report-portal-utf8.html",
        "report.pdf",
        "report-of.pdf",
        "report-mirrored.pdf",
        "report.docx",
    ],
)
def test_every_format_gives_the_text_versions_document(versions, reports, name):
    text = document(versions["report.txt"], "report.txt")
    other = document(versions[name], name)
    assert (other.title, other.date, other.values) == (text.title, text.date, text.values)
    assert text.values["province"] == "四川" and text.values["year"] == 2021 and text.date == "2021-01-30"
    expected = [p.text for p in text.paragraphs]
    paragraphs = [p.text for p in other.paragraphs]
    same = sum((Counter(expected) & Counter(paragraphs)).values())
    assert same >= 0.98 * len(expected), f"{name}: {same}/{len(expected)} paragraphs identical"
    assert len(paragraphs) <= len(expected) + 1, "page furniture or split paragraphs left over"
    assert len(expected) >= 0.98 * (1 + len(reports[2021].lines))  # and the text version has the report's lines
    sections = {p.text: p.section for p in text.paragraphs}
    assert all(sections[p.text] == p.section for p in other.paragraphs if p.text in sections), name


def test_a_title_wrapped_over_two_centred_lines_stays_one_paragraph(reports, browser):
    report = Report(
        "四川省2021年国民经济和社会发展计划执行情况与2022年计划草案的报告", *astuple(short(reports[2021]))[1:]
    )
    expected = document(to_text(report), "plan.txt")
    printed = document(to_pdf(report, browser), "plan.pdf")
    assert (printed.title, printed.values) == (expected.title, expected.values)
    assert [p.text for p in printed.paragraphs] == [p.text for p in expected.paragraphs]
    assert printed.paragraphs[0].text == report.title


def test_an_english_report_printed_ragged_right_keeps_its_paragraphs(browser):
    """English lines end where the next word would not fit, not at the margin; words
    hyphenated over a line (supply-side) stay whole."""
    text = (BUNDLED_CORPUS / "seeds" / "004_feec8bd573019051.txt").read_bytes()
    lines = [p.text for p in document(text, "en.txt").paragraphs]
    report = Report("Chongqing Government Work Report", lines, [])
    expected = document(to_text(report), "en.txt")
    printed = document(to_pdf(report, browser, "Government Work Report", css="body { text-align: left; }"), "en.pdf")
    assert (printed.title, printed.date, printed.values) == (expected.title, expected.date, expected.values)
    assert [p.text for p in printed.paragraphs] == [p.text for p in expected.paragraphs]
    assert any("supply-side" in p.text for p in printed.paragraphs)


def test_running_heads_and_page_numbers_are_gone_and_page_breaks_joined(versions, reports):
    for name in ("report.pdf", "report-of.pdf", "report-mirrored.pdf"):
        texts = [p.text for p in document(versions[name], name).paragraphs]
        assert not any(re.fullmatch(r"(— \d+ —|第 \d+ 页 共 \d+ 页|四川省人民政府公报)", t) for t in texts)
        assert texts.count("政府工作报告") == 1  # the title once; the running head on 30+ pages never
        longest = max(reports[2021].lines, key=len)  # runs over a page break or several lines
        assert longest in texts


# --- one folder of published reports and traps, indexed --------------------------------


def scanned_pdf(report: Report, browser) -> bytes:
    """A page of the report as an image only, as a scanner makes it."""
    page = browser.new_page()
    try:
        page.set_content(print_html(report))
        image = base64.b64encode(page.screenshot()).decode()
        page.set_content(f'<img src="data:image/png;base64,{image}" style="width:100%">')
        return page.pdf()
    finally:
        page.close()


def encrypted_pdf(data: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def glyph_only_pdf() -> bytes:
    """A PDF whose CID font has no ToUnicode map: its text is glyph numbers ((cid:N) in pdfminer)."""
    font = (
        "<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+SimSun /Encoding /Identity-H /DescendantFonts [<< /Type "
        "/Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering "
        "(Identity) /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /ABCDEF+SimSun /Flags 4 "
        "/FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >> >>] >>"
    )
    glyphs = "".join(f"{g:04X}" for g in range(3000, 3040))
    return minimal_pdf(font.encode(), f"BT /F1 14 Tf 72 700 Td <{glyphs}> Tj 0 -20 Td <{glyphs}> Tj ET".encode())


def with_radicals(report: Report) -> Report:
    table = str.maketrans(KANGXI)
    return Report(report.title, [line.translate(table) for line in report.lines], report.headings)


@pytest.fixture(scope="module")
def published(reports, browser, tmp_path_factory):
    """(folder, build summary, snapshot) of a folder of published reports and traps."""
    base = tmp_path_factory.mktemp("published")
    folder = base / "published"
    small = short(reports[2020])
    pdf_bytes = to_pdf(reports[2021], browser)
    files = {
        "2021.pdf": pdf_bytes,
        "2022-portal.html": HTML_LAYOUTS["portal-gbk"](reports[2022]),
        "2023-table.html": HTML_LAYOUTS["table-gbk"](reports[2023]),
        "2024.pdf": to_pdf(reports[2024], browser, running_head="四川省人民政府公报", footer="of"),
        "2025.docx": to_docx(reports[2025], table=TABLE),
        "radicals.pdf": to_pdf(with_radicals(small), browser),
        "traps/scanned.pdf": scanned_pdf(small, browser),
        "traps/encrypted.pdf": encrypted_pdf(pdf_bytes),
        "traps/glyphs.pdf": glyph_only_pdf(),
        "traps/truncated.pdf": pdf_bytes[: len(pdf_bytes) // 3],
        "traps/broken.docx": to_docx(small)[:2000],
        "traps/not-a-zip.docx": b"PK\x03\x04 this is not a Word file",
        "traps/binary.html": bytes(range(256)) * 20,
        "traps/empty.htm": b"",
        "traps/iframe.html": b'<html><body><div>nav</div><iframe src="/content/2024report.html"></iframe></body></html>',
        "traps/script.html": (
            "<html><head><title>报告</title></head><body><div id=app></div><script>var text = '"
            + "现在，我代表省人民政府，向大会报告工作，请予审议。" * 12
            + "';</script></body></html>"
        ).encode(),
        "traps/old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "traps/photo.png": b"\x89PNG\r\n\x1a\n" + bytes(64),
        ".hidden.txt": "四川省政府工作报告\n隐藏文件不应被索引。",
        ".git/HEAD": "ref: refs/heads/main",
    }
    for name, data in files.items():
        write(folder / name, data)
    outside = write(base / "outside" / "secret.txt", f"四川省政府工作报告\n{LEAKED}。")
    (folder / "traps" / "secret.txt").symlink_to(outside)
    (folder / "traps" / "elsewhere").symlink_to(outside.parent, target_is_directory=True)
    (folder / "again.pdf").symlink_to(folder / "2021.pdf")  # a link inside: read once
    root = base / "index"
    summary = build([folder], root, progress=False)
    return folder, summary, SearchIndex(root).snapshot()


def test_every_trap_is_listed_with_its_reason(published):
    _, summary, _ = published
    reasons = {path.removeprefix("published/"): reason for path, reason in summary.skipped}
    assert reasons["traps/scanned.pdf"].startswith("no text layer in its 1 page(s) (a scanned PDF?)")
    assert reasons["traps/encrypted.pdf"] == "encrypted PDF (it needs a password): not indexed"
    assert reasons["traps/glyphs.pdf"].startswith("its fonts map glyphs to no Unicode text")
    assert reasons["traps/truncated.pdf"].startswith("not a readable PDF (")
    assert reasons["traps/broken.docx"].startswith("not a readable Word (.docx) file")
    assert reasons["traps/not-a-zip.docx"].startswith("not a readable Word (.docx) file")
    assert "binary" in reasons["traps/binary.html"]
    assert reasons["traps/empty.htm"] == "empty file"
    assert reasons["traps/iframe.html"].startswith("the page shows its text in an iframe (/content/2024report.html)")
    assert reasons["traps/script.html"].startswith("the page's text is inside a script")
    assert reasons["traps/old.doc"].startswith("legacy Word .doc is not supported")
    assert reasons["traps/photo.png"] == "unsupported file type .png: not indexed"
    assert reasons["traps/secret.txt"] == "a link to a file outside the folder being indexed: not followed"
    assert reasons["traps/elsewhere"] == "a link to a folder outside the folder being indexed: not followed"
    assert not [path for path in reasons if ".git" in path or "hidden" in path or "again" in path]
    assert len(reasons) == 14, reasons


def test_the_published_reports_are_indexed_with_their_fields(published):
    _, _, snap = published
    documents = {d["source"].removeprefix("published/"): d for d in snap.sorted_documents()}
    assert sorted(documents) == [
        "2021.pdf",
        "2022-portal.html",
        "2023-table.html",
        "2024.pdf",
        "2025.docx",
        "radicals.pdf",
    ]
    for name, doc in documents.items():
        assert (doc["province"], doc["level"], doc["doc_type"], doc["lang"]) == (
            "四川",
            "provincial",
            "work-report",
            "zh",
        )
        assert doc["year"] == (2020 if name == "radicals.pdf" else int(name[:4])), name
    assert total(snap, LEAKED) == 0 and total(snap, "隐藏文件") == 0


def test_no_page_furniture_is_found_and_every_phrase_of_the_text_is(published, reports):
    folder, _, snap = published
    pages = (folder / "2022-portal.html").read_bytes().decode("gb18030") + (
        folder / "2023-table.html"
    ).read_bytes().decode("gb18030")
    written = [line for year in YEARS[1:] for line in [reports[year].title, *reports[year].lines]]
    for phrase in FURNITURE:
        assert phrase in pages, phrase  # on the pages …
        assert total(snap, f'"{phrase}"') == sum(phrase in line for line in written), phrase  # … not in the index
    for year in YEARS[1:]:
        phrases = {m for line in reports[year].lines for m in re.findall(r"[\u4e00-\u9fff]{6,}", line)[:1]}
        missing = [p for p in sorted(phrases) if total(snap, f'"{p[:8]}"', year=[str(year)]) == 0]
        assert not missing, f"{year}: {missing[:5]} of {len(phrases)}"


def test_radicals_and_compatibility_ideographs_are_folded_in_the_stored_text(published):
    _, _, snap = published
    doc = next(d for d in snap.sorted_documents() if d["source"].endswith("radicals.pdf"))
    page = search(snap, SearchRequest("工作", {"year": ["2020"]}))
    assert page.hits and all(h.doc["doc_id"] == doc["doc_id"] for h in page.hits)
    stored = "".join(p["text"] for p in snap.paragraphs(doc["doc_id"]))
    assert "".join(h.snippet.text for h in page.hits).count("工作") >= len(page.hits)
    assert "工作" in stored and not any(c in stored for c in KANGXI.values())
    assert clean_lines("⼯作报告\u2f08民\uf900") == ["工作报告人民豈"]  # plain text too (U+F900 → 豈)


def test_a_word_table_becomes_rows_and_heading_styles_become_sections(published, reports):
    _, _, snap = published
    doc = next(d for d in snap.sorted_documents() if d["source"].endswith("2025.docx"))
    rows = [p for p in snap.paragraphs(doc["doc_id"]) if "\t" in p["text"]]
    assert [p["text"] for p in rows] == ["\t".join(row) for row in TABLE]
    heading = next(line for line in reports[2025].lines if line in reports[2025].headings)  # the table follows it
    assert rows[0]["section"] and heading.startswith(rows[0]["section"][-1].rstrip("…"))


def test_an_unnumbered_heading_style_opens_a_section():
    from docx import Document

    word = Document()
    word.add_paragraph("2024年某县政府工作报告", style="Title")
    for text in ("各位代表：", "现在，我代表县人民政府作报告。", "一年来，我们做了很多工作。", "请予审议。"):
        word.add_paragraph(text)
    word.add_heading("总体要求", level=1)
    word.add_paragraph("今年工作的总体要求是稳中求进。")
    out = io.BytesIO()
    word.save(out)
    doc = document(out.getvalue(), "county.docx")
    assert doc.paragraphs[-1].section == ["总体要求"] and doc.paragraphs[0].text == "2024年某县政府工作报告"


# --- web pages: charsets and what portals put around the text ------------------------------


def test_a_gbk_page_without_a_declared_charset_is_detected(reports):
    page = HTML_LAYOUTS["portal-gbk"](short(reports[2022]))
    undeclared = re.sub(rb'<meta http-equiv="Content-Type"[^>]*>', b"", page)
    assert b"charset" not in undeclared
    doc = document(undeclared, "undeclared.html")
    assert [p.text for p in doc.paragraphs][:3] == [reports[2022].title, *reports[2022].lines[:2]]
    stray = page.replace("各位代表".encode("gb18030"), b"\xff\xfe" + "各位代表".encode("gb18030"), 1)
    assert stray != page  # a byte pair that is no GBK character: the page is read all the same
    assert [p.text for p in document(stray, "stray.html").paragraphs][1:3] == reports[2022].lines[:2]


def test_an_xhtml_page_with_an_xml_declaration_is_read():
    page = (
        '<?xml version="1.0" encoding="gb2312"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"/><title>通知</title>'
        '<link rel="canonical" href="https://www.sc.gov.cn/zcwj/notice.shtml"/></head>'
        "<body><div class='nav'>首页 | 政务公开 | 办事服务</div><div class='article'><h1>关于做好春耕生产的通知</h1>"
        "<p>各市（州）人民政府：为做好今年春耕生产工作，确保粮食稳产增产，现将有关事项通知如下。</p>"
        "<p>一要抓好种子、化肥、农药等农资供应，二要加强农田水利设施建设，三要做好病虫害防治工作。</p>"
        "</div></body></html>"
    ).encode("gb18030")
    notice = document(page, "notice.xhtml")
    assert notice.source_url == "https://www.sc.gov.cn/zcwj/notice.shtml"
    assert [p.text for p in notice.paragraphs] == [
        "关于做好春耕生产的通知",
        "各市（州）人民政府：为做好今年春耕生产工作，确保粮食稳产增产，现将有关事项通知如下。",
        "一要抓好种子、化肥、农药等农资供应，二要加强农田水利设施建设，三要做好病虫害防治工作。",
    ]


def test_a_pages_headings_open_sections_and_its_data_table_becomes_rows():
    body = "".join(f"<p>{t}</p>" for t in ("各位代表：", "现在，我代表县人民政府，向大会报告工作，请予审议。") * 3)
    page = (
        "<html><head><meta charset='utf-8'><title>2024年某县政府工作报告_某县人民政府</title></head><body>"
        f"<article><h1>2024年某县政府工作报告</h1>{body}<h2>总体要求</h2>"
        "<p>今年政府工作的总体要求是：坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。</p>"
        "<table><tr><th>指标</th><th>目标</th></tr><tr><td>地区生产总值增长</td><td>5%左右</td></tr></table>"
        "</article></body></html>"
    ).encode()
    doc = document(page, "county.html")
    paragraphs = [(p.text, p.section) for p in doc.paragraphs]
    assert paragraphs[0] == ("2024年某县政府工作报告", [])
    assert paragraphs[-3:] == [
        ("今年政府工作的总体要求是：坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。", ["总体要求"]),
        ("指标\t目标", ["总体要求"]),
        ("地区生产总值增长\t5%左右", ["总体要求"]),
    ]


def test_portal_info_bars_and_footers_are_boilerplate():
    lines = clean_lines(
        "发布时间：2021-02-03 10:05　来源：四川省人民政府办公厅　浏览次数：3721\n"
        "【字体：大 中 小】\n当前位置：首页 > 政务公开 > 政府工作报告\n分享到：微信 微博 QQ空间\n"
        "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。\n"
        "网站标识码：5100000062　蜀ICP备05003828号　川公网安备 51010402000507号"
    )
    assert lines == ["现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。"]


def test_a_damaged_page_is_left_out_and_said_so_the_rest_is_read():
    helvetica = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    sentence = "The province will deepen reform and opening up in every field this year."
    data = minimal_pdf(helvetica, f"BT /F1 12 Tf 72 700 Td ({sentence}) Tj ET".encode(), (b"(not a page)",))
    result = documents_from_bytes(data, "damaged.pdf", "damaged.pdf")
    assert [p.text for p in result.documents[0].paragraphs] == [sentence]
    assert result.problems == ["page(s) 2 damaged: left out"]


def test_readers_refuse_what_they_cannot_read_with_a_reason():
    with pytest.raises(ReadError, match=r"encrypted|not a readable PDF"):
        list(pdf.read(b"%PDF-1.7\n%garbage"))
    with pytest.raises(ReadError, match="no main text"):
        list(html.read(b"<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w:document>broken")
    with pytest.raises(ReadError, match="Word"):
        documents_from_bytes(archive.getvalue(), "x.docx", "x.docx")


# --- the command line ----------------------------------------------------------------------


def test_index_json_lists_every_file_not_indexed(tmp_path, capsys, versions):
    folder = tmp_path / "in"
    write(folder / "report.docx", versions["report.docx"])
    write(folder / "notes.xlsx", b"PK\x03\x04")
    write(folder / ".DS_Store", b"\x00\x00")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    assert main(["index", "--json", "--index", str(tmp_path / "index"), str(folder)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == 1 and out["files_read"] == 1
    assert out["skipped"] == [
        {"path": "in/notes.xlsx", "reason": "unsupported file type .xlsx: not indexed"},
        {"path": "in/passwd.txt", "reason": "a link to a file outside the folder being indexed: not followed"},
    ]
    assert total(SearchIndex(tmp_path / "index").snapshot(), "root", literal=True) == 0  # /etc/passwd was not read


def test_index_json_when_nothing_can_be_indexed_still_says_why(tmp_path, capsys):
    folder = tmp_path / "in"
    write(folder / "scan.pdf", b"%PDF-1.4 nothing")
    assert main(["index", "--json", "--index", str(tmp_path / "index"), str(folder)]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["skipped"] == [
        {"path": "in/scan.pdf", "reason": "not a readable PDF (data format error)"}
    ]
    assert "nothing could be indexed" in captured.err


def test_an_archive_of_published_reports_is_read_in_place_and_says_what_it_skipped(versions, tmp_path):
    archive = tmp_path / "in" / "reports.zip"
    archive.parent.mkdir()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("2021/report.pdf", versions["report.pdf"])
        z.writestr("2021/scan.tif", b"II*\x00")
        z.writestr("__MACOSX/2021/._report.pdf", b"\x00\x05\x16\x07")
    summary = build([archive.parent], tmp_path / "index", progress=False)
    assert summary.skipped == [("in/reports.zip!2021/scan.tif", "unsupported file type .tif: not indexed")]
    (doc,) = SearchIndex(tmp_path / "index").snapshot().sorted_documents()
    assert (doc["source"], doc["year"], doc["province"]) == ("in/reports.zip!2021/report.pdf", 2021, "四川")


def test_a_file_that_cannot_be_read_is_not_read_again_until_it_changes(tmp_path, versions):
    folder = tmp_path / "in"
    write(folder / "report.pdf", versions["report.pdf"])
    scan = write(folder / "scan.pdf", b"%PDF-1.4 nothing")
    first = build([folder], tmp_path / "index", progress=False)
    again = build([folder], tmp_path / "index", progress=False)
    assert again.generation == first.generation and again.files_read == 0  # nothing rebuilt …
    assert again.skipped == first.skipped == [("in/scan.pdf", "not a readable PDF (data format error)")]  # … still said
    scan.write_bytes(versions["report.pdf"][:-100] + b"changed")
    changed = build([folder], tmp_path / "index", progress=False)
    assert changed.generation != first.generation and changed.files_read + len(changed.skipped) >= 1
