"""Incremental and atomic builds: readers during a rebuild see the old index or the
new one, never a half-written one; an interrupted build leaves the old one live."""

from __future__ import annotations

import threading
import time

import pytest

import indexer.index.reading as reading_module
import indexer.index.writing as writing_module
from indexer.index import store
from indexer.index.build import build
from indexer.search import SearchIndex, SearchRequest, search
from tests.conftest import total, write

REPORT = (
    "{year}年湖南省政府工作报告\n——{year}年1月20日在湖南省人民代表大会上\n各位代表：\n"
    + "推进乡村振兴，建设美丽湖南。\n" * 30
)


def make_corpus(folder, year: int, extra: int = 0):
    write(folder / "hunan.txt", REPORT.format(year=year))
    write(folder / "poverty.txt", "2020 Sichuan work plan\nResolutely win the battle against poverty.\n" * (1 + extra))
    return folder


def test_unchanged_files_are_not_read_again(tmp_path, monkeypatch):
    folder = make_corpus(tmp_path / "in", 2021)
    root = tmp_path / "index"
    build([folder], root, progress=False)
    reads = []
    original = reading_module.documents_from_file
    monkeypatch.setattr(
        reading_module, "documents_from_file", lambda path, *a: reads.append(path.name) or original(path, *a)
    )

    summary = build([folder], root, progress=False)
    assert reads == [] and summary.files_unchanged == 2

    write(folder / "poverty.txt", "2020 Sichuan work plan\nPoverty alleviation comes first.\n")
    summary = build([folder], root, progress=False)
    assert reads == ["poverty.txt"] and summary.files_read == 1 and summary.files_unchanged == 1
    index = SearchIndex(root)
    assert total(index.snapshot(), "alleviation") == 1
    assert total(index.snapshot(), "battle") == 0  # the old version is gone
    assert total(index.snapshot(), "乡村振兴") == 30  # the unchanged file is still there

    (folder / "poverty.txt").unlink()
    build([folder], root, progress=False)
    assert total(index.snapshot(), "alleviation") == 0


def test_rebuild_ignores_what_is_live(tmp_path, monkeypatch):
    folder = make_corpus(tmp_path / "in", 2021)
    root = tmp_path / "index"
    build([folder], root, progress=False)
    summary = build([folder], root, rebuild=True, progress=False)
    assert summary.files_read == 2 and summary.files_unchanged == 0


def test_readers_during_rebuilds_see_one_whole_generation(tmp_path):
    folder = make_corpus(tmp_path / "in", 2021)
    root = tmp_path / "index"
    # 30 Hunan paragraphs + one "poverty" line per copy: what each generation must answer
    expected = {build([folder], root, progress=False).generation: 31}
    index = SearchIndex(root)  # long-lived, like the server's
    errors, seen = [], set()
    stop = threading.Event()

    def reader():
        while not stop.is_set():
            try:
                snapshot = index.snapshot()  # the generation and its answer, from one snapshot
                result = search(snapshot, SearchRequest("乡村振兴 OR poverty"))
                seen.add((snapshot.generation.name, result.summary.total))
            except Exception as exc:  # any failure is the finding
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for extra in range(1, 5):
            time.sleep(0.05)
            make_corpus(folder, 2021, extra=extra)
            expected[build([folder], root, progress=False).generation] = 30 + 1 + extra
        time.sleep(0.1)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert {(generation, total) for generation, total in seen} <= set(expected.items())  # never a torn state
    assert len({generation for generation, _ in seen}) >= 2  # the long-lived reader noticed new generations


def test_an_interrupted_build_leaves_the_old_index_live(tmp_path, monkeypatch):
    folder = make_corpus(tmp_path / "in", 2021)
    root = tmp_path / "index"
    build([folder], root, progress=False)
    live = (root / "CURRENT").read_text()

    def explode(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(writing_module, "paragraph_records", explode)  # while the new documents are written
    write(folder / "hunan.txt", REPORT.format(year=2022))
    with pytest.raises(KeyboardInterrupt):
        build([folder], root, progress=False)
    assert (root / "CURRENT").read_text() == live
    assert not list(root.glob("gen-*.tmp"))
    assert total(SearchIndex(root).snapshot(), "乡村振兴") == 30


def test_a_stale_tmp_generation_from_a_killed_build_is_cleared(tmp_path):
    folder = make_corpus(tmp_path / "in", 2021)
    root = tmp_path / "index"
    build([folder], root, progress=False)
    (root / "gen-000099.tmp").mkdir()
    build([folder], root, rebuild=True, progress=False)
    assert not (root / "gen-000099.tmp").exists()


def test_old_generations_are_pruned_only_after_the_grace_period(tmp_path):
    folder = make_corpus(tmp_path / "in", 2021)
    root = tmp_path / "index"
    for _ in range(5):
        build([folder], root, rebuild=True, progress=False)
    assert len(list(root.glob("gen-*"))) == 5  # all within the grace period
    later = time.time() + store.GRACE_SECONDS + 1
    store.prune(root, now=later)
    kept = sorted(p.name for p in root.glob("gen-*"))
    assert len(kept) == store.KEEP_GENERATIONS
    assert (root / "CURRENT").read_text().strip() == kept[-1]


def test_a_second_concurrent_build_is_refused(tmp_path):
    root = tmp_path / "index"
    with store.build_lock(root), pytest.raises(store.BuildLocked):
        build([make_corpus(tmp_path / "in", 2021)], root, progress=False)


def test_searching_never_writes_to_the_index(tmp_path):
    root = tmp_path / "index"
    build([make_corpus(tmp_path / "in", 2021)], root, progress=False)
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
    index = SearchIndex(root)
    for q in ("乡村振兴", "poverty", "province:湖南"):
        search(index.snapshot(), SearchRequest(q))
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
    assert after == before
