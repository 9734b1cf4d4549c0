"""The floor and the peers, on the same text: jieba segmentation alone (the least an
index of Chinese words costs), SQLite FTS5 (a substring index in C: indexer/bench/fts5.py),
ripgrep (a scan of the files, no index), and stock Whoosh with jieba's
ChineseAnalyzer (what a Whoosh user starts from).

A peer is timed only on the queries it answers: before timing, each of its counts is
compared with a plain scan of the same text, and a query whose count differs (or that
it cannot answer at all) is left out of its times and counted as not answered — an
empty answer is not a fast one. FTS5 runs in this process, as our engine's query rows
do; ripgrep is a command and its times include starting the process."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from indexer.bench import fts5
from indexer.bench.measure import timings_ms


@dataclass
class Checked:
    """A peer's times on the queries whose counts equal the scan's."""

    times: dict[str, float] = field(default_factory=dict)  # query → ms
    unanswered: list[str] = field(default_factory=list)  # cannot answer, or a count that is not the scan's
    asked: int = 0

    def times_of(self, queries: list[str]) -> list[float | None]:
        return [self.times.get(q) for q in queries]


def jieba_seconds(texts: list[str]) -> float:
    """jieba's precise mode over every paragraph, one core, dictionary already loaded."""
    import jieba

    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    return time.perf_counter() - started


def paragraphs_with(texts: list[str], term: str) -> int:
    """The plain scan: paragraphs containing ``term``, ASCII case folded as FTS5 folds it."""
    term = term.lower()
    return sum(term in text.lower() for text in texts)


def checked(count: Callable[[str], int | None], truth: Callable[[str], int], queries: list[str]) -> Checked:
    """Time ``count`` on each query whose answer (counted first, untimed) is the truth's."""
    result = Checked(asked=len(queries))
    for q in queries:
        if count(q) != truth(q):
            result.unanswered.append(q)
            continue
        result.times[q] = timings_ms(count, [q])[0]
    return result


def fts5_checked(path: Path, texts: list[str], queries: list[str]) -> Checked:
    db = sqlite3.connect(path)
    try:
        return checked(lambda q: fts5.count(db, q), lambda q: paragraphs_with(texts, q), queries)
    finally:
        db.close()


def ripgrep() -> str | None:
    found = Path(sys.executable).parent / "rg"
    return str(found) if found.exists() else shutil.which("rg")


def rg_count(rg: str, folder: Path, term: str) -> int:
    """Matching lines in the files, as ``rg -c -F`` reports them per file, added up."""
    out = subprocess.run([rg, "-c", "-F", "--", term, str(folder)], capture_output=True, text=True).stdout
    return sum(int(line.rsplit(":", 1)[1]) for line in out.splitlines() if line)


def file_lines(folder: Path) -> list[str]:
    """Every line of the unpacked files: what ripgrep searches."""
    return [
        line for p in sorted(folder.rglob("*")) if p.is_file() for line in p.read_text("utf-8", "replace").splitlines()
    ]


def rg_checked(folder: Path, queries: list[str]) -> Checked | None:
    """ripgrep's times (process start included) on the queries whose line counts equal a
    scan of the files' lines; None when ripgrep is not installed."""
    rg = ripgrep()
    if rg is None:
        return None
    lines = file_lines(folder)
    return checked(lambda q: rg_count(rg, folder, q), lambda q: sum(q in line for line in lines), queries)
