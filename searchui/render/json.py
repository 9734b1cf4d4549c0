"""Results as the JSON contract of the README (``/api/…`` and ``--json``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from indexer.facets import FACETS, facet
from indexer.index.build import BuildSummary
from indexer.search import DocumentView, HitPage, Summary
from indexer.search.document import ParagraphView
from indexer.search.facets import FacetValue
from indexer.search.kwic import KwicLine, KwicPage
from indexer.search.results import Hit
from searchui.render.cite import citation
from searchui.render.marks import snippet_html

DocUrl = Callable[[str, int], str]  # (doc_id, paragraph) → link to the paragraph
Permalink = Callable[[str, int, str], str]  # (doc_id, paragraph, its text) → the lasting link a citation names


def plain_doc_url(doc_id: str, paragraph: int) -> str:
    return f"/doc/{doc_id}#p{paragraph}"


def build_summary(s: BuildSummary) -> dict:
    """``index --json``: what the build holds and every file, member or record it
    did not index, with the reason."""
    return {
        "documents": s.documents,
        "paragraphs": s.paragraphs,
        "characters": s.characters,
        "seconds": round(s.seconds, 3),
        "files_read": s.files_read,
        "files_unchanged": s.files_unchanged,
        "members_unchanged": s.members_unchanged,
        "bytes_read": s.bytes_read,
        "generation": s.generation or None,
        "skipped": [{"path": path, "reason": reason} for path, reason in s.skipped],
        "warnings": [{"doc_id": doc_id, "message": message} for doc_id, message in s.warnings],
        "stages": [
            {"name": name, "seconds": round(t.seconds, 3), "cpu_seconds": round(t.cpu, 3)}
            for name, t in s.stages.items()
        ],
    }


def summary(s: Summary, ui: str = "en") -> dict:
    """What the result says; its notices with their code, values and text in ``ui``."""
    return {
        "query": s.query,
        "interpreted_query": s.interpreted_query,
        "notices": [notice.as_dict(ui) for notice in s.notices],
        "total": s.total,
        "total_documents": s.total_documents,
        "page": s.page,
        "per_page": s.per_page,
        "pinyin": [reading.as_dict() for reading in s.readings],
        "facets": {name: [facet_value(name, v) for v in values] for name, values in s.facets.items()},
    }


def facet_value(name: str, value: FacetValue) -> dict:
    entry = {"value": value.value, "count": value.count, "documents": value.documents, "selected": value.selected}
    declared = facet(name)
    if declared is not None and declared.english_field:
        entry["label_en"] = declared.label(value.value, "en") if value.value is not None else None
    if declared is not None and declared.breakdown:
        entry[f"documents_by_{declared.breakdown}"] = value.breakdown
    return entry


def doc_fields(doc: dict) -> dict:
    """A document's title and facet values (with their English labels)."""
    fields = {"doc_id": doc["doc_id"], "title": doc["title"]}
    for f in FACETS:
        fields[f.name] = doc.get(f.name)
        if f.english_field:
            fields[f"{f.name}_en"] = doc.get(f"{f.name}_en")
    return fields


def hit(h: Hit, doc_url: DocUrl = plain_doc_url) -> dict:
    return {
        **doc_fields(h.doc),
        "paragraph": h.paragraph,
        "section": h.section,
        "url": doc_url(h.doc["doc_id"], h.paragraph),
        "snippet": snippet_html(h.snippet),
        "score": h.score,
    }


def hit_page(page: HitPage, doc_url: DocUrl = plain_doc_url, ui: str = "en") -> dict:
    return {**summary(page.summary, ui), "hits": [hit(h, doc_url) for h in page.hits]}


def paragraph(doc: dict, p: ParagraphView, permalink: Permalink, accessed: dt.date) -> dict:
    """A paragraph with its citations; ``permalink`` makes the absolute link to it."""
    link = permalink(doc["doc_id"], p.number, p.text)
    return {
        "number": p.number,
        "text": p.text,
        "section": p.section,
        "citation": citation(doc, p.number, p.section, link, accessed),
    }


def document(view: DocumentView, permalink: Permalink, accessed: dt.date) -> dict:
    paragraphs = [paragraph(view.doc, p, permalink, accessed) for p in view.paragraphs]
    return {**view.doc, "outline": view.outline, "paragraphs": paragraphs}


def suggestions(q: str, found: list) -> dict:
    return {"query": q, "suggestions": [s.as_dict() for s in found]}


def kwic_page(page: KwicPage, doc_url: DocUrl = plain_doc_url, ui: str = "en") -> dict:
    """The concordance contract: one line per occurrence; ``notices`` say when time ran
    out before every matching paragraph was read (then ``total`` counts the lines found)."""
    return {
        "query": page.query,
        "notices": [notice.as_dict(ui) for notice in page.notices],
        "total": page.total,
        "page": page.page,
        "per_page": page.per_page,
        "sort": page.sort,
        "sort2": page.sort2,
        "width": page.width,
        "lines": [kwic_line(line, doc_url) for line in page.lines],
    }


def kwic_line(line: KwicLine, doc_url: DocUrl = plain_doc_url) -> dict:
    return {
        "doc_id": line.doc["doc_id"],
        "title": line.doc.get("title"),
        "province": line.doc.get("province"),
        "year": line.doc.get("year"),
        "paragraph": line.paragraph,
        "url": doc_url(line.doc["doc_id"], line.paragraph),
        "left": line.left,
        "match": line.match,
        "right": line.right,
    }
