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
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.searching import Searcher

from indexer import store
from indexer.headings import heading_label, heading_rank
from indexer.lexicon import Lexicon
from indexer.pinyin_query import Reading, read_pinyin
from indexer.provinces import by_short
from indexer.query import (
    FILTER_FIELDS,
    ParsedQuery,
    QueryError,
    Text,
    build_query,
    highlight_targets,
    parse,
    parse_filter_value,
)
from indexer.snippets import mark, match_spans, snippet

MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 10
PARAGRAPHS_PER_REPORT = 3
MAX_EXPORT_ROWS = 10_000
SORTS = ("relevance", "year")
MIN_YEAR, MAX_YEAR = 1900, 2200  # a stored year outside these is "unknown" (Whoosh stores a missing one as 2**31-1)
CACHED_QUERIES = 64


@dataclass
class SearchRequest:
    q: str
    provinces: list[str] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    lang: str | None = None
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    literal: bool = False  # True: never read Latin words as pinyin


class Snapshot:
    """One generation, opened: a searcher per thread, documents and facet arrays."""

    def __init__(self, generation: Path):
        self.generation = generation
        self.index = whoosh_index.open_dir(str(generation))
        self._local = threading.local()
        state = store.read_state(generation)
        self.documents = {d["doc_id"]: d for s in state["sources"].values() for d in s["documents"]}
        reader = self.searcher.reader()
        self.provinces, self.province_of = _codes(reader.column_reader("province"))
        self.langs, self.lang_of = _codes(reader.column_reader("lang"))
        self.doc_ids, self.doc_of = _codes(reader.column_reader("doc_id"))
        years = np.fromiter(reader.column_reader("year"), dtype=np.int64)
        self.year_of = np.where((years >= MIN_YEAR) & (years <= MAX_YEAR), years, 0)  # 0: unknown
        self._cache_lock = threading.Lock()
        self._lexicon_lock = threading.Lock()
        self._lexicon: Lexicon | None = None
        self._scored: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    @property
    def searcher(self) -> Searcher:
        """This thread's searcher: Whoosh searchers are not shared between threads,
        so one long query does not hold up the others."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self.index.searcher()
        return searcher

    def scored(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """Every paragraph matching ``query`` and its score, in one pass over the
        index; the last CACHED_QUERIES results are kept, since paging, facet clicks,
        the CSV export and the document page ask for the same text query again."""
        key = repr(query)
        with self._cache_lock:
            if key in self._scored:
                self._scored.move_to_end(key)
                return self._scored[key]
        docnums: list[int] = []
        scores: list[float] = []
        searcher = self.searcher
        context = searcher.context()
        for subsearcher, offset in searcher.leaf_searchers():
            matcher = query.matcher(subsearcher, context)
            while matcher.is_active():
                docnums.append(offset + matcher.id())
                scores.append(matcher.score())
                matcher.next()
        result = (np.array(docnums, dtype=np.int64), np.array(scores, dtype=np.float64))
        with self._cache_lock:
            self._scored[key] = result
            if len(self._scored) > CACHED_QUERIES:
                self._scored.popitem(last=False)
        return result

    @property
    def lexicon(self) -> Lexicon:
        """The pinyin lexicon, loaded on first use."""
        with self._lexicon_lock:
            if self._lexicon is None:
                self._lexicon = Lexicon.load(self.generation)
            return self._lexicon

    def english_hits(self, word: str) -> int:
        """Paragraphs containing a word as written (the pinyin reader's rival reading)."""
        return self.searcher.doc_frequency("exact", word)

    def forget_cached_queries(self) -> None:
        with self._cache_lock:
            self._scored.clear()

    def stored(self, docnum: int) -> dict:
        return self.searcher.stored_fields(docnum)

    def paragraphs(self, doc_id: str) -> list[dict]:
        return sorted(self.searcher.documents(doc_id=doc_id), key=lambda f: f["paragraph"])


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
        """Every document's metadata, newest first, then by province."""
        return sorted(
            self.snapshot().documents.values(), key=lambda d: (-(d["year"] or 0), d["province"] or "", d["doc_id"])
        )


@dataclass
class Matches:
    """A query run against one snapshot: every matching paragraph, before paging."""

    request: SearchRequest
    parsed: ParsedQuery
    snap: Snapshot
    allowed: np.ndarray  # docnums matching the query and every filter, best first
    scores: np.ndarray  # their scores
    facets: dict[str, list[dict]]
    pinyin: list[Reading]  # Latin words read as pinyin (or that could have been)

    @property
    def targets(self) -> list[Text]:
        return highlight_targets(self.parsed.root)

    def header(self) -> dict:
        """The parts of every result object that do not depend on paging."""
        return {
            "query": self.request.q,
            "interpreted_query": self.parsed.interpreted(),
            "notices": self.parsed.notices,
            "total": len(self.allowed),
            "total_documents": len(np.unique(self.snap.doc_of[self.allowed])),
            "page": self.request.page,
            "per_page": self.request.per_page,
            "pinyin": [reading.as_dict() for reading in self.pinyin],
            "facets": self.facets,
        }

    def hit(self, index: int) -> dict:
        """The result entry of the index-th best paragraph, with its snippet."""
        fields = self.snap.stored(int(self.allowed[index]))
        entry = _hit_fields(fields)
        entry["snippet"] = snippet(fields["text"], match_spans(fields["text"], self.targets), entry["lang"])
        entry["score"] = round(float(self.scores[index]), 4)
        return entry


def match(index: SearchIndex, request: SearchRequest) -> Matches:
    """Parse, check and run a request; facets count under every filter but their own."""
    if request.page < 1:
        raise QueryError("page must be 1 or more.")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise QueryError(f"per_page must be between 1 and {MAX_PER_PAGE}.")
    parsed = parse(request.q)
    for name, values in (("province", request.provinces), ("year", request.years), ("lang", [request.lang])):
        for value in filter(None, values):
            parsed_value = parse_filter_value(name, str(value))
            if parsed_value not in parsed.filters.setdefault(name, []):
                parsed.filters[name].append(parsed_value)
    parsed.filters = filters = {name: values for name, values in parsed.filters.items() if values}
    snap = index.snapshot()
    readings = [] if request.literal else read_pinyin(parsed, snap.lexicon, snap.english_hits)
    matched, scores = snap.scored(build_query(parsed))
    masks = {name: _filter_mask(snap, name, values, matched) for name, values in filters.items()}
    selected = np.ones(len(matched), dtype=bool)
    for mask in masks.values():
        selected &= mask
    facets = {name: _facet(snap, name, matched, masks, filters.get(name, [])) for name in FILTER_FIELDS}
    order = np.argsort(-scores[selected], kind="stable")
    return Matches(request, parsed, snap, matched[selected][order], scores[selected][order], facets, readings)


def search(index: SearchIndex, request: SearchRequest) -> dict:
    """The search result object (the JSON contract in the README): paragraphs by score."""
    found = match(index, request)
    start = (request.page - 1) * request.per_page
    end = min(start + request.per_page, len(found.allowed))
    return {**found.header(), "hits": [found.hit(i) for i in range(start, end)]}


def search_reports(index: SearchIndex, request: SearchRequest, sort: str = "relevance") -> dict:
    """Results grouped by report, ``per_page`` reports a page, each with its best
    ``PARAGRAPHS_PER_REPORT`` paragraphs and how many of its paragraphs match.
    ``sort`` is ``relevance`` (a report ranks by its best paragraph) or ``year``."""
    if sort not in SORTS:
        raise QueryError(f"sort must be one of: {', '.join(SORTS)}.")
    found = match(index, request)
    snap = found.snap
    doc_of = snap.doc_of[found.allowed]  # best paragraph first
    docs, first, counts = np.unique(doc_of, return_index=True, return_counts=True)
    if sort == "year":
        years = np.array([_doc_year(snap, int(d)) for d in docs], dtype=np.int64)
        order = np.lexsort((first, -counts, -years))
    else:
        order = np.argsort(first, kind="stable")
    start = (request.page - 1) * request.per_page
    reports = []
    for k in order[start : start + request.per_page]:
        best = np.flatnonzero(doc_of == docs[k])[:PARAGRAPHS_PER_REPORT]
        reports.append(_report(found, int(docs[k]), [found.hit(int(i)) for i in best], int(counts[k])))
    header = found.header()
    header["pages"] = max(1, -(-header["total_documents"] // request.per_page))
    return {**header, "sort": sort, "reports": reports}


def matching_paragraphs(index: SearchIndex, request: SearchRequest, limit: int = MAX_EXPORT_ROWS) -> list[dict]:
    """Every matching paragraph (best first, at most ``limit``) with its full text."""
    found = match(index, request)
    rows = []
    for docnum in found.allowed[:limit]:
        fields = found.snap.stored(int(docnum))
        rows.append({**_hit_fields(fields), "text": fields["text"]})
    return rows


MAX_SUGGEST_CHARS = 100


def suggest(index: SearchIndex, q: str, limit: int = 10) -> dict:
    """Corpus terms starting with what is typed: pinyin (``shuangch``), initials
    (``scj``), Chinese (``双城``) or a mix; most frequent first."""
    found = [] if len(q) > MAX_SUGGEST_CHARS else index.snapshot().lexicon.read(q, limit=limit, prefix=True)
    return {"query": q, "suggestions": [s.as_dict() for s in found]}


def document(index: SearchIndex, doc_id: str, q: str = "") -> dict | None:
    """A report with every paragraph (highlighted for ``q``) and its outline, or None.
    A ``q`` that cannot be read only means nothing is highlighted."""
    snap = index.snapshot()
    meta = snap.documents.get(doc_id)
    if meta is None:
        return None
    try:
        targets = highlight_targets(parse(q).root) if q.strip() else []
    except QueryError:
        targets = []
    paragraphs, outline, matched = [], [], 0
    for fields in snap.paragraphs(doc_id):
        spans = match_spans(fields["text"], targets) if targets else []
        matched += bool(spans)
        rank = heading_rank(fields["text"])
        if rank is not None:
            outline.append({"paragraph": fields["paragraph"], "label": heading_label(fields["text"]), "level": rank})
        paragraphs.append(
            {
                "number": fields["paragraph"],
                "text": fields["text"],
                "section": fields.get("section") or [],
                "html": mark(fields["text"], spans),
                "matches": len(spans),
            }
        )
    return {**meta, "paragraphs": paragraphs, "outline": outline, "matching_paragraphs": matched}


def _doc_year(snap: Snapshot, doc: int) -> int:
    return snap.documents.get(snap.doc_ids[doc], {}).get("year") or 0


def _report(found: Matches, doc: int, hits: list[dict], matches: int) -> dict:
    meta = found.snap.documents[found.snap.doc_ids[doc]]
    return {
        **{k: meta.get(k) for k in ("doc_id", "title", "province", "province_en", "year", "date", "lang")},
        "matches": matches,
        "hits": hits,
    }


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
        values, codes = np.unique(snap.year_of[docs], return_inverse=True)
        values = [int(v) for v in values]
    else:
        values, codes = (
            (snap.provinces, snap.province_of[docs]) if name == "province" else (snap.langs, snap.lang_of[docs])
        )
    paragraph_counts = np.bincount(codes) if len(codes) else np.array([], dtype=np.int64)
    pairs = np.unique(np.stack([codes, snap.doc_of[docs]]), axis=1) if len(docs) else np.empty((2, 0), int)
    document_counts = np.bincount(pairs[0], minlength=len(paragraph_counts)) if pairs.size else paragraph_counts
    out = []
    for code in np.nonzero(paragraph_counts)[0]:
        value = values[code]
        if value in ("", 0):  # paragraphs with no province / year
            value = None
        entry = {"value": value, "count": int(paragraph_counts[code]), "documents": int(document_counts[code])}
        entry["selected"] = any(filter_selects(name, v, value) for v in selected)
        if name == "province":
            province = by_short(value)
            entry["label_en"] = province.en if province else None
        out.append(entry)
    if name == "year":
        return sorted(out, key=lambda e: e["value"] or 0, reverse=True)
    return sorted(out, key=lambda e: (-e["count"], str(e["value"])))


def filter_selects(name: str, selected, value) -> bool:
    """Does a parsed filter value (四川; a year range (lo, hi); zh) select a facet value?"""
    if name == "year":
        lo, hi = selected
        return value is not None and lo <= value <= hi
    return selected == value


def _hit_fields(fields: dict) -> dict:
    doc_id = fields["doc_id"]
    return {
        "doc_id": doc_id,
        "title": fields.get("title"),
        "province": fields.get("province"),
        "province_en": fields.get("province_en"),
        "year": fields.get("year"),
        "lang": fields.get("lang", "zh"),
        "paragraph": fields["paragraph"],
        "section": fields.get("section") or [],
        "url": f"/doc/{doc_id}#p{fields['paragraph']}",
    }
