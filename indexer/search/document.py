"""A report as data for its page: every paragraph with the query's matches (spans),
and its outline from the headings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from indexer.errors import QueryError
from indexer.ingest.headings import heading_label, heading_rank
from indexer.search.highlight import Span, match_spans
from indexer.search.prepare import SearchRequest, prepare
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

    def changed_since(self, number: int, cited: str) -> dict | None:
        """None when paragraph ``number`` still has the fingerprint ``cited`` (from a
        permalink); otherwise the notice's facts: the paragraph that now has the cited
        text (None when no paragraph has it any more)."""
        texts = {p.number: fingerprint(p.text) for p in self.paragraphs}
        if texts.get(number) == cited:
            return None
        return {"number": number, "now": next((n for n, f in texts.items() if f == cited), None)}


def fingerprint(text: str) -> str:
    """A paragraph's text as 8 hex digits (SHA-256). A permalink carries it beside the
    paragraph's number: when a rebuild or an update changes the report, a number that now
    points at other text is noticed, not silently shown."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


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
