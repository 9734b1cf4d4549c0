"""Shared fixtures: the bundled corpus indexed once per test session, and helpers
to build small indexes from files a test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.index.build import build
from indexer.search import HitPage, SearchIndex, SearchRequest, Snapshot, search

BUNDLED_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus-index")
    summary = build([BUNDLED_CORPUS], root, progress=False)
    assert summary.documents > 100
    return root


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
