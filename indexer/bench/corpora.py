"""The corpora the bench measures on: ``default`` (what ``make run`` indexes: the
provinces and national texts of corpus/) and ``all`` (with the 2,088 city reports of
corpus-cities/). ripgrep, which cannot look inside a .tar.xz, scans the same texts
unpacked once into build/bench/<corpus>/text/."""

from __future__ import annotations

import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

from indexer.ingest.archives import is_archive

BENCH_DIR = Path("build") / "bench"
CORPORA = {"default": (Path("corpus"),), "all": (Path("corpus"), Path("corpus-cities"))}


@dataclass
class Corpus:
    name: str
    paths: tuple[Path, ...]  # what ``policy-search index`` reads

    @property
    def text(self) -> Path:
        """The same files with archives unpacked: what ripgrep scans."""
        folder = BENCH_DIR / self.name / "text"
        if not folder.exists():
            for path in self.paths:
                _unpack(path, folder / path.name)
        return folder

    @property
    def megabytes(self) -> float:
        return sum(p.stat().st_size for p in self.text.rglob("*") if p.is_file()) / 1e6


def corpus(name: str) -> Corpus:
    if name not in CORPORA:
        raise SystemExit(f"unknown corpus {name!r}: {' or '.join(CORPORA)}")
    return Corpus(name, CORPORA[name])


def _unpack(source: Path, target: Path) -> None:
    for file in sorted(p for p in source.rglob("*") if p.is_file()):
        destination = target / file.relative_to(source)
        destination.parent.mkdir(parents=True, exist_ok=True)
        if is_archive(file) and file.name.endswith((".tar.xz", ".tar.gz", ".tar")):
            with tarfile.open(file) as archive:
                archive.extractall(destination.with_name(destination.name + ".d"), filter="data")
        else:
            shutil.copy2(file, destination)
