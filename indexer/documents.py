"""One input file → its documents: read → clean → split into reports → metadata →
paragraphs, with manifest overrides applied and readable doc ids assigned.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from indexer import readers
from indexer.clean import clean_lines
from indexer.metadata import detect, valid_year
from indexer.model import Document
from indexer.paragraphs import build_paragraphs
from indexer.provinces import by_short, resolve
from indexer.readers import ReadError
from indexer.split import split_parts

MANIFEST_NAME = "manifest.toml"
LANGS = ("zh", "en")


@dataclass
class FileResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # parts skipped, with reasons


def documents_from_file(path: Path, source: str, overrides: dict[str, dict] | None = None) -> FileResult:
    """All documents in a file. Raises ReadError when nothing in it can be read."""
    texts, problems = readers.read(path)
    result = FileResult(problems=[str(p) for p in problems])
    for text in texts:
        lines = clean_lines(text.text, text.breaks)
        for part in split_parts(lines):
            detected = detect(part.lines, part.header, text.hints)
            if not detected.lines:
                result.problems.append(f"{text.part or part.label or 'text'}: nothing left after cleaning")
                continue
            doc = Document(
                doc_id="",
                title=detected.title,
                province=detected.province.short if detected.province else None,
                province_en=detected.province.en if detected.province else None,
                year=detected.year,
                date=detected.date,
                lang=detected.lang,
                source=source,
                source_part=part.label or text.part,
                source_url=str(text.hints.get("url") or "") or None,
                paragraphs=build_paragraphs(detected.lines),
                warnings=detected.warnings,
            )
            result.documents.append(doc)
    if not result.documents:
        raise ReadError("no text left after removing boilerplate")
    _apply_overrides(result.documents, overrides or {})
    return result


def _apply_overrides(documents: list[Document], overrides: dict[str, dict]) -> None:
    """Manifest fields: a key ``""`` applies to every document of the file, ``"#3"``
    (a JSONL record) or ``"第一篇"`` (a collection part) to one. A value that is not
    valid is reported as a warning and the detected value kept."""
    for doc in documents:
        fields = {**overrides.get("", {}), **overrides.get(doc.source_part, {})}
        if not fields:
            continue
        detected = [w for w in doc.warnings if not any(name in w for name in fields)]
        problems = [problem for name, value in fields.items() if (problem := _override(doc, name, value))]
        doc.warnings = detected + [f"manifest: {p}" for p in problems]


_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")


def _override(doc: Document, name: str, value: object) -> str | None:
    """Set one field from the manifest; a message when the value cannot be used."""
    text = str(value).strip()
    if name == "province":
        province = resolve(text)
        if province is None:
            return f"unknown province {value!r}"
        doc.province, doc.province_en = province.short, province.en
    elif name == "year":
        year = valid_year(value)
        if year is None:
            return f"year {value!r} is not a year"
        doc.year = year
    elif name == "lang":
        if text not in LANGS:
            return f"lang {value!r} is not one of {', '.join(LANGS)}"
        doc.lang = text
    elif name == "date":
        try:
            doc.date = Date.fromisoformat(text).isoformat()
        except ValueError:
            return f"date {value!r} is not an ISO date (2020-01-12)"
    elif name == "doc_id":
        if not _DOC_ID.fullmatch(text):
            return f"doc_id {value!r}: use letters, digits, '.', '_' and '-'"
        doc.doc_id = text
    elif name in ("title", "source_url"):
        setattr(doc, name, text)
    else:
        return f"unknown field {name!r}"
    return None


def load_manifest(folder: Path) -> dict[str, dict[str, dict]]:
    """``folder/manifest.toml`` as {relative file path: {part: fields}}.

    Keys are file paths relative to the folder, optionally with ``#part``:
    ``["seeds/004.txt"]`` or ``["state-council/reports.jsonl#3"]``.
    """
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReadError(f"{path}: invalid manifest: {exc}") from exc
    manifest: dict[str, dict[str, dict]] = {}
    for key, fields in data.items():
        file_key, _, part = key.partition("#")
        manifest.setdefault(file_key, {})[f"#{part}" if part.isdigit() else part] = fields
    return manifest


# ---------------------------------------------------------------- doc ids

_KINDS = (  # first match wins: a resolution on a work report is a resolution
    (re.compile(r"决议|resolution", re.I), "resolution"),
    (re.compile(r"政府工作报告|government work report|work report", re.I), "work-report"),
)
_SLUG_STOP = {"the", "of", "and", "a", "an", "in", "on", "for", "to", "held", "s"}


def make_doc_id(doc: Document) -> str:
    """Readable id: year, province slug, and the kind of document (or title words)."""

    province = by_short(doc.province)
    parts = [str(doc.year) if doc.year else "undated", province.slug if province else "unknown"]
    kind = next((k for pattern, k in _KINDS if pattern.search(doc.title)), None)
    if kind is None:
        words = [w for w in re.findall(r"[a-z0-9]+", doc.title.lower()) if w not in _SLUG_STOP]
        skip = set(province.slug.split()) if province else set()
        kind = "-".join([w for w in words if w not in skip][:4]) or "document"
    return "-".join([*parts, kind])


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
