"""What a build reads: the files under the paths given (an archive is one file whose
members are read in place), each with its name in the index, its manifest fields
and a fingerprint that says when it must be read again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.index.schema import PIPELINE_VERSION
from indexer.ingest import readers
from indexer.ingest.archives import is_archive
from indexer.ingest.manifest import Overrides, load_manifest
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
            for file in sorted(p for p in path.rglob("*") if p.is_file() and readable(p)):
                relative = file.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue  # hidden files and version-control folders, without a word
                if not file.resolve().is_relative_to(root):
                    skipped.append((str(file), "a link to a file outside the folder: not followed"))
                    continue
                add(file, f"{root.name}/{relative.as_posix()}", manifest, relative.as_posix())
        elif path.is_file():
            if not readable(path):
                skipped.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))
                continue
            add(path, str(path.resolve()), _manifest(path.parent, skipped), path.name)
        else:
            skipped.append((str(path), "no such file or directory" if not path.exists() else "not a regular file"))
    return list(found.values())


def _manifest(folder: Path, skipped: list[tuple[str, str]]) -> dict[str, Overrides]:
    try:
        return load_manifest(folder)
    except ReadError as exc:
        skipped.append((str(folder), str(exc)))
        return {}
