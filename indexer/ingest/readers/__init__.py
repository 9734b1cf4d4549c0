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
}

# Formats users will have that are not read, and what to do instead: each is skipped
# with this reason. Legacy .doc: no well-kept Python reader; Debian's antiword (last
# release 2005) and catdoc could not be checked on Chinese Word files here. OFD (GB/T
# 33190): only young one-author readers on PyPI (ofdkit 0.2, ofdreader 0.1).
REFUSED = {
    ".doc": "legacy Word .doc is not supported: save it as .docx (or PDF) and index that",
    ".wps": "WPS .wps is not supported: save it as .docx (or PDF) and index that",
    ".ofd": "OFD is not supported yet: export it as PDF and index that",
}


def is_supported(name: str | PurePath) -> bool:
    """Read, or refused with a reason of its own."""
    return PurePath(name).suffix.lower() in READERS.keys() | REFUSED.keys()


def read(data: bytes, name: str | PurePath) -> tuple[list[SourceText], list[ReadError]]:
    """The source texts of a file called ``name`` and the problems with parts of it
    (bad records). Raises ReadError, with a readable reason, when nothing of it can be read."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise ReadError(REFUSED.get(suffix) or f"unsupported file type {suffix or '(none)'}")
    try:
        items = list(reader(data))
    except ReadError:
        raise
    except Exception as exc:  # a parser's own failure on a damaged file: this file is skipped, the build goes on
        raise ReadError(f"could not be read as {suffix} ({type(exc).__name__}: {exc})") from exc
    texts = [item for item in items if isinstance(item, SourceText)]
    problems = [item for item in items if isinstance(item, ReadError)]
    return texts, problems


__all__ = ["READERS", "REFUSED", "ReadError", "SourceText", "is_supported", "read"]
