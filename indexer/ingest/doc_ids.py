"""Readable, unique document ids: ``2020-chongqing-work-report``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from indexer import cities
from indexer.ingest.doctype import title_kind
from indexer.model import Document
from indexer.places import by_short

_SLUG_STOP = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "held", "s"}


def make_doc_id(doc: Document) -> str:
    """Year, province (and city) slug, the kind of document (or title words), and the
    language when it is not Chinese (an English summary is not the report itself)."""
    province = by_short(str(doc.value("province") or ""))
    year = doc.value("year")
    city = cities.by_short(str(doc.value("city") or ""))
    parts = [str(year) if year else "undated", province.slug if province else "unknown", *([city.slug] if city else [])]
    kind = title_kind(doc.title)
    if kind is None:
        words = [w for w in re.findall(r"[a-z0-9]+", doc.title.lower()) if w not in _SLUG_STOP]
        skip = set(province.slug.split()) if province else set()
        kind = "-".join([w for w in words if w not in skip][:4]) or "document"
    lang = str(doc.value("lang") or "zh")
    return "-".join([*parts, kind, *([lang] if lang != "zh" else [])])


def assign_doc_ids(documents: Iterable[Document], taken: set[str]) -> None:
    """Give each document without an id a unique one (suffix -2, -3 … on collision)."""
    for doc in documents:
        if doc.doc_id and doc.doc_id not in taken:
            taken.add(doc.doc_id)
            continue
        if doc.doc_id:
            doc.warnings.append(f"manifest: doc_id {doc.doc_id!r} is taken; a new one was given")
        base = make_doc_id(doc)
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        doc.doc_id = candidate
        taken.add(candidate)
