"""A generation's reports' paragraphs in order, read from its text file
(``indexer.index.texts``) by its doc_id column (``indexer.index.columns``): what the
expressions step and the views of a report's vocabulary read, where Whoosh's stored
fields cost a compressed pickle a paragraph."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np

from indexer.index.columns import DOC, Column, load_columns
from indexer.index.texts import TextFile, load_texts


class ReportTexts:
    """Every report's paragraphs, by report and then paragraph number."""

    def __init__(self, texts: TextFile, reports: Column):
        """``reports``: the generation's doc_id column."""
        self.texts = texts
        self.code_of = {doc_id: code for code, doc_id in enumerate(reports.values)}
        self.order = np.lexsort((texts.numbers, reports.codes))  # by report, then paragraph number
        self.starts = np.searchsorted(np.asarray(reports.codes)[self.order], np.arange(len(reports.values) + 1))

    @classmethod
    def open(cls, generation: Path) -> ReportTexts:
        texts = load_texts(generation)
        if texts is None:
            raise FileNotFoundError(f"{generation} has no text file: save its columns first")
        return cls(texts, load_columns(generation)[DOC])

    def paragraphs(self, doc_ids: list[str]) -> Iterator[tuple[str, list[str], np.ndarray]]:
        """Each report's paragraphs in order, as stored (the deleted ones left out), and
        their numbers in the text file (its docnums)."""
        for doc_id in doc_ids:
            code = self.code_of[doc_id]
            docnums = self.order[self.starts[code] : self.starts[code + 1]]
            paragraphs = self.texts.texts(docnums)
            kept = [k for k, t in enumerate(paragraphs) if t]  # deleted ones are empty
            yield doc_id, [paragraphs[k] for k in kept], docnums[kept]

    def numbered(self, doc_id: str) -> list[tuple[int, str]]:
        """A report's paragraphs as (paragraph number, text), in order (none: no such report)."""
        if doc_id not in self.code_of:
            return []
        _, paragraphs, docnums = next(self.paragraphs([doc_id]))
        return list(zip(self.texts.numbers[docnums].tolist(), paragraphs, strict=True))
