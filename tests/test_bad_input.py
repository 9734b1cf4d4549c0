"""Bad input gets a clear reason in the summary and never stops the rest."""

from __future__ import annotations

import json
import os

import pytest

from indexer.index.build import NothingIndexed, build
from indexer.ingest.readers.base import ReadError, decode
from indexer.search import SearchIndex, SearchRequest, search
from tests.conftest import total, write

GOOD = (
    "2021年湖南省政府工作报告\n——2021年1月25日在湖南省第十三届人民代表大会第五次会议上\n各位代表：\n全力推进乡村振兴。"
)


@pytest.fixture
def messy_folder(tmp_path):
    folder = tmp_path / "in"
    write(folder / "good.txt", GOOD)
    write(folder / "empty.txt", b"")
    write(folder / "blank.txt", b"  \n\n \t\n")
    write(folder / "binary.txt", bytes(range(256)) * 40)
    write(
        folder / "gbk.txt",
        "浙江省政府工作报告\n——2022年1月17日在浙江省第十三届人民代表大会第六次会议上\n打造共同富裕示范区。".encode(
            "gbk"
        ),
    )
    write(
        folder / "bom.txt",
        "\ufeff上海市政府工作报告\n——2022年1月20日在上海市第十五届人民代表大会第六次会议上\n建设国际消费中心城市。",
    )
    write(folder / "nothing.txt", "只是一段没有地区和年份的文字，用来测试。")
    write(folder / "only-boilerplate.txt", "下载 打印 全屏 收藏 【字号：加大 还原 减小】\n版权所有：某某网站\n")
    good_record = {
        "title": "2019年中华人民共和国国务院政府工作报告",
        "year": "2019",
        "content": "各位代表：\n\n稳就业。",
    }
    write(folder / "records.jsonl", "\n".join(["{not json", json.dumps({"title": "no text"}), json.dumps(good_record)]))
    write(folder / "scan.pdf", b"%PDF-1.4 not a PDF after all")
    write(folder / "figure.png", b"\x89PNG\r\n\x1a\n")
    return folder


def test_a_messy_folder_indexes_what_it_can_and_says_why_for_the_rest(messy_folder, tmp_path):
    missing = tmp_path / "does-not-exist.txt"
    summary = build([messy_folder, missing], tmp_path / "index", progress=False)
    reasons = {os.path.basename(path.split(" ")[0]): reason for path, reason in summary.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert "nothing left" in reasons["only-boilerplate.txt"] or "no text left" in reasons["only-boilerplate.txt"]
    assert reasons["does-not-exist.txt"] == "no such file or directory"
    jsonl = [reason for path, reason in summary.skipped if path.endswith("records.jsonl")]
    assert any("line 1: invalid JSON" in r for r in jsonl) and any("line 2: no text" in r for r in jsonl)
    assert reasons["scan.pdf"].startswith("not a readable PDF")
    assert reasons["figure.png"] == "unsupported file type .png: not indexed"  # listed, not passed over

    index = SearchIndex(tmp_path / "index").snapshot()
    by_title = {d["title"]: d for d in index.sorted_documents()}
    assert by_title["浙江省政府工作报告"]["year"] == 2022  # GBK, detected
    assert by_title["上海市政府工作报告"]["province"] == "上海"  # BOM stripped
    assert "2019年中华人民共和国国务院政府工作报告" in by_title
    nothing = next(d for d in index.sorted_documents() if d["source"].endswith("nothing.txt"))
    assert nothing["province"] is None and nothing["year"] is None  # indexed, not dropped
    assert ("undated-unknown-document" in nothing["doc_id"]) or nothing["doc_id"].startswith("undated-unknown")
    warned = {doc_id for doc_id, _ in summary.warnings}
    assert nothing["doc_id"] in warned
    assert total(index, "共同富裕") == 1


def test_an_explicit_unsupported_file_is_reported(tmp_path):
    tiff = write(tmp_path / "scan.tiff", b"II*\x00")
    good = write(tmp_path / "good.txt", GOOD)
    summary = build([tiff, good], tmp_path / "index", progress=False)
    assert summary.skipped == [(str(tiff), "unsupported file type .tiff: not indexed")]
    assert summary.documents == 1


def test_nothing_indexable_fails_and_leaves_the_live_index_alone(tmp_path):
    good = write(tmp_path / "good.txt", GOOD)
    root = tmp_path / "index"
    build([good], root, progress=False)
    before = (root / "CURRENT").read_text()
    with pytest.raises(NothingIndexed):
        build([write(tmp_path / "empty.txt", b"")], root, progress=False)
    assert (root / "CURRENT").read_text() == before
    assert not list(root.glob("*.tmp"))
    assert total(SearchIndex(root).snapshot(), "乡村振兴") == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("营商环境".encode("gb18030"), "营商环境"),
        ("\ufeff营商环境".encode(), "营商环境"),
        ("营商环境".encode("utf-16"), "营商环境"),
        ("Poverty alleviation".encode("ascii"), "Poverty alleviation"),
    ],
)
def test_decode_detects_the_encoding(data, expected):
    assert decode(data).strip() == expected


def test_longer_gbk_text_is_detected_not_assumed():
    text = "全面建成小康社会取得新的重大进展，经济运行总体平稳，发展质量稳步提升。" * 5
    assert decode(text.encode("gbk")) == text


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x01\x02binary", bytes(range(256)) * 4])
def test_decode_rejects_what_is_not_text(data):
    with pytest.raises(ReadError):
        decode(data)


def test_undated_documents_are_counted_as_unknown(tmp_path):
    folder = tmp_path / "in"
    write(folder / "dated.txt", "2021 Hubei work report\nThe economy grew.\n")
    write(folder / "undated.txt", "A note on the economy without a date or a place.\n")
    build([folder], tmp_path / "ix", progress=False)
    result = search(SearchIndex(tmp_path / "ix").snapshot(), SearchRequest("economy"))
    years = {v.value: v.count for v in result.summary.facets["year"]}
    assert years == {2021: 1, None: 1}
    assert {v.value for v in result.summary.facets["province"]} == {"湖北", None}


def test_bad_manifest_values_are_warnings_and_the_build_goes_on(tmp_path):
    folder = tmp_path / "in"
    write(folder / "a.txt", GOOD)
    write(folder / "b.txt", GOOD.replace("湖南", "湖北"))
    write(
        folder / "manifest.toml",
        '["a.txt"]\nyear = "twenty"\nlang = "fr"\ndoc_id = "bad/id"\ndate = "yesterday"\n'
        '["b.txt"]\ndoc_id = "2021-hunan-work-report"\n',
    )
    summary = build([folder], tmp_path / "ix", progress=False)
    messages = " | ".join(m for _, m in summary.warnings)
    for fragment in ("year 'twenty'", "is not a year", "lang 'fr'", "doc_id 'bad/id'", "date 'yesterday'", "is taken"):
        assert fragment in messages
    documents = SearchIndex(tmp_path / "ix").snapshot().sorted_documents()
    assert sorted(d["year"] for d in documents) == [2021, 2021]
    assert len({d["doc_id"] for d in documents}) == 2
