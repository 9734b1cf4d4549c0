"""How a generation's new documents are analysed and written into Whoosh.

A full build (``BulkWriting``): a worker process per core (two at most) analyses
the documents it is given and writes them into segments of its own, in bulk
(``indexer.index.segments``), handing each document's words back for the
collocations; the segments are published together in the table of contents. Both
cores analyse and write while this process reads the files.

An update (``WhooshWriting``): the stock Whoosh writer, which also deletes the
documents of removed and changed files from the live segments; the analysis runs in
worker processes (``Analysis``), the writing here.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import traceback
from functools import partial
from pathlib import Path

from whoosh.query import Or, Term

from indexer.index.analyse import IN_FLIGHT, AnalysedDocument, Analysis, Done, analyse_document
from indexer.index.schema import paragraph_records
from indexer.index.segments import SegmentBuilder, commit
from indexer.model import Document

SEGMENT_POSTINGS = 8_000_000  # a worker starts a new segment past this many postings (about 500 MB at its peak)
POLL_SECONDS = 1.0  # how often a wait for the workers checks that they are alive


class BulkWriting:
    """New documents analysed and written into new segments, by workers or here."""

    def __init__(self, folder: Path, schema, parallel: bool = True):
        """``parallel``: in a process per core (two at most), else here (a few files)."""
        self.folder = folder
        segment_postings = SEGMENT_POSTINGS
        self.local = None if parallel else SegmentWriting(folder, schema, segment_postings)
        self.workers: list[_Worker] = []
        if parallel:
            context = multiprocessing.get_context()
            outbox = context.Queue()
            count = min(2, os.cpu_count() or 1)
            self.workers = [_Worker(context, outbox, k, (folder, schema, segment_postings)) for k in range(count)]
            self.outbox = outbox
        self.waiting: dict[int, tuple[Document, Done]] = {}
        self.sent = 0

    def send(self, documents: list[Document], source: str, done: Done) -> None:
        """Analyse and write documents read from ``source``; each is handed to ``done``
        with its analysis (in the order the workers finish them)."""
        for doc in documents:
            if self.local is not None:
                done(doc, self.local.add(doc, source))
                continue
            worker = min(self.workers, key=lambda w: w.given)  # by what was given: the same split every build
            worker.give(self.sent, doc, source)
            self.waiting[self.sent] = (doc, done)
            self.sent += 1
        while len(self.waiting) > IN_FLIGHT:
            self._receive()

    def finish(self) -> None:
        """Hand on what is still waiting, then publish every segment written."""
        if self.local is not None:
            segments = self.local.finish()
        else:
            for worker in self.workers:
                worker.inbox.put(None)
            segments = []
            while any(w.segments is None for w in self.workers):
                self._receive()
            for worker in self.workers:
                worker.process.join()
                segments += worker.segments
        commit(self.folder, segments)

    def cancel(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
            worker.process.join()

    def _receive(self) -> None:
        """One message from the workers: a document analysed, a worker's segments, or its failure."""
        while True:
            try:
                message = self.outbox.get(timeout=POLL_SECONDS)
                break
            except queue.Empty:
                if any(not w.process.is_alive() and w.segments is None for w in self.workers):
                    raise RuntimeError("a writing worker stopped without a word") from None
        kind, key, payload = message
        if kind == "failed":
            raise RuntimeError(f"a writing worker failed:\n{payload}")
        if kind == "segments":
            self.workers[key].segments = payload
            return
        doc, done = self.waiting.pop(key)
        done(doc, payload)


class SegmentWriting:
    """Documents analysed and added to segments of their own, a new one past
    ``segment_postings`` postings (run in a worker process, or in the building one)."""

    def __init__(self, folder: Path, schema, segment_postings: int):
        self.folder, self.schema, self.limit = folder, schema, segment_postings
        self.builder = SegmentBuilder(folder, schema)
        self.segments: list = []

    def add(self, doc: Document, source: str) -> AnalysedDocument:
        analysed = analyse_document(doc.title or "", [p.text for p in doc.paragraphs])
        for record in paragraph_records(doc, source, analysed):
            self.builder.add(record)
        if self.builder.postings >= self.limit:
            self.segments.append(self.builder.finish())
            self.builder = SegmentBuilder(self.folder, self.schema)
        return analysed

    def finish(self) -> list:
        """Every segment written, the last one included (if it has documents)."""
        if self.builder.docnum:
            self.segments.append(self.builder.finish())
        return self.segments


class _Worker:
    """A writing worker process and what the building process knows of it."""

    def __init__(self, context, outbox, number: int, writing: tuple):
        """``number``: its place among the workers; ``writing``: ``SegmentWriting``'s arguments."""
        self.inbox = context.Queue()
        self.given = 0  # characters of the documents given
        self.segments: list | None = None  # known when it is done
        self.process = context.Process(target=_work, args=(self.inbox, outbox, number, writing), daemon=True)
        self.process.start()

    def give(self, key: int, doc: Document, source: str) -> None:
        self.given += sum(len(p.text) for p in doc.paragraphs)
        self.inbox.put((key, doc, source))


def _work(inbox, outbox, number: int, arguments: tuple) -> None:
    """A worker's loop: documents in, their analysis out; its segments when given None."""
    try:
        writing = SegmentWriting(*arguments)
        while (job := inbox.get()) is not None:
            key, doc, source = job
            outbox.put(("analysed", key, writing.add(doc, source)))
        outbox.put(("segments", number, writing.finish()))
    except BaseException:
        outbox.put(("failed", number, traceback.format_exc()))


class WhooshWriting:
    """An update: the stock writer deletes and adds; the analysis runs in workers."""

    def __init__(self, ix, parallel: bool = True):
        self.writer = ix.writer(limitmb=128, compound=False)
        self.analysis = Analysis(parallel=parallel)

    def delete(self, source: str) -> None:
        self.writer.delete_by_term("source", source)

    def delete_documents(self, doc_ids: set[str]) -> None:
        """Delete these documents' paragraphs (of an archive's changed and removed members)."""
        if doc_ids:
            self.writer.delete_by_query(Or([Term("doc_id", doc_id) for doc_id in sorted(doc_ids)]))

    def send(self, documents: list[Document], source: str, done: Done) -> None:
        self.analysis.send(documents, partial(_add, self.writer, source, done))

    def finish(self) -> None:
        self.analysis.finish()
        self.writer.commit()

    def cancel(self) -> None:
        self.analysis.cancel()
        self.writer.cancel()


def _add(writer, source: str, done: Done, doc: Document, analysed: AnalysedDocument) -> None:
    for record in paragraph_records(doc, source, analysed):
        writer.add_document(**record)
    done(doc, analysed)
