"""One input file → its documents: read → clean → split into reports → date lines
taken out → metadata → paragraphs, with the manifest's fields applied."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from indexer.ingest import readers
from indexer.ingest.clean import clean_lines
from indexer.ingest.datelines import take_datelines
from indexer.ingest.manifest import Overrides, apply_overrides, manifest_title
from indexer.ingest.metadata import detect
from indexer.ingest.paragraphs import build_paragraphs
from indexer.ingest.readers import ReadError
from indexer.ingest.split import split_parts
from indexer.model import Document


@dataclass
class FileResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # parts skipped, with reasons


def documents_from_file(path: Path, source: str, overrides: Overrides | None = None) -> FileResult:
    """All documents in a file. Raises ReadError when nothing in it can be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    return documents_from_bytes(data, path.name, source, overrides)


def documents_from_bytes(data: bytes, name: str, source: str, overrides: Overrides | None = None) -> FileResult:
    """All documents in the bytes of a file called ``name`` (on disk or in an archive)."""
    texts, problems = readers.read(data, name)
    result = FileResult(problems=[str(p) for p in problems])
    for text in texts:
        lines = clean_lines(text.text, text.breaks)
        for part in split_parts(lines):
            body, dateline = take_datelines(part.lines)
            if not body:
                result.problems.append(f"{text.part or part.label or 'text'}: nothing left after cleaning")
                continue
            part_name = part.label or text.part
            hints = {
                **text.hints,
                "dateline": dateline or text.hints.get("dateline"),
                "path": source,
                **manifest_title(overrides or {}, part_name),
            }
            detected = detect(body, part.header, hints)
            result.documents.append(
                Document(
                    doc_id="",
                    title=detected.title,
                    date=detected.date,
                    source=source,
                    source_part=part_name,
                    source_url=str(text.hints.get("url") or "") or None,
                    values=detected.values,
                    paragraphs=build_paragraphs(body, text.headings),
                    warnings=detected.warnings,
                    year_note=detected.year_note,
                )
            )
    if not result.documents:
        raise ReadError("no text left after removing boilerplate")
    apply_overrides(result.documents, overrides or {})
    return result
