"""The data that flows from ingestion to the index: documents and their paragraphs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Paragraph:
    number: int  # 1-based within its document: the stable anchor #p<number>
    text: str
    section: list[str] = field(default_factory=list)  # heading path, outermost first


@dataclass
class Document:
    doc_id: str
    title: str
    province: str | None  # canonical short name (四川, 全国), None if unknown
    province_en: str | None
    year: int | None
    date: str | None  # ISO date when known
    lang: str  # zh / en
    source: str  # the input file the document came from
    source_part: str = ""  # where in that file: "#3" (JSONL record), "第一篇" (collection part)
    source_url: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def metadata(self) -> dict:
        """Everything but the paragraphs and warnings, plus the paragraph count."""
        data = asdict(self)
        del data["paragraphs"], data["warnings"]
        data["paragraphs"] = len(self.paragraphs)
        return data
