"""Plain text files (UTF-8, UTF-8 with BOM, GB18030/GBK, …): one source text per file."""

from __future__ import annotations

from collections.abc import Iterator

from indexer.ingest.readers.base import ReadError, SourceText, decode


def read(data: bytes) -> Iterator[SourceText | ReadError]:
    yield SourceText(decode(data))
