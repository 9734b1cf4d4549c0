"""What a build reads: the files under the paths given (an archive is one file whose
members are read in place), each with its name in the index, its manifest fields
and a fingerprint that says when it must be read again."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.index.schema import PIPELINE_VERSION
from indexer.ingest import readers
from indexer.ingest.archives import is_archive
from indexer.ingest.manifest import MANIFEST_NAME, Overrides, load_manifest
from indexer.ingest.readers import ReadError


@dataclass
class InputFile:
    path: Path
    source: str  # its name in the index: the folder given and the path below it (corpus/seeds/a.txt)
    overrides: Overrides = field(default_factory=dict)
    members: dict[str, Overrides] = field(default_factory=dict)  # an archive's members' manifest fields

    @property
    def is_archive(self) -> bool:
        return is_archive(self.path)

    def fingerprint(self) -> str:
        stat = self.path.stat()
        manifest = json.dumps([self.overrides, self.members], sort_keys=True, ensure_ascii=False)
        raw = f"{PIPELINE_VERSION}|{stat.st_size}|{stat.st_mtime_ns}|{manifest}"
        return hashlib.sha1(raw.encode()).hexdigest()


def readable(path: Path) -> bool:
    return is_archive(path) or readers.is_supported(path)


def unreadable_reason(path: Path) -> str:
    return f"unsupported file type {path.suffix.lower() or '(no extension)'}: not indexed"


def collect_inputs(paths: Iterable[Path], skipped: list[tuple[str, str]]) -> list[InputFile]:
    """Files to index, in a stable order; unusable paths are added to ``skipped``
    as (path, reason). Links that lead out of a folder are not followed; a file
    reached twice through links inside it is read once."""
    found: dict[str, InputFile] = {}
    seen: set[Path] = set()

    def add(file: Path, name: str, manifest: dict[str, Overrides], key: str) -> None:
        real = file.resolve()
        if real in seen:
            return
        seen.add(real)
        if name in found:
            name = str(real)  # two folders of one name: the second is named in full
        members = {k.split("!", 1)[1]: v for k, v in manifest.items() if k.startswith(f"{key}!")}
        found[name] = InputFile(file, name, manifest.get(key, {}), members)

    for path in paths:
        if path.is_dir():
            manifest = _manifest(path, skipped)
            root = path.resolve()
            for file in folder_files(path, skipped):
                relative = file.relative_to(path)
                add(file, f"{root.name}/{relative.as_posix()}", manifest, relative.as_posix())
        elif path.is_file():
            if not readable(path):
                skipped.append((str(path), unreadable_reason(path)))
                continue
            add(path, str(path.resolve()), _manifest(path.parent, skipped), path.name)
        else:
            skipped.append((str(path), "no such file or directory" if not path.exists() else "not a regular file"))
    return list(found.values())


def folder_files(folder: Path, skipped: list[tuple[str, str]]) -> list[Path]:
    """The readable files under ``folder``, sorted. Hidden files and folders (``.git``
    and other version-control folders among them) are passed over without a word, as
    is the folder's manifest; every other file that is not read goes to ``skipped``
    with the reason. Links are not followed out of the folder; a link to a folder
    inside it is not walked again (its files are read where they are)."""
    root = folder.resolve()
    files: list[Path] = []

    def named(path: Path) -> str:  # as the files read are named in the index
        return f"{root.name}/{path.relative_to(folder).as_posix()}"

    for here, dirs, names in os.walk(folder):  # os.walk does not descend into linked folders
        base = Path(here)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            if (base / name).is_symlink() and not (base / name).resolve().is_relative_to(root):
                skipped.append(
                    (named(base / name), "a link to a folder outside the folder being indexed: not followed")
                )
        for name in sorted(names):
            if name.startswith(".") or (base == folder and name == MANIFEST_NAME):
                continue
            if reason := _not_read(base / name, root):
                skipped.append((named(base / name), reason))
            else:
                files.append(base / name)
    return sorted(files)


def _not_read(file: Path, root: Path) -> str:
    """Why a file under the folder ``root`` is not read, or "" when it is."""
    if file.is_symlink():
        if not file.exists():
            return "a broken link: not followed"
        if not file.resolve().is_relative_to(root):
            return "a link to a file outside the folder being indexed: not followed"
    if not file.is_file():
        return "not a regular file"
    return "" if readable(file) else unreadable_reason(file)


def _manifest(folder: Path, skipped: list[tuple[str, str]]) -> dict[str, Overrides]:
    try:
        return load_manifest(folder)
    except ReadError as exc:
        skipped.append((str(folder), str(exc)))
        return {}
