"""The per-paragraph columns a search filters, counts and scores by (each facet, the
document a paragraph belongs to, the length of each scored field), written once per
generation as numpy arrays: reading them out of Whoosh value by value took 2.8 s on
the full corpus at every start; loaded from here (memory-mapped) they cost nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from indexer import arrays
from indexer.facets import FACETS
from indexer.index.texts import save_texts

FILE = "columns.json"  # the distinct values; the codes are columns-<name>.npy
CODES = "columns-"
DOC = "doc_id"
SCORED_FIELDS = ("exact", "words", "title")  # their lengths are lengths-<field>.npy
LENGTHS = "lengths-"
CHARACTERS = "characters"  # characters.npy: each paragraph's stored text length, for rates per 10,000 characters


@dataclass
class Column:
    """A per-paragraph column: its distinct values (None: unknown) and each paragraph's
    value as an index into them, in the index's document order."""

    values: list
    codes: np.ndarray

    @classmethod
    def read(cls, raw_values, size: int, convert=lambda v: v) -> Column:
        """``size`` values, one per paragraph (fewer or more would put values on the wrong paragraphs)."""
        index: dict = {}
        codes = np.fromiter((index.setdefault(convert(v), len(index)) for v in raw_values), dtype=np.int32)
        if len(codes) != size:
            raise ValueError(f"a column of {len(codes):,} values for {size:,} paragraphs")
        return cls(list(index), codes)


def read_columns(generation: Path) -> dict[str, Column]:
    """The columns from the Whoosh index itself (the slow way)."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        reader = searcher.reader()
        size = reader.doc_count_all()
        columns = {DOC: Column.read(column_values(reader, DOC), size)}
        columns.update({f.name: Column.read(column_values(reader, f.name), size, f.from_column) for f in FACETS})
    return columns


def column_values(reader, name: str) -> Iterator:
    """Every paragraph's value of a column, segment by segment. Whoosh's own reader of a
    many-segment index leaves out the segments that have no file for the column (a
    segment without one city report has no ``city`` column), so the values it gives
    would be too few and out of place; a segment's own reader gives the default value
    for each of its paragraphs instead."""
    for segment, _ in reader.leaf_readers():
        yield from segment.column_reader(name)


def read_lengths(generation: Path) -> dict[str, np.ndarray]:
    """Each scored field's length in every paragraph, as BM25 reads it (Whoosh keeps
    one byte per paragraph, a rounded length; 0 where the field is empty)."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        reader = searcher.reader()
        size = reader.doc_count_all()
        return {
            name: np.fromiter((reader.doc_field_length(d, name, 0) or 0 for d in range(size)), np.int32, size)
            for name in SCORED_FIELDS
        }


def save_columns(generation: Path) -> None:
    columns = read_columns(generation)
    arrays.save(generation, CODES, {name: column.codes for name, column in columns.items()})
    values = {name: column.values for name, column in columns.items()}
    (generation / FILE).write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    arrays.save(generation, LENGTHS, read_lengths(generation))
    arrays.save(generation, "", {CHARACTERS: save_texts(generation)})  # the paragraphs' texts, in the same pass


def read_characters(generation: Path) -> np.ndarray:
    """Each paragraph's text length in characters (0 for a deleted paragraph)."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        reader = searcher.reader()
        characters = np.zeros(reader.doc_count_all(), dtype=np.int32)
        for docnum, fields in reader.iter_docs():
            characters[docnum] = len(fields.get("text") or "")
    return characters


def load_characters(generation: Path) -> np.ndarray:
    """The paragraphs' text lengths, memory-mapped; read from the index when a generation has none."""
    saved = arrays.load(generation, "", (CHARACTERS,))
    return read_characters(generation) if saved is None else saved[CHARACTERS]


def load_columns(generation: Path) -> dict[str, Column]:
    """The generation's columns, memory-mapped; read from the index when a generation has none."""
    path = generation / FILE
    values = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    codes = arrays.load(generation, CODES, values) if values else None
    if codes is None:
        return read_columns(generation)
    return {name: Column(v, codes[name]) for name, v in values.items()}


def load_lengths(generation: Path) -> dict[str, np.ndarray]:
    """The scored fields' lengths, memory-mapped; read from the index when a generation has none."""
    saved = arrays.load(generation, LENGTHS, SCORED_FIELDS)
    return read_lengths(generation) if saved is None else saved
