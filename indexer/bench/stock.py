"""Stock Whoosh with jieba's ChineseAnalyzer, as a Whoosh user would start: the same
paragraphs and metadata as ours, the same query text, the same filters (through
Whoosh's own ``filter=``), facet counts and highlights."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.qparser import QueryParser

from indexer.bench.measure import p50, p95, timings_ms

FACETS = ("province", "year", "lang")


def schema() -> Schema:
    from jieba.analyse import ChineseAnalyzer

    return Schema(
        doc_id=ID(stored=True),
        paragraph=NUMERIC(int, stored=True),
        content=TEXT(analyzer=ChineseAnalyzer(), stored=True),
        province=ID(stored=True, sortable=True),
        year=NUMERIC(int, stored=True, sortable=True),
        lang=ID(stored=True, sortable=True),
        section=STORED(),
    )


def build(paragraphs: list[tuple[dict, dict]], root: Path) -> float:
    """Index (stored paragraph, its document) pairs; seconds taken."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    started = time.perf_counter()
    writer = whoosh_index.create_in(str(root), schema()).writer(procs=2, multisegment=True, limitmb=128)
    for p, doc in paragraphs:
        facets = {name: doc[name] for name in FACETS if doc.get(name) is not None}
        writer.add_document(doc_id=p["doc_id"], paragraph=p["paragraph"], content=p["text"], **facets)
    writer.commit()
    return time.perf_counter() - started


def as_filter(filters: dict[str, list[str]]) -> wq.Query | None:
    parts = []
    for name, values in filters.items():
        if name == "year":
            ranges = [v.split("-") for v in values]
            parts.append(wq.Or([wq.NumericRange("year", int(r[0]), int(r[-1])) for r in ranges]))
        else:
            parts.append(wq.Or([wq.Term(name, v) for v in values]))
    return wq.And(parts) if parts else None


def latency(root: Path, queries: list[tuple[str, dict]]) -> tuple[float, float]:
    ix = whoosh_index.open_dir(str(root))
    searcher = ix.searcher()
    parser = QueryParser("content", ix.schema)
    facets = sorting.Facets()
    for name in FACETS:
        facets.add_field(name)
    filters = dict(queries)

    def run(q: str):
        results = searcher.search(parser.parse(q), limit=10, groupedby=facets, filter=as_filter(filters[q]))
        for name in FACETS:
            results.groups(name)
        for hit in results:
            hit.highlights("content")

    run(queries[0][0])
    times = [t for _ in range(3) for t in timings_ms(run, filters)]
    return p50(times), p95(times)


def phrase_hits(root: Path, phrase: str) -> int:
    ix = whoosh_index.open_dir(str(root))
    with ix.searcher() as searcher:
        return len(searcher.search(QueryParser("content", ix.schema).parse(f'"{phrase}"'), limit=None))
