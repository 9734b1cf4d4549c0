"""Archives read as they are, never unpacked to disk: ``.tar.xz``, ``.tar.gz``,
``.tgz``, ``.tar.bz2``, ``.tar`` and ``.zip``. Each member that a reader supports is
a file of its own, named ``archive!member``; a member of another type, one that
cannot be read and an archive cut short are reported, and the rest goes on.

Zip files made on Chinese Windows name their members in GBK without saying so; such
names are read as UTF-8 when they are, else as GB18030.
"""

from __future__ import annotations

import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from indexer.ingest import readers

ArchiveError = (tarfile.TarError, zipfile.BadZipFile, EOFError)  # an archive that cannot be opened

SUFFIXES = (".tar.xz", ".txz", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar", ".zip")
MAX_MEMBER_BYTES = 64 * 2**20  # a bigger member is no report (and may be a zip bomb)
_UTF8_FLAG = 0x800


@dataclass
class Member:
    name: str  # its path inside the archive
    data: bytes | None  # None when it could not be read
    problem: str = ""  # why not


def is_archive(path: str | Path) -> bool:
    return str(path).lower().endswith(SUFFIXES)


def members(path: Path) -> Iterator[Member]:
    """The members: those a reader supports with their bytes, others with the reason
    they are not read (hidden members and macOS resource forks are passed over
    quietly, as in a folder); raises OSError or an archive error when the archive
    itself cannot be opened."""
    if str(path).lower().endswith(".zip"):
        yield from _zip_members(path)
    else:
        yield from _tar_members(path)


def _hidden(name: str) -> bool:
    return any(p.startswith((".", "__MACOSX")) for p in PurePosixPath(name).parts)


def _unread(name: str, size: int) -> Member | None:
    """A member that is not read, with the reason; None for one to read."""
    if not readers.is_supported(name):
        suffix = PurePosixPath(name).suffix.lower() or "(no extension)"
        return Member(name, None, f"unsupported file type {suffix}: not indexed")
    if size > MAX_MEMBER_BYTES:
        return Member(name, None, f"larger than {MAX_MEMBER_BYTES // 2**20} MB")
    return None


def _tar_members(path: Path) -> Iterator[Member]:
    with tarfile.open(path, "r:*") as archive:
        try:
            for info in archive:
                if not info.isfile() or _hidden(info.name):
                    continue
                if unread := _unread(info.name, info.size):
                    yield unread
                    continue
                stream = archive.extractfile(info)
                yield Member(info.name, stream.read() if stream else b"")
        except (tarfile.TarError, EOFError, OSError) as exc:  # a truncated or corrupt stream: keep what was read
            yield Member("", None, f"the archive is damaged after this point ({type(exc).__name__}: {exc})")


def _zip_members(path: Path) -> Iterator[Member]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = _zip_name(info)
            if info.is_dir() or _hidden(name):
                continue
            if unread := _unread(name, info.file_size):
                yield unread
                continue
            try:
                yield Member(name, archive.read(info))
            except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
                yield Member(name, None, f"cannot be read from the archive ({exc})")


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename
