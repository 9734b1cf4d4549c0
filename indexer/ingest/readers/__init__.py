"""Readers turn one input file into source texts. One small module per format;
``READERS`` maps a file suffix to the module's ``read`` function. To add a format
(HTML, PDF, DOCX), write a module with ``read(path) -> Iterator[SourceText]`` and
register its suffixes here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from indexer.ingest.readers import jsonl, text
from indexer.ingest.readers.base import ReadError, SourceText

READERS: dict[str, Callable[[Path], Iterator[SourceText | ReadError]]] = {
    ".txt": text.read,
    ".text": text.read,
    ".md": text.read,
    ".jsonl": jsonl.read,
}


def is_supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read(path: Path) -> tuple[list[SourceText], list[ReadError]]:
    """The source texts of a file and the problems with parts of it (bad records).

    Raises ReadError, with a readable reason, when nothing of the file can be read.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'}")
    try:
        items = list(reader(path))
    except OSError as exc:
        raise ReadError(f"cannot read: {exc.strerror or exc}") from exc
    texts = [item for item in items if isinstance(item, SourceText)]
    problems = [item for item in items if isinstance(item, ReadError)]
    return texts, problems


__all__ = ["READERS", "ReadError", "SourceText", "is_supported", "read"]
