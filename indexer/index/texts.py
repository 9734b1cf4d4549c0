"""Every paragraph's text and number, written once per generation and memory-mapped at
search time: the concordance reads every paragraph a query matches, and Whoosh's
stored fields give one in 50–115 µs (a compressed pickle to open), this file in ~5 µs.

``texts.u16`` holds the texts one after the other (UTF-16-LE: two bytes for each
Chinese character); paragraph ``d`` is code units ``offsets[d]:offsets[d + 1]`` of it
(``texts-offsets.npy``); ``paragraph-numbers.npy`` is each paragraph's number in its
report. A deleted paragraph is empty.
"""

from __future__ import annotations

import mmap
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from indexer import arrays

TEXTS = "texts.u16"
OFFSETS = "texts-offsets"  # .npy
NUMBERS = "paragraph-numbers"  # .npy
_UNIT = 2  # bytes per UTF-16 code unit


class TextFile:
    """A generation's paragraph texts and numbers, memory-mapped."""

    def __init__(self, path: Path, offsets: np.ndarray, numbers: np.ndarray):
        with open(path, "rb") as f:
            size = f.seek(0, 2)
            self._data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self.offsets = np.asarray(offsets)  # a plain array: no memmap per lookup
        self.numbers = np.asarray(numbers)

    def texts(self, docnums: np.ndarray) -> list[str]:
        starts, ends = self.offsets[docnums] * _UNIT, self.offsets[docnums + 1] * _UNIT
        data = self._data
        return [data[start:end].decode("utf-16-le") for start, end in zip(starts.tolist(), ends.tolist(), strict=True)]


def text_file_paths(generation: Path) -> list[Path]:
    """The files of a generation's text file: the texts, their offsets and numbers."""
    return [generation / TEXTS, *(arrays.path(generation, "", name) for name in (OFFSETS, NUMBERS))]


def load_texts(generation: Path) -> TextFile | None:
    """The generation's text file; None for a generation built before there was one."""
    saved = arrays.load(generation, "", (OFFSETS, NUMBERS))
    if saved is None or not (generation / TEXTS).exists():
        return None
    return TextFile(generation / TEXTS, saved[OFFSETS], saved[NUMBERS])


def save_texts(generation: Path) -> np.ndarray:
    """Write the text file from the index's stored fields, streaming; return each
    paragraph's length in characters (read in the same pass)."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        reader = searcher.reader()
        size = reader.doc_count_all()
        ends = np.zeros(size + 1, dtype=np.int64)  # ends[d + 1]: where paragraph d ends; 0 if deleted
        numbers = np.zeros(size, dtype=np.int32)
        characters = np.zeros(size, dtype=np.int32)
        position = 0
        with open(generation / TEXTS, "wb") as out:
            for docnum, fields in reader.iter_docs():  # in docnum order
                text = fields.get("text") or ""
                position += out.write(text.encode("utf-16-le")) // _UNIT
                ends[docnum + 1] = position
                numbers[docnum] = fields.get("paragraph") or 0
                characters[docnum] = len(text)
    # a deleted paragraph (0) starts and ends where the one before it ended
    arrays.save(generation, "", {OFFSETS: np.maximum.accumulate(ends), NUMBERS: numbers})
    return characters
