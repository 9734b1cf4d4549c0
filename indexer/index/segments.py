"""Whoosh segments written in bulk, through Whoosh's own codec.

Whoosh's ``SegmentWriter`` puts every posting through Python one at a time: a tuple
into an external-sort pool (pickled to disk and back past 128 MB), then, per posting,
a look-up of its document's field length in the column just written and a call of
the postings writer with its type checks. On the sample that was most of the
build's writing time. Here a segment's postings are gathered per term in arrays
(documents, weights, values) and each field length is kept as it is counted, then
the terms are written in order a block at a time: the same ``W3Codec`` field writer,
postings writer (its block encoding: ``_write_block``), per-document writer
(stored fields, columns, lengths) and table of contents as Whoosh's own writer, so
the files are those ``SegmentWriter`` writes for the same documents in the same
order, and stock ``whoosh.index.open_dir`` opens and searches them.

A field's terms are Whoosh's own analysis of the value (``field.index``), as
``SegmentWriter.add_document`` does; only the gathering and writing differ.
"""

from __future__ import annotations

import shutil
from array import array
from pathlib import Path

import numpy as np
from whoosh.codec import default_codec
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Positions
from whoosh.index import TOC, clean_files
from whoosh.util.numeric import byte_to_length, length_to_byte

INDEXNAME = "MAIN"  # Whoosh's default index name (``index.create_in``)


class FieldPostings:
    """A field's postings in a segment, in the order they were added (document by
    document): flat arrays, about 30 bytes a posting, put in term order at the end."""

    def __init__(self) -> None:
        self.vocabulary: dict[bytes, int] = {}  # term -> its number here
        self.terms = array("I")  # each posting's term number
        self.docs = array("I")
        self.weights = array("d")  # as given: a block's maximum is kept unrounded, as Whoosh does
        self.values = bytearray()  # the encoded values, one after the other
        self.sizes = array("I")

    def add(self, docnum: int, items: list[tuple[bytes, int, float, bytes]]) -> None:
        """A document's postings, as ``field.index`` gives them."""
        vocabulary = self.vocabulary
        texts, _, weights, values = zip(*items, strict=True)
        self.terms.extend([vocabulary.setdefault(t, len(vocabulary)) for t in texts])
        self.docs.extend([docnum] * len(texts))
        self.weights.extend(weights)
        self.values += b"".join(values)
        self.sizes.extend(map(len, values))

    def write(self, writer, lengths: np.ndarray) -> None:
        """Every term's postings, terms in order, into a ``W3FieldWriter`` in its field
        (what was gathered is let go as it is put in order: one copy at a time)."""
        numbers = np.frombuffer(self.terms, dtype=np.uint32)
        order = np.argsort(numbers, kind="stable")  # by term, each term's postings in document order
        counts = np.bincount(numbers, minlength=len(self.vocabulary))
        del numbers
        ends = np.cumsum(counts)
        starts, ends = (ends - counts).tolist(), ends.tolist()
        docs = np.frombuffer(self.docs, dtype=np.uint32)[order]
        weights = np.frombuffer(self.weights, dtype=np.float64)[order]
        sizes = np.frombuffer(self.sizes, dtype=np.uint32)
        offsets = (np.cumsum(sizes, dtype=np.int64) - sizes)[order]
        sizes = sizes[order]
        del order
        values = bytes(self.values)  # a slice of bytes is bytes, as Whoosh's values are
        self.terms, self.docs, self.weights, self.values, self.sizes = (
            array("I"),
            array("I"),
            array("d"),
            bytearray(),
            array("I"),
        )
        for text in sorted(self.vocabulary):
            number = self.vocabulary[text]
            start, end = starts[number], ends[number]
            writer.start_term(text)
            spans = zip(offsets[start:end].tolist(), sizes[start:end].tolist(), strict=True)
            term_values = [values[o : o + n] for o, n in spans]
            _write_postings(writer._postwriter, docs[start:end], weights[start:end], term_values, lengths)
            writer.finish_term()


class SegmentBuilder:
    """The documents of one new segment, added one by one and written at ``finish``."""

    def __init__(self, folder: Path, schema, codec=None):
        for name, field in schema.items():
            if field.vector or field.separate_spelling():
                raise ValueError(f"field {name}: term vectors and spelling words are not written in bulk")
        self.storage = FileStorage(str(folder))
        self.schema = schema
        self.codec = codec or default_codec()
        self.segment = self.codec.new_segment(self.storage, INDEXNAME)
        self.perdoc = self.codec.per_document_writer(self.storage, self.segment)
        self.fields: dict[str, FieldPostings] = {}
        self.lengths: dict[str, array] = {}  # each document's length of a scorable field (0: none)
        self.docnum = 0
        self.postings = 0

    def add(self, fields: dict) -> None:
        """A document, as ``SegmentWriter.add_document`` takes it (no boosts)."""
        docnum = self.docnum
        self.perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = self.schema[name]
            length = self._index(name, field, value) if field.indexed else 0
            self.perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                self.perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        self.perdoc.finish_doc()
        self.docnum += 1

    def _index(self, name: str, field, value) -> int:
        """Gather a field's postings for the current document; its length (0 unless scorable)."""
        items = _postings(field, value)
        if not items:
            return 0
        self.fields.setdefault(name, FieldPostings()).add(self.docnum, items)
        self.postings += len(items)
        if not field.scorable:
            return 0
        length = sum(freq for _, freq, _, _ in items)
        lengths = self.lengths.setdefault(name, array("I"))
        lengths.extend([0] * (self.docnum + 1 - len(lengths)))
        lengths[self.docnum] = length
        return length

    def finish(self):
        """Write the segment's files; the segment, for the table of contents."""
        self.perdoc.close()
        self.segment.set_doc_count(self.docnum)
        writer = self.codec.field_writer(self.storage, self.segment)
        for name in sorted(self.fields):
            writer.start_field(name, self.schema[name])
            self.fields.pop(name).write(writer, _stored_lengths(self.lengths.get(name), self.docnum))
            writer.finish_field()
        writer.close()
        return self.segment


def _postings(field, value) -> list[tuple[bytes, int, float, bytes]]:
    """``field.index(value)``: from the analyzer's ``positions`` where it has them (the
    exact field: ``GramTokenizer.positions``; plain positions only), else through Whoosh's tokens."""
    analyzer, format_ = field.analyzer, field.format
    if not (isinstance(value, str) and type(format_) is Positions and hasattr(analyzer, "positions")):
        return list(field.index(value))
    boost = format_.field_boost
    found = analyzer.positions(value).items()
    return [(term.encode("utf-8"), len(p), len(p) * boost, format_.encode(p)) for term, p in found]


def _stored_lengths(lengths: array | None, count: int) -> np.ndarray:
    """Each document's field length as Whoosh's writer passes it with a posting: what
    the length column gives back (a byte's approximation), 0 for none."""
    if lengths is None:
        return np.zeros(count, dtype=np.int64)
    padded = list(lengths) + [0] * (count - len(lengths))
    return np.array([byte_to_length(b) if (b := length_to_byte(n)) else 0 for n in padded], dtype=np.int64)


def _write_postings(writer, docs: np.ndarray, weights: np.ndarray, values: list[bytes], lengths: np.ndarray) -> None:
    """A term's postings, a block at a time, into ``W3PostingsWriter`` between its
    ``start_postings`` and ``finish_postings``: the buffer and statistics its
    ``add_posting`` would have built (a full block is written before the next one
    starts, the last by ``finish_postings``)."""
    limit = writer._blocklimit
    for start in range(0, len(docs), limit):
        if start:
            writer._write_block()
        ids = docs[start : start + limit]
        block = weights[start : start + limit]
        writer._ids = array("I", ids.tobytes())
        writer._weights = array("f", block.astype(np.float32).tobytes())
        writer._maxweight = max(0, float(block.max()))
        writer._values = [v for v in values[start : start + limit] if v]
        found = lengths[ids]
        found = found[found > 0]
        writer._minlength = int(found.min()) if len(found) else None
        writer._maxlength = int(found.max()) if len(found) else 0


def commit(folder: Path, segments: list) -> None:
    """Publish the new segments in the index's table of contents, as Whoosh's writer does."""
    storage = FileStorage(str(folder))
    lock = storage.lock(f"{INDEXNAME}_WRITELOCK")
    lock.acquire(blocking=True)
    try:
        info = TOC.read(storage, INDEXNAME)
        generation = info.generation + 1
        everything = info.segments + segments
        TOC(info.schema, everything, generation).write(storage, INDEXNAME)
        clean_files(storage, INDEXNAME, generation, everything)
    finally:
        lock.release()
    shutil.rmtree(folder / f"{INDEXNAME}.tmp", ignore_errors=True)  # the per-document writers' temporary files
