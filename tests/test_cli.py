"""The policy-search command, run as a user runs it: a separate process."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import indexer.index.build as build_module
from indexer.index.build import build
from indexer.index.progress import Progress

POLICY_SEARCH = Path(sys.executable).parent / "policy-search"  # the installed command

RESULT_KEYS = {
    "query",
    "interpreted_query",
    "notices",
    "total",
    "total_documents",
    "page",
    "per_page",
    "pinyin",
    "facets",
    "hits",
}
HIT_KEYS = {
    "doc_id",
    "title",
    "province",
    "province_en",
    "city",
    "city_en",
    "level",
    "year",
    "doc_type",
    "lang",
    "paragraph",
    "section",
    "url",
    "snippet",
    "score",
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(POLICY_SEARCH), *args], capture_output=True, text=True, timeout=120, check=False)


def test_docs_json_lists_every_bundled_document(corpus_index_dir):
    out = run("docs", "--json", "--index", str(corpus_index_dir))
    assert out.returncode == 0, out.stderr
    documents = json.loads(out.stdout)["documents"]
    keys = {"doc_id", "title", "province", "province_en", "year", "date", "lang", "source", "paragraphs"}
    assert all(keys <= set(d) for d in documents)
    collection = [d for d in documents if d["source"] == "corpus/seeds/002_fcb4acf3a3c06b95.txt"]
    # 29 reports, less Chongqing's: the same text as lawtext's 重庆市/2020.md, indexed once
    assert len(collection) == 28 and {(d["year"], d["level"]) for d in collection} == {(2020, "provincial")}
    assert [d["year"] or 0 for d in documents] == sorted((d["year"] or 0 for d in documents), reverse=True)
    english = [d for d in documents if d["lang"] == "en"]
    assert {(d["province"], d["year"]) for d in english} == {
        ("四川", 2020),
        ("四川", 2023),
        ("四川", 2024),
        ("重庆", 2017),
    }
    assert len([d for d in documents if d["source"].endswith(".jsonl")]) == 72
    members = [d["source"].split("!", 1) for d in documents if "!" in d["source"]]
    assert members and all(archive.startswith("corpus/lawtext-gov/") for archive, _ in members)


def test_search_json_follows_the_contract(corpus_index_dir):
    out = run(
        "search",
        "双城经济圈",
        "--province",
        "sichuan",
        "--province",
        "重庆市",
        "--json",
        "--index",
        str(corpus_index_dir),
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert set(result) == RESULT_KEYS
    assert result["hits"] and all(set(h) == HIT_KEYS for h in result["hits"])
    assert all(h["url"] == f"/doc/{h['doc_id']}#p{h['paragraph']}" for h in result["hits"])
    assert all("<mark>双城经济圈</mark>" in h["snippet"] for h in result["hits"])
    assert {"value", "count", "documents"} <= set(result["facets"]["province"][0])


def test_search_text_output(corpus_index_dir):
    out = run("search", "twin-city economic circle", "--index", str(corpus_index_dir))
    assert out.returncode == 0
    assert "【twin-city】 【economic】 【circle】" in out.stdout
    assert "/doc/2020-sichuan-work-report-en#p" in out.stdout


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year:abc", "is not a year"),
        ("", "Type something"),
        ("x" * 10_000, "too long"),
        ("province:atlantis", "Unknown province"),
    ],
)
def test_unreadable_queries_exit_2_with_a_message(corpus_index_dir, query, message):
    out = run("search", query, "--index", str(corpus_index_dir))
    assert out.returncode == 2
    assert out.stderr.startswith("policy-search: ") and message in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_malformed_queries_are_read_with_a_note(corpus_index_dir, all_paragraphs):
    out = run("search", '"双城经济圈', "--index", str(corpus_index_dir))
    assert out.returncode == 0, out.stderr
    found = sum("双城经济圈" in p["text"] for p in all_paragraphs)
    assert "note: The closing quote was missing" in out.stdout and out.stdout.startswith(f"{found} paragraphs")


def test_filter_options_come_from_the_facets(corpus_index_dir):
    out = run(
        "search",
        "双城经济圈",
        "--province",
        "重庆",
        "--year",
        "2019-2021",
        "--lang",
        "zh",
        "--json",
        "--index",
        str(corpus_index_dir),
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["interpreted_query"] == "双城经济圈 province:重庆 year:2019-2021 lang:zh"
    out = run("search", "双城经济圈", "--lang", "fr", "--index", str(corpus_index_dir))
    assert out.returncode == 2 and "Unknown language 'fr'" in out.stderr


def test_missing_index_is_explained(tmp_path):
    out = run("docs", "--index", str(tmp_path / "nowhere"))
    assert out.returncode == 1
    assert "no index at" in out.stderr and "policy-search index" in out.stderr


def test_index_command_prints_a_summary_and_fails_only_when_nothing_is_indexed(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    out = run("index", str(tmp_path / "empty.txt"), "--index", str(tmp_path / "ix"))
    assert out.returncode == 1
    assert "skipped" in out.stderr and "empty file" in out.stderr and "nothing could be indexed" in out.stderr
    (tmp_path / "ok.txt").write_text("2022年河北省政府工作报告\n各位代表：\n推进京津冀协同发展。", encoding="utf-8")
    out = run("index", str(tmp_path / "ok.txt"), str(tmp_path / "empty.txt"), "--index", str(tmp_path / "ix"))
    assert out.returncode == 0, out.stderr
    assert re.match(r"1 documents, 3 paragraphs, \d+ characters in [\d.]+ s", out.stdout)
    assert "skipped" in out.stderr and "empty.txt: empty file" in out.stderr


def two_reports(folder: Path) -> Path:
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "hb.txt").write_text("2022年河北省政府工作报告\n各位代表：\n推进京津冀协同发展。", encoding="utf-8")
    (folder / "a" / "sc.txt").write_text(
        "2023年四川省政府工作报告\n各位代表：\n推进成渝地区双城经济圈建设。\n", encoding="utf-8"
    )
    return folder / "a"


def test_a_build_without_a_terminal_prints_a_line_per_stage(tmp_path):
    out = run("index", str(two_reports(tmp_path)), "--index", str(tmp_path / "ix"))  # stderr is a pipe
    assert out.returncode == 0, out.stderr
    lines = out.stderr.splitlines()
    assert lines[0] == "indexing: 2 files to read"
    assert re.fullmatch(r"indexing: 2 documents, 6 paragraphs \(2 files read, 0 unchanged\) in [\d.]+ s", lines[1])
    stages = ("targets", "columns for counting", "words of every paragraph", "pinyin lexicon", "expressions")
    for n, stage in enumerate(stages, start=2):
        assert re.fullmatch(rf"indexing: {stage} in [\d.]+ s", lines[n]), lines
    assert "\r" not in out.stderr and "it/s" not in out.stderr  # no bar where no one sees it redrawn


DONE_LINE = r"indexing: (\d+) documents analysed and written, \d+ s"
UNITS_LINE = r"indexing: (\d+) reports' units found, \d+ s"


def test_long_stages_say_how_many_documents_are_done(tmp_path, monkeypatch):
    """One file may hold thousands of reports (the cities' archive): a line now and then
    counts the documents analysed and written, not only the files finished."""
    reports = {
        f"报告/{2016 + k}.md": f"{2016 + k}年四川省政府工作报告\n各位代表：\n推进成渝地区双城经济圈建设。\n"
        for k in range(3)
    }
    (tmp_path / "in").mkdir()
    with tarfile.open(tmp_path / "in" / "reports.tar.gz", "w:gz") as archive:
        for name, text in reports.items():
            data = text.encode("utf-8")
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    stream = io.StringIO()  # no terminal: lines
    monkeypatch.setattr(build_module, "Progress", lambda enabled: Progress(enabled, stream, every=0))
    build([tmp_path / "in"], tmp_path / "ix")
    lines = stream.getvalue().splitlines()
    said = [(k, int(m.group(1))) for k, line in enumerate(lines) if (m := re.fullmatch(DONE_LINE, line))]
    assert [count for _, count in said] == [1, 2, 3]
    read = next(k for k, line in enumerate(lines) if line.startswith("indexing: 3 documents, "))
    assert said[-1][0] < read  # said while the archive was being read, before its line
    # the expressions stage, minutes on every report, counts the reports too
    found = [(k, int(m.group(1))) for k, line in enumerate(lines) if (m := re.fullmatch(UNITS_LINE, line))]
    assert [count for _, count in found] == [1, 2, 3]
    stage_done = next(k for k, line in enumerate(lines) if line.startswith("indexing: expressions in"))
    assert read < found[0][0] and found[-1][0] < stage_done


def test_the_summary_records_every_stage_with_its_times(tmp_path):
    out = run("index", str(two_reports(tmp_path)), "--index", str(tmp_path / "ix"), "--json")
    assert out.returncode == 0, out.stderr
    stages = json.loads(out.stdout)["stages"]
    assert [s["name"] for s in stages] == [
        "reading, analysis and writing",
        "targets",
        "columns for counting",
        "words of every paragraph",
        "pinyin lexicon",
        "expressions",
        "publishing",
    ]
    assert all(s["seconds"] >= 0 and s["cpu_seconds"] >= 0 for s in stages)


def test_a_build_on_a_terminal_draws_the_bar_with_the_time_left(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    args = ["index", str(two_reports(tmp_path)), "--index", str(tmp_path / "ix")]
    process = subprocess.run([POLICY_SEARCH, *args], stderr=follower, stdout=subprocess.PIPE, timeout=300, check=False)
    os.close(follower)
    shown = b""
    with contextlib.suppress(OSError):  # EIO once everything written is read
        while chunk := os.read(leader, 65536):
            shown += chunk
    os.close(leader)
    assert process.returncode == 0
    assert re.search(rb"indexing: 100%\|.*\| 2/2 \[\d\d:\d\d<\d\d:\d\d", shown)  # elapsed<left, tqdm's format
    assert b"indexing: pinyin lexicon in" in shown
