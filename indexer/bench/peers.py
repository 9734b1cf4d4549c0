"""The floor and the peers, on the same text: jieba segmentation alone (the least an
index of Chinese words costs), SQLite FTS5 with its trigram tokenizer (a substring
index in C), ripgrep (a scan of the files, no index), and stock Whoosh with jieba's
ChineseAnalyzer (what a Whoosh user starts from)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from indexer.bench.measure import timings_ms


def jieba_seconds(texts: list[str]) -> float:
    """jieba's precise mode over every paragraph, one core, dictionary already loaded."""
    import jieba

    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    return time.perf_counter() - started


def fts5_build(texts: list[str], path: Path) -> float:
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')")
    db.executemany("INSERT INTO p(text) VALUES (?)", ((t,) for t in texts))
    db.commit()
    db.close()
    return time.perf_counter() - started


def fts5_count(db: sqlite3.Connection, term: str) -> int:
    """Paragraphs containing ``term``: the trigram index for 3+ characters, a scan below that."""
    if len(term) >= 3:
        return db.execute("SELECT count(*) FROM p WHERE p MATCH ?", ('"' + term.replace('"', '""') + '"',)).fetchone()[
            0
        ]
    return db.execute("SELECT count(*) FROM p WHERE text LIKE ?", (f"%{term}%",)).fetchone()[0]


def fts5_times(path: Path, queries: list[str]) -> list[float]:
    db = sqlite3.connect(path)
    times = timings_ms(lambda q: fts5_count(db, q), queries)
    db.close()
    return times


def ripgrep() -> str | None:
    found = Path(sys.executable).parent / "rg"
    return str(found) if found.exists() else shutil.which("rg")


def rg_times(folder: Path, queries: list[str]) -> list[float]:
    """``rg -c -F`` over the corpus files, as a person runs it (process start included);
    empty when ripgrep is not installed."""
    rg = ripgrep()
    if rg is None:
        return []
    return timings_ms(lambda q: subprocess.run([rg, "-c", "-F", "--", q, str(folder)], capture_output=True), queries)
