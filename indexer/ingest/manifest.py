"""``manifest.toml``: metadata a folder's files do not state themselves.

Keys are file paths relative to the folder, optionally with ``#part``:
``["seeds/004.txt"]``, ``["state-council/reports.jsonl#3"]`` (JSONL record 3),
``["seeds/002.txt#第一篇"]`` (a part of a collection) or ``["reports.tar.xz!a/b.md"]``
(a member of an archive). Fields: ``title``, ``date``, ``doc_id``, ``source_url``,
any facet (``province``, ``year``, ``lang`` …), and ``skip = "why"`` for a file that
is not to be indexed (the summary says why). A value that cannot be used is
reported as a warning and the detected value kept.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date as Date
from pathlib import Path

from indexer.errors import QueryError
from indexer.facets import facet
from indexer.ingest.readers import ReadError
from indexer.model import Document

MANIFEST_NAME = "manifest.toml"
_DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,119}")

Overrides = dict[str, dict]  # part ("" for the whole file) → fields


def load_manifest(folder: Path) -> dict[str, Overrides]:
    """``folder/manifest.toml`` as {relative file path: {part: fields}}."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ReadError(f"{path}: invalid manifest: {exc}") from exc
    manifest: dict[str, Overrides] = {}
    for key, fields in data.items():
        file_key, _, part = key.partition("#")
        manifest.setdefault(file_key, {})[f"#{part}" if part.isdigit() else part] = fields
    return manifest


def skip_reason(overrides: Overrides) -> str | None:
    """Why the manifest says a file is not to be indexed, or None."""
    reason = overrides.get("", {}).get("skip")
    return f"not indexed: {reason}" if reason else None


def manifest_title(overrides: Overrides, part: str) -> dict[str, str]:
    """A title the manifest gives a part, as a hint for detecting the rest from it."""
    title = {**overrides.get("", {}), **overrides.get(part, {})}.get("title")
    return {"title": str(title)} if title else {}


def apply_overrides(documents: list[Document], overrides: Overrides) -> None:
    """Set each document's manifest fields: those under ``""`` apply to every document
    of the file, those under its ``source_part`` to it alone."""
    for doc in documents:
        fields = {**overrides.get("", {}), **overrides.get(doc.source_part, {})}
        if not fields:
            continue
        detected = [w for w in doc.warnings if not any(name in w for name in fields)]
        problems = [problem for name, value in fields.items() if (problem := _override(doc, name, value))]
        doc.warnings = detected + [f"manifest: {p}" for p in problems]


def _override(doc: Document, name: str, value: object) -> str | None:
    """Set one field; a message when the value cannot be used."""
    text = str(value).strip()
    if (chosen := facet(name)) is not None:
        try:
            parsed = chosen.parse(text)
        except QueryError as exc:
            return f"{name} {value!r}: {exc}"
        if chosen.numeric:
            lo, hi = parsed  # type: ignore[misc]
            if lo != hi:
                return f"{name} {value!r}: one value, not a range"
            parsed = lo
        doc.values[chosen.name] = parsed
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
    elif name == "skip":
        return None
    else:
        return f"unknown field {name!r}"
    return None
