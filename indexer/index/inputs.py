"""What a build reads: the files under the paths given, each with its name in the
index, its manifest fields and a fingerprint that says when it must be read again."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.index.schema import PIPELINE_VERSION
from indexer.ingest import readers
from indexer.ingest.manifest import Overrides, load_manifest
from indexer.ingest.readers import ReadError


@dataclass
class InputFile:
    path: Path
    source: str  # its name in the index: the folder given and the path below it (corpus/seeds/a.txt)
    overrides: Overrides = field(default_factory=dict)

    def fingerprint(self) -> str:
        stat = self.path.stat()
        manifest = json.dumps(self.overrides, sort_keys=True, ensure_ascii=False)
        raw = f"{PIPELINE_VERSION}|{stat.st_size}|{stat.st_mtime_ns}|{manifest}"
        return hashlib.sha1(raw.encode()).hexdigest()


def collect_inputs(paths: Iterable[Path], skipped: list[tuple[str, str]]) -> list[InputFile]:
    """Files to index, in a stable order; unusable paths are added to ``skipped``
    as (path, reason)."""
    found: dict[str, InputFile] = {}

    def add(file: Path, name: str, overrides: Overrides) -> None:
        if name in found and found[name].path.resolve() != file.resolve():
            name = str(file.resolve())  # two folders of one name: the second is named in full
        found.setdefault(name, InputFile(file, name, overrides))

    for path in paths:
        if path.is_dir():
            manifest = _manifest(path, skipped)
            for file in sorted(p for p in path.rglob("*") if p.is_file() and readers.is_supported(p)):
                relative = file.relative_to(path)
                if not any(part.startswith(".") for part in relative.parts):
                    add(file, f"{path.resolve().name}/{relative.as_posix()}", manifest.get(relative.as_posix(), {}))
        elif path.is_file():
            if not readers.is_supported(path):
                skipped.append((str(path), f"unsupported file type {path.suffix or '(none)'}"))
                continue
            add(path, str(path.resolve()), _manifest(path.parent, skipped).get(path.name, {}))
        else:
            skipped.append((str(path), "no such file or directory" if not path.exists() else "not a regular file"))
    return list(found.values())


def _manifest(folder: Path, skipped: list[tuple[str, str]]) -> dict[str, Overrides]:
    try:
        return load_manifest(folder)
    except ReadError as exc:
        skipped.append((str(folder), str(exc)))
        return {}
