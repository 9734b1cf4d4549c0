"""A report as data for its page: every paragraph with the query's matches (spans),
and its outline from the headings."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.errors import QueryError
from indexer.ingest.headings import heading_label, heading_rank
from indexer.query.prepare import SearchRequest, prepare
from indexer.search.highlight import Span, match_spans
from indexer.search.snapshot import Snapshot


@dataclass
class ParagraphView:
    number: int
    text: str
    section: list[str]
    spans: list[Span]


@dataclass
class DocumentView:
    doc: dict  # metadata
    paragraphs: list[ParagraphView]
    outline: list[dict]  # {"paragraph", "label", "level"} of each heading
    matching_paragraphs: int


def document(snap: Snapshot, doc_id: str, q: str = "", literal: bool = False) -> DocumentView | None:
    """The report with ``q``'s matches (read as the search reads it, pinyin too), or
    None when there is no such report. A ``q`` that cannot be read only means nothing
    is marked."""
    meta = snap.documents.get(doc_id)
    if meta is None:
        return None
    try:
        targets = prepare(SearchRequest(q, literal=literal), snap).targets if q.strip() else []
    except QueryError:
        targets = []
    paragraphs, outline = [], []
    for fields in snap.paragraphs(doc_id):
        text = fields["text"]
        if (rank := heading_rank(text)) is not None:
            outline.append({"paragraph": fields["paragraph"], "label": heading_label(text), "level": rank})
        spans = match_spans(text, targets) if targets else []
        paragraphs.append(ParagraphView(fields["paragraph"], text, fields.get("section") or [], spans))
    matching = sum(bool(p.spans) for p in paragraphs)
    return DocumentView(meta, paragraphs, outline, matching)
