"""The Whoosh schema: one record per paragraph.

``words`` (jieba words, stemmed English) ranks; ``exact`` (CJK unigrams+bigrams,
unstemmed words, with positions) matches phrases exactly; ``title`` adds to the
score. Every facet of ``indexer.facets`` is a column, read once per generation for
filtering and counting. What a page shows of a document (title, date, source …)
comes from the generation's documents.json, not from the paragraphs.
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import exact_analyzer, word_analyzer
from indexer.facets import FACETS
from indexer.index.analyse import AnalysedDocument
from indexer.model import Document

# Bump when cleaning, analysis, metadata or the schema change: the next build re-reads everything.
# 18: this round's branches each wrote 17 for a different change, merged here: expressions as units the
# corpus knows and their spread, every paragraph's words (tokens), stated targets, a zero-width-space
# line inside a paragraph.
# 19: a "+" is a token of its own (人工智能+ is found only with its symbol).
# 20: the words field and titles given to Whoosh already analysed, the paragraphs' words kept from that
# analysis (what is written is the same; the version marks the new build).
# 21: expressions without the fragments of longer names, verb phrases with their objects, and verbs
# with their results (降至, 汇聚起).
# 22: expressions without units that begin with a suffix (性/疫情) or hold the copula (一是/保持),
# without manner nouns before a verb (时刻/保持) or a word of a manner word and a verb first
# (大力发展/金融), and a two-character adjective before a unit is no attachment (壮大/耐心资本).
# 23: the counting columns read segment by segment (a segment without a city report has no city column;
# read through Whoosh's many-segment reader every city was unknown on the full corpus).
# 24: archive members' fingerprints and doc_ids in documents.json, so that an update reads only the
# members that changed.
# 25: a unit ending in a verb with a figure after it is a clause (事项超过/1000项).
PIPELINE_VERSION = 25


def make_schema() -> Schema:
    facets = {f.name: NUMERIC(int, sortable=True) if f.numeric else ID(sortable=True) for f in FACETS}
    return Schema(
        doc_id=ID(stored=True, sortable=True),
        paragraph=NUMERIC(int, stored=True),
        section=STORED(),
        title=TEXT(analyzer=word_analyzer(), phrase=False),
        source=ID(),
        words=TEXT(analyzer=word_analyzer(), phrase=False),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        text=STORED(),
        **facets,
    )


def paragraph_records(doc: Document, input_source: str, analysed: AnalysedDocument | None = None) -> list[dict]:
    """The index records of a document's paragraphs; ``input_source`` names the file
    read (an archive, for its members' documents), so that a rebuild can replace it.
    ``analysed``: the title's and paragraphs' word terms, given to Whoosh already
    analysed (``indexer.index.analyse``); without it Whoosh analyses the texts."""
    title = analysed.title_terms if analysed and doc.title else doc.title
    base: dict[str, object] = {"doc_id": doc.doc_id, "title": title, "source": input_source}
    base.update({name: value for name, value in doc.values.items() if value is not None})
    words = [a.terms for a in analysed.paragraphs] if analysed else [p.text for p in doc.paragraphs]
    return [
        {**base, "paragraph": p.number, "section": p.section, "words": w, "exact": p.text, "text": p.text}
        for p, w in zip(doc.paragraphs, words, strict=True)
    ]
