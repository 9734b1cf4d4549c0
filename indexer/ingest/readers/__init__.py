"""Readers turn the bytes of one file into source texts. One small module per
format; ``READERS`` maps a file suffix to the module's ``read(data)`` function. To
add a format, write a module with ``read(data: bytes) ->
Iterator[SourceText | ReadError]`` and register its suffixes here. The same readers
serve files on disk and members of archives (``indexer.ingest.archives``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import PurePath

from indexer.ingest.readers import docx, html, jsonl, markdown, pdf, text
from indexer.ingest.readers.base import ReadError, SourceText

READERS: dict[str, Callable[[bytes], Iterator[SourceText | ReadError]]] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".jsonl": jsonl.read,
    ".html": html.read,
    ".htm": html.read,
    ".shtml": html.read,
    ".xhtml": html.read,
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".doc": docx.read_legacy_doc,
}


def is_supported(name: str | PurePath) -> bool:
    return PurePath(name).suffix.lower() in READERS


def read(data: bytes, name: str | PurePath) -> tuple[list[SourceText], list[ReadError]]:
    """The source texts of a file called ``name`` and the problems with parts of it
    (bad records). Raises ReadError, with a readable reason, when nothing of it can be read."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(f"unsupported file type {suffix or '(none)'}")
    try:
        items = list(reader(data))
    except ReadError:
        raise
    except Exception as exc:  # a parser's own failure on a damaged file: this file is skipped, the build goes on
        raise ReadError(f"could not be read as {suffix} ({type(exc).__name__}: {exc})") from exc
    texts = [item for item in items if isinstance(item, SourceText)]
    problems = [item for item in items if isinstance(item, ReadError)]
    return texts, problems


__all__ = ["READERS", "ReadError", "SourceText", "is_supported", "read"]
