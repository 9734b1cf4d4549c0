"""Segments written in bulk (``indexer.index.segments``, by the build's workers) are
the index Whoosh's own writer makes of the same documents: stock Whoosh opens both
and finds, paragraph for paragraph (matched by doc_id and paragraph number, as the
document numbers differ), the same terms and postings (weights, positions), term
statistics, field lengths, stored fields, column values, hits and scores.

The truth is an index of the same files built with Whoosh's ``SegmentWriter`` adding
documents one by one (the build with its bulk writing replaced by the stock writer)."""

from __future__ import annotations

import shutil
import tarfile
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.qparser import QueryParser

import indexer.index.build as build_module
import indexer.index.writing as writing_module
from indexer.index import store
from indexer.index.build import build
from indexer.index.columns import load_columns
from indexer.index.schema import make_schema
from indexer.index.segments import SegmentBuilder, commit
from indexer.index.writing import WhooshWriting

SEED_BYTES = 100_000  # the sample's plain-text reports smaller than this (four, 55 KB)
SEGMENT_POSTINGS = 1_000  # small: each worker writes several segments
QUERIES = {
    "words": ("发展", "经济 增长", "改革 OR 开放", "创新 -科技", "人工智能", "economy"),
    "exact": ('"高质量发展"', '"乡村振兴"', '"一带一路"', "城", '"人工智能+"'),
}


def _build(corpus: Path, root: Path, stock: bool) -> Path:
    """The seeds indexed with the workers' bulk writing, or with Whoosh's own writer.
    The corpus-wide tables after the Whoosh index are left out: not what is compared."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "PARALLEL_BYTES", 0)  # in the worker processes
        patch.setattr(writing_module, "SEGMENT_POSTINGS", SEGMENT_POSTINGS)
        patch.setattr(build_module, "build_lexicon", lambda generation: None)
        patch.setattr(build_module, "build_expressions", lambda generation, done: None)
        if stock:
            stock_writing = lambda folder, schema, parallel: WhooshWriting(whoosh_index.open_dir(str(folder)), parallel)  # noqa: E731
            patch.setattr(build_module, "BulkWriting", stock_writing)
        build([corpus], root, progress=False)
    return store.current_generation(root)


@pytest.fixture(scope="module")
def indexes(test_corpus, tmp_path_factory):
    """(bulk, stock) searchers of some of the sample's plain-text reports."""
    folder = tmp_path_factory.mktemp("segments")
    (folder / "seeds").mkdir()
    for path in (test_corpus / "seeds").iterdir():
        if path.stat().st_size < SEED_BYTES:
            shutil.copy2(path, folder / "seeds")
    bulk = whoosh_index.open_dir(str(_build(folder / "seeds", folder / "bulk", stock=False)))
    stock = whoosh_index.open_dir(str(_build(folder / "seeds", folder / "stock", stock=True)))
    with bulk.searcher() as b, stock.searcher() as s:
        yield b, s


def keys(reader) -> dict[int, tuple[str, int]]:
    """Each live document's (doc_id, paragraph)."""
    return {d: (f["doc_id"], f["paragraph"]) for d, f in reader.iter_docs()}


def postings(reader, field: str) -> dict:
    """term -> {(doc_id, paragraph): (weight, value bytes)}, with the term's statistics."""
    key_of = keys(reader)
    found = {}
    for term in reader.lexicon(field):
        info = reader.term_info(field, term)
        matcher = reader.postings(field, term)
        stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())
        found[term] = (stats, {key_of[d]: (w, v) for d, w, v in _items(matcher)})
    return found


def _items(matcher):
    while matcher.is_active():
        yield matcher.id(), matcher.weight(), matcher.value()
        matcher.next()


def test_the_bulk_index_has_several_segments_and_every_paragraph(indexes):
    bulk, stock = indexes
    assert len(bulk.reader().leaf_readers()) > 2  # several per worker: the segment limit is met
    assert sorted(keys(bulk.reader()).values()) == sorted(keys(stock.reader()).values())
    assert bulk.doc_count() == stock.doc_count() > 50, bulk.doc_count()


@pytest.mark.parametrize("field", [name for name, f in make_schema().items() if f.indexed])
def test_every_term_has_the_same_postings_and_statistics(indexes, field):
    bulk, stock = indexes
    ours, truth = postings(bulk.reader(), field), postings(stock.reader(), field)
    assert ours.keys() == truth.keys()
    assert ours == truth


def test_stored_fields_columns_and_lengths_are_the_same(indexes):
    bulk, stock = indexes
    schema = make_schema()
    columns = [name for name, f in schema.items() if f.column_type]
    scored = [name for name, f in schema.items() if f.scorable]

    def per_paragraph(reader) -> dict:
        key_of, found = keys(reader), {}
        for leaf, base in reader.leaf_readers():  # a column read by segment: Whoosh's MultiColumnReader fails here
            readers = {name: leaf.column_reader(name) for name in columns}
            for d in leaf.all_doc_ids():
                found[key_of[base + d]] = (
                    leaf.stored_fields(d),
                    {name: readers[name][d] for name in columns},
                    {name: leaf.doc_field_length(d, name) for name in scored},
                )
        return found

    assert per_paragraph(bulk.reader()) == per_paragraph(stock.reader())
    for name in scored:
        assert bulk.reader().field_length(name) == stock.reader().field_length(name) > 0
        assert bulk.reader().max_field_length(name) == stock.reader().max_field_length(name)


def test_the_counting_columns_are_whooshs_columns_where_segments_differ(test_corpus, tmp_path):
    """The columns the views count by (``columns-*.npy``) hold every paragraph's value
    of Whoosh's columns, read segment by segment, also where a column is missing from
    some segments: the state council's reports have no city, so their segments have no
    ``city`` column (Whoosh's many-segment column reader drops those segments, and every
    city once read as unknown on the full corpus)."""
    folder = tmp_path / "mixed"
    (folder / "seeds").mkdir(parents=True)
    for path in (test_corpus / "seeds").iterdir():  # provincial reports: no city
        if path.stat().st_size < SEED_BYTES:
            shutil.copy2(path, folder / "seeds")
    _smallest_members(test_corpus / "lawtext-gov" / "cities.tar.xz", folder / "cities.tar.xz", 3)
    generation = _build(folder, tmp_path / "index", stock=False)
    schema = make_schema()
    reader = whoosh_index.open_dir(str(generation)).reader()
    leaves = [leaf for leaf, _ in reader.leaf_readers()]
    assert any(leaf.has_column("city") for leaf in leaves) and not all(leaf.has_column("city") for leaf in leaves)
    saved = load_columns(generation)
    for name in ("city", "province", "level", "doc_id"):
        whooshs = [
            schema[name].from_column_value(v) for leaf in leaves for v in leaf.column_reader(name, translate=False)
        ]
        ours = [saved[name].values[c] for c in saved[name].codes]
        assert len(ours) == len(whooshs) == reader.doc_count_all()
        assert [v or None for v in whooshs] == ours, name
    cities = {v for v in saved["city"].values if v}
    assert len(cities) >= 2


def _smallest_members(archive: Path, to: Path, count: int) -> None:
    """A copy of an archive with only its ``count`` smallest files, under their paths."""
    with tarfile.open(archive) as source, tarfile.open(to, "w:xz") as target:
        files = sorted((m for m in source.getmembers() if m.isfile()), key=lambda m: m.size)[:count]
        for member in files:
            target.addfile(member, source.extractfile(member))


def hits(searcher, q) -> list[tuple[tuple[str, int], float]]:
    """Every hit of a query as (doc_id, paragraph) with its score, best first (ties by key)."""
    results = searcher.search(q, limit=None)
    found = [((r["doc_id"], r["paragraph"]), r.score) for r in results]
    return sorted(found, key=lambda h: (-h[1], h[0]))


@pytest.mark.parametrize("field", list(QUERIES))
def test_fixed_queries_find_the_same_hits_with_the_same_scores(indexes, field):
    bulk, stock = indexes
    for text in QUERIES[field]:
        q = QueryParser(field, make_schema()).parse(text)
        assert hits(bulk, q) == hits(stock, q), text


@pytest.mark.parametrize("field", ["words", "exact", "title"])
def test_distinct_terms_find_the_same_hits_with_the_same_scores(indexes, field):
    bulk, stock = indexes
    terms = list(stock.reader().lexicon(field))
    picked = terms[:: max(1, len(terms) // 150)]  # about 150 spread over the vocabulary
    assert len(picked) > 20
    for term in picked:
        q = wq.Term(field, term.decode("utf-8"))
        assert hits(bulk, q) == hits(stock, q), term


def test_one_segment_is_byte_for_byte_whooshs_own(indexes, tmp_path):
    """The same paragraphs in the same order, one segment each way: the same files."""
    _, stock = indexes
    paragraphs = [dict(f) | _indexed(stock.reader(), d) for d, f in stock.reader().iter_docs()]
    records = paragraphs * 3  # common terms in more than a block of postings (128)
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir(), theirs.mkdir()
    writer = whoosh_index.create_in(str(theirs), make_schema()).writer(compound=False)
    for record in records:
        writer.add_document(**record)
    writer.commit()
    whoosh_index.create_in(str(ours), make_schema())
    builder = SegmentBuilder(ours, make_schema())
    for record in records:
        builder.add(record)
    commit(ours, [builder.finish()])
    assert max(stock.reader().doc_frequency("exact", t) for t in stock.reader().lexicon("exact")) * 3 > 128
    assert _segment_files(ours) == _segment_files(theirs)


def _indexed(reader, docnum: int) -> dict:
    """Texts for a paragraph's exact and words fields (Whoosh analyses them): its stored text."""
    fields = reader.stored_fields(docnum)
    return {"exact": fields["text"], "words": fields["text"]}


def _segment_files(folder: Path) -> dict[str, bytes]:
    (segment,) = whoosh_index.open_dir(str(folder))._segments()
    return {
        path.name.replace(segment.segid, "*"): path.read_bytes()
        for path in folder.iterdir()
        if segment.segid in path.name
    }


def test_a_failing_worker_stops_the_build_with_its_reason(test_corpus, tmp_path, monkeypatch):
    folder = tmp_path / "seeds"
    folder.mkdir()
    shutil.copy2(min((test_corpus / "seeds").iterdir(), key=lambda p: p.stat().st_size), folder)

    def explode(*args):
        raise ValueError("no analysis today")

    monkeypatch.setattr(build_module, "PARALLEL_BYTES", 0)
    monkeypatch.setattr(writing_module, "analyse_document", explode)  # in the forked workers too
    with pytest.raises(RuntimeError, match="no analysis today"):
        build([folder], tmp_path / "index", progress=False)
    assert store.current_generation(tmp_path / "index") is None
    assert not list((tmp_path / "index").glob("gen-*"))
