"""The Whoosh schema: one record per paragraph.

``words`` (jieba words, stemmed English) ranks; ``exact`` (CJK unigrams+bigrams,
unstemmed words, with positions) matches phrases exactly; province, year and lang
are facets, read from their columns.
"""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from indexer.analysis import exact_analyzer, word_analyzer

# Bump when cleaning, analysis or the schema change: the next build re-reads everything.
PIPELINE_VERSION = 5


def make_schema() -> Schema:
    return Schema(
        doc_id=ID(stored=True, sortable=True),
        paragraph=NUMERIC(int, stored=True),
        section=STORED(),
        title=TEXT(analyzer=word_analyzer(), stored=True, phrase=False),
        province=ID(stored=True, sortable=True),
        province_en=STORED(),
        year=NUMERIC(int, stored=True, sortable=True),
        lang=ID(stored=True, sortable=True),
        source=ID(stored=True),
        words=TEXT(analyzer=word_analyzer(), phrase=False),
        exact=TEXT(analyzer=exact_analyzer(), phrase=True),
        text=STORED(),
    )


def paragraph_records(doc) -> list[dict]:
    """The index records of a document's paragraphs."""
    base = {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "lang": doc.lang,
        "source": doc.source,
        "province_en": doc.province_en,
    }
    if doc.province:
        base["province"] = doc.province
    if doc.year:
        base["year"] = doc.year
    return [
        {**base, "paragraph": p.number, "section": p.section, "words": p.text, "exact": p.text, "text": p.text}
        for p in doc.paragraphs
    ]
