"""The corpora the bench measures on, as folders of files: the bundled corpus, and
the bundled corpus replicated (``x20``: twenty copies of every file, indexed under
new doc ids) to see how the engine scales."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path("build") / "bench"
BUNDLED = Path("corpus")


@dataclass
class Corpus:
    name: str
    folder: Path  # what ``policy-search index`` reads, and what ripgrep scans

    @property
    def megabytes(self) -> float:
        return sum(p.stat().st_size for p in self.folder.rglob("*") if p.is_file()) / 1e6


def corpus(name: str) -> Corpus:
    if name == "bundled":
        return Corpus("bundled (1×)", BUNDLED)
    if name.startswith("x") and name[1:].isdigit():
        return Corpus(f"bundled {name[1:]}×", replicated(int(name[1:])))
    raise SystemExit(f"unknown corpus {name!r}: bundled or xN")


def replicated(copies: int) -> Path:
    """A folder with ``copies`` copies of the bundled corpus (made once, kept)."""
    folder = BENCH_DIR / f"x{copies}" / "corpus"
    for k in range(1, copies + 1):
        copy = folder / f"copy-{k:02d}"
        if not copy.exists():
            shutil.copytree(BUNDLED, copy)
    return folder
