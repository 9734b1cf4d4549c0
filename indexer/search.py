"""Running a search: one function builds the result as data; the CLI's text and JSON
outputs (and the web pages) only render it.

``SearchIndex`` is long-lived (one per process): it follows the index directory's
CURRENT pointer and opens the new generation after a rebuild — Whoosh's own
``up_to_date()`` cannot see a swapped directory. Facet counts come from per-
paragraph arrays (province, year, language, document) read once per generation
from the index columns, so counting any query's matches is a numpy bincount.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh.searching import Searcher

from indexer import store
from indexer.provinces import by_short
from indexer.query import FILTER_FIELDS, QueryError, build_query, highlight_targets, parse, parse_filter_value
from indexer.snippets import match_spans, snippet

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10


@dataclass
class SearchRequest:
    q: str
    provinces: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    lang: str | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE


class Snapshot:
    """One generation, opened: searcher, documents and facet arrays."""

    def __init__(self, generation: Path):
        self.generation = generation
        self.index = whoosh_index.open_dir(str(generation))
        self.searcher: Searcher = self.index.searcher()
        state = store.read_state(generation)
        self.documents = {d["doc_id"]: d for s in state["sources"].values() for d in s["documents"]}
        reader = self.searcher.reader()
        self.provinces, self.province_of = _codes(reader.column_reader("province"))
        self.langs, self.lang_of = _codes(reader.column_reader("lang"))
        self.doc_ids, self.doc_of = _codes(reader.column_reader("doc_id"))
        self.year_of = np.fromiter(reader.column_reader("year"), dtype=np.int32)
        self.lock = threading.Lock()

    def close(self) -> None:
        self.searcher.close()


def _codes(column) -> tuple[list, np.ndarray]:
    """Distinct values and each paragraph's value as an index into them."""
    values: dict = {}
    codes = np.fromiter((values.setdefault(v, len(values)) for v in column), dtype=np.int32)
    return list(values), codes


class SearchIndex:
    def __init__(self, root: Path):
        self.root = root
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """The live generation, reopened when a rebuild has swapped it."""
        generation = store.require_generation(self.root)
        with self._lock:
            if self._snapshot is None or self._snapshot.generation != generation:
                self._snapshot = Snapshot(generation)  # the old one closes when unreferenced
            return self._snapshot

    def documents(self) -> list[dict]:
        return list(self.snapshot().documents.values())


def search(index: SearchIndex, request: SearchRequest) -> dict:
    """The search result object (the JSON contract in the README)."""
    if request.page < 1:
        raise QueryError("page must be 1 or more.")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}.")
    parsed = parse(request.q)
    filters = {name: list(values) for name, values in parsed.filters.items()}
    for name, values in (("province", request.provinces), ("year", request.years), ("lang", [request.lang])):
        for value in values:
            if value:
                parsed_value = parse_filter_value(name, str(value))
                if parsed_value not in filters.setdefault(name, []):
                    filters[name].append(parsed_value)
    snap = index.snapshot()
    with snap.lock:
        query = build_query(parsed)
        matched = np.fromiter(snap.searcher.docs_for_query(query), dtype=np.int64)
        masks = {name: _filter_mask(snap, name, values, matched) for name, values in filters.items() if values}
        selected = np.ones(len(matched), dtype=bool)
        for mask in masks.values():
            selected &= mask
        allowed = matched[selected]
        facets = {name: _facet(snap, name, matched, masks, filters.get(name, [])) for name in FILTER_FIELDS}
        start = (request.page - 1) * request.per_page
        hits = []
        if len(allowed) and start < len(allowed):
            results = snap.searcher.search(
                query, limit=start + request.per_page, filter=set(allowed.tolist()), terms=False
            )
            targets = highlight_targets(parsed.root)
            hits = [_hit(snap, hit, targets) for hit in results[start : start + request.per_page]]
    return {
        "query": request.q,
        "interpreted_query": _interpreted(parsed, filters),
        "notices": parsed.notices,
        "total": len(allowed),
        "total_documents": len(np.unique(snap.doc_of[allowed])),
        "page": request.page,
        "per_page": request.per_page,
        "facets": facets,
        "hits": hits,
    }


def _interpreted(parsed, filters: dict[str, list]) -> str:
    parsed.filters = filters
    return parsed.interpreted()


def _filter_mask(snap: Snapshot, name: str, values: list, matched: np.ndarray) -> np.ndarray:
    if name == "year":
        years = snap.year_of[matched]
        mask = np.zeros(len(matched), dtype=bool)
        for lo, hi in values:
            mask |= (years >= lo) & (years <= hi)
        return mask
    values_list, codes = (snap.provinces, snap.province_of) if name == "province" else (snap.langs, snap.lang_of)
    wanted = [values_list.index(v) for v in values if v in values_list]
    return np.isin(codes[matched], wanted)


def _facet(snap: Snapshot, name: str, matched: np.ndarray, masks: dict, selected: list) -> list[dict]:
    """Counts for each value under every filter except this facet's own (so that
    choosing a second province shows how many it adds)."""
    keep = np.ones(len(matched), dtype=bool)
    for other, mask in masks.items():
        if other != name:
            keep &= mask
    docs = matched[keep]
    if name == "year":
        values, codes = None, snap.year_of[docs]
    else:
        values, codes = (
            (snap.provinces, snap.province_of[docs]) if name == "province" else (snap.langs, snap.lang_of[docs])
        )
    paragraph_counts = np.bincount(codes) if len(codes) else np.array([], dtype=np.int64)
    pairs = np.unique(np.stack([codes, snap.doc_of[docs]]), axis=1) if len(docs) else np.empty((2, 0), int)
    document_counts = np.bincount(pairs[0], minlength=len(paragraph_counts)) if pairs.size else paragraph_counts
    out = []
    for code in np.nonzero(paragraph_counts)[0]:
        value = int(code) if values is None else values[code]
        if value in ("", 0):  # paragraphs with no province / year
            value = None
        entry = {"value": value, "count": int(paragraph_counts[code]), "documents": int(document_counts[code])}
        entry["selected"] = any(_selects(name, v, value) for v in selected)
        if name == "province":
            province = by_short(value)
            entry["label_en"] = province.en if province else None
        out.append(entry)
    if name == "year":
        return sorted(out, key=lambda e: e["value"] or 0, reverse=True)
    return sorted(out, key=lambda e: (-e["count"], str(e["value"])))


def _selects(name: str, selected, value) -> bool:
    if name == "year":
        lo, hi = selected
        return value is not None and lo <= value <= hi
    return selected == value


def _hit(snap: Snapshot, hit, targets) -> dict:
    fields = hit.fields()
    text = fields["text"]
    lang = fields.get("lang", "zh")
    doc_id = fields["doc_id"]
    return {
        "doc_id": doc_id,
        "title": fields.get("title"),
        "province": fields.get("province"),
        "province_en": fields.get("province_en"),
        "year": fields.get("year"),
        "lang": lang,
        "paragraph": fields["paragraph"],
        "section": fields.get("section") or [],
        "url": f"/doc/{doc_id}#p{fields['paragraph']}",
        "snippet": snippet(text, match_spans(text, targets), lang),
        "score": round(float(hit.score), 4),
    }
