"""Shared fixtures: a test corpus indexed once per test session, and helpers to build
small indexes from files a test writes.

The test corpus is the bundled one with its twenty-year archives cut down to a
sample, read from the bundled archives themselves: every report of Sichuan and of
Chengdu, Mianyang, Lu'an and Suqian, Chongqing since 2020, two five-year plans.
Indexing all of lawtext-gov is what ``make run`` and ``make bench`` do."""

from __future__ import annotations

import io
import shutil
import tarfile
from pathlib import Path

import pytest

from indexer.index.build import BuildSummary, build
from indexer.search import HitPage, SearchIndex, SearchRequest, Snapshot, search

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_CORPUS = ROOT / "corpus"
PROVINCES_ARCHIVE = BUNDLED_CORPUS / "lawtext-gov" / "provinces.tar.xz"
CITIES_ARCHIVE = ROOT / "corpus-cities" / "lawtext-gov" / "cities.tar.xz"
SAMPLE = {
    PROVINCES_ARCHIVE: (
        "README.md",
        "政府工作报告-省自治区/四川省/",
        "政府工作报告-主要城市/重庆市/202",
        "五年规划/1996-",
        "五年规划/2021-",
    ),
    CITIES_ARCHIVE: (
        "政府工作报告-主要城市/成都市/",
        "政府工作报告-其他地市/绵阳市/",
        "政府工作报告-其他地市/六安市/",
        "政府工作报告-其他地市/宿迁市/",
    ),
}


def sample_archive(source: Path, prefixes: tuple[str, ...], target: Path) -> Path:
    """A .tar.xz of the members of ``source`` whose names start with one of ``prefixes``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source, "r:xz") as whole, tarfile.open(target, "w:xz") as part:
        for info in whole:
            if info.isfile() and info.name.startswith(prefixes):
                part.addfile(info, io.BytesIO(whole.extractfile(info).read()))
    return target


def make_test_corpus(folder: Path) -> Path:
    """The bundled corpus with its archives cut down to SAMPLE, in ``folder``."""
    shutil.copytree(BUNDLED_CORPUS, folder, ignore=shutil.ignore_patterns("*.tar.xz"))
    for source, prefixes in SAMPLE.items():
        sample_archive(source, prefixes, folder / "lawtext-gov" / source.name)
    return folder


@pytest.fixture(scope="session")
def test_corpus(tmp_path_factory) -> Path:
    return make_test_corpus(tmp_path_factory.mktemp("test-corpus") / "corpus")


@pytest.fixture(scope="session")
def corpus_build(test_corpus, tmp_path_factory) -> tuple[Path, BuildSummary]:
    root = tmp_path_factory.mktemp("corpus-index")
    summary = build([test_corpus], root, progress=False)
    assert summary.documents > 150
    return root, summary


@pytest.fixture(scope="session")
def corpus_index_dir(corpus_build) -> Path:
    return corpus_build[0]


@pytest.fixture(scope="session")
def corpus(corpus_index_dir) -> Snapshot:
    """The bundled corpus's index, opened (it does not change during the session)."""
    return SearchIndex(corpus_index_dir).snapshot()


@pytest.fixture(scope="session")
def all_paragraphs(corpus) -> list[dict]:
    """Every indexed paragraph's stored fields, read straight from the index."""
    reader = corpus.searcher.reader()
    return [fields for _, fields in reader.iter_docs()]


def search_all(snap: Snapshot, q: str, **filters: list[str]) -> tuple[HitPage, set[tuple[str, int]]]:
    """First page's result, and every matching (doc_id, paragraph) over all pages."""
    first = search(snap, SearchRequest(q, filters, per_page=100))
    found = {(h.doc["doc_id"], h.paragraph) for h in first.hits}
    page = 2
    while len(found) < first.summary.total:
        result = search(snap, SearchRequest(q, filters, page=page, per_page=100))
        assert result.hits, f"page {page} of {q!r} is empty before total {first.summary.total}"
        found |= {(h.doc["doc_id"], h.paragraph) for h in result.hits}
        page += 1
    return first, found


def total(snap: Snapshot, q: str, literal: bool = False, **filters: list[str]) -> int:
    return search(snap, SearchRequest(q, filters, literal=literal)).summary.total


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
