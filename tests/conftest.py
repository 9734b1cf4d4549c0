"""Shared fixtures: the bundled corpus indexed once per test session, and helpers
to build small indexes from files a test writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.build import BUNDLED_CORPUS, build
from indexer.search import SearchIndex, SearchRequest, search


@pytest.fixture(scope="session")
def corpus_index_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("corpus-index")
    summary = build([BUNDLED_CORPUS], root, progress=False)
    assert summary.documents > 100
    return root


@pytest.fixture(scope="session")
def corpus(corpus_index_dir) -> SearchIndex:
    return SearchIndex(corpus_index_dir)


@pytest.fixture(scope="session")
def all_paragraphs(corpus) -> list[dict]:
    """Every indexed paragraph's stored fields, read straight from the index."""
    reader = corpus.snapshot().searcher.reader()
    return [fields for _, fields in reader.iter_docs()]


def search_all(index: SearchIndex, q: str, **filters) -> tuple[dict, set[tuple[str, int]]]:
    """First page's result, and every matching (doc_id, paragraph) over all pages."""
    first = search(index, SearchRequest(q, per_page=100, **filters))
    found = {(h["doc_id"], h["paragraph"]) for h in first["hits"]}
    page = 2
    while len(found) < first["total"]:
        result = search(index, SearchRequest(q, page=page, per_page=100, **filters))
        assert result["hits"], f"page {page} of {q!r} is empty before total {first['total']}"
        found |= {(h["doc_id"], h["paragraph"]) for h in result["hits"]}
        page += 1
    return first, found


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path
