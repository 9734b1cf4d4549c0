"""The data that flows from ingestion to the index: documents and their paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.facets import FACETS


@dataclass
class Paragraph:
    number: int  # 1-based within its document: the stable anchor #p<number>
    text: str
    section: list[str] = field(default_factory=list)  # heading path, outermost first


@dataclass
class Document:
    doc_id: str
    title: str
    date: str | None  # ISO date when known
    source: str  # the input file the document came from
    source_part: str = ""  # where in that file: "#3" (JSONL record), "第一篇" (collection part)
    source_url: str | None = None
    values: dict[str, object] = field(default_factory=dict)  # facet name → value (see indexer.facets)
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    year_note: dict | None = None  # the source names another year: {"source_year", "given", "reviews"}

    def value(self, name: str) -> object:
        return self.values.get(name)

    def metadata(self) -> dict:
        """What the document list and pages show: every field but the paragraphs and
        warnings, its facet values (with English labels where a facet has them) and the
        paragraph count."""
        data: dict[str, object] = {"doc_id": self.doc_id, "title": self.title}
        for facet in FACETS:
            value = self.values.get(facet.name)
            data[facet.name] = value
            if facet.english_field:
                data[f"{facet.name}_en"] = facet.label(value, "en") if value is not None else None
        data.update(date=self.date, source=self.source, source_part=self.source_part, source_url=self.source_url)
        data["paragraphs"] = len(self.paragraphs)
        data["year_note"] = self.year_note
        return data
