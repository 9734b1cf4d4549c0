"""Readers turn the bytes of one file into source texts. One small module per
format; ``READERS`` maps a file suffix to the module whose ``read(data)`` reads it.
To add a format, write a module with ``read(data: bytes) ->
Iterator[SourceText | ReadError]`` and register its suffixes here. The same readers
serve files on disk and members of archives (``indexer.ingest.archives``).

A reader module is imported when the first file of its format is met: the libraries
of web pages, PDF and Word (trafilatura, pypdfium2, python-docx) are large, and one
that is missing or broken then fails only the files of its format, each skipped with
the reason, not the whole build (nor a folder of plain text).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import PurePath

from indexer.ingest.readers.base import ReadError, SourceText

READERS: dict[str, str] = {  # suffix → reader module in this package
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
# The distribution to install when a reader's library cannot be imported (import name → PyPI name).
_DISTRIBUTIONS = {"docx": "python-docx", "lxml_html_clean": "lxml_html_clean"}

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
    if suffix not in READERS:
        raise ReadError(REFUSED.get(suffix) or f"unsupported file type {suffix or '(none)'}")
    reader = reader_for(suffix)
    try:
        items = list(reader(data))
    except ReadError:
        raise
    except Exception as exc:  # a parser's own failure on a damaged file: this file is skipped, the build goes on
        raise ReadError(f"could not be read as {suffix} ({type(exc).__name__}: {exc})") from exc
    texts = [item for item in items if isinstance(item, SourceText)]
    problems = [item for item in items if isinstance(item, ReadError)]
    return texts, problems


def reader_for(suffix: str) -> Callable[[bytes], Iterator[SourceText | ReadError]]:
    """The ``read`` function of the module registered for ``suffix``, imported now
    (Python keeps it after the first time). Raises ReadError when its library is missing."""
    try:
        module = importlib.import_module(f"{__name__}.{READERS[suffix]}")
    except ImportError as exc:
        raise _missing_library(suffix, exc) from exc
    return module.read


def _missing_library(suffix: str, exc: ImportError) -> ReadError:
    package = (exc.name or "").split(".")[0]
    if not package:
        return ReadError(f"{suffix} files cannot be read here: {exc}")
    install = _DISTRIBUTIONS.get(package, package)
    return ReadError(
        f"{suffix} files cannot be read here: the Python package {install} is missing or broken "
        f"({exc}); install it (pip install {install}) and index again"
    )


__all__ = ["READERS", "REFUSED", "ReadError", "SourceText", "is_supported", "read"]
