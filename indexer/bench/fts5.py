"""SQLite FTS5 as a peer that answers the question ours does — which paragraphs contain
this term — for terms of every length it can. Its trigram tokenizer matches only
terms of three characters or more (a shorter MATCH finds nothing, and LIKE over a
trigram table is a full scan), so beside it stands a table of the paragraphs'
bigrams: ``发展经济`` is stored as the tokens 发展 展经 经济, and a term of two or more
characters is the phrase of its overlapping bigrams ("发展 展经 经济"). A pair
broken by punctuation or space leaves a gap token, so that 发展，展示 does not
match 发展示. Terms of one character it cannot answer: ``count`` says so with None."""

from __future__ import annotations

import itertools
import sqlite3
import time
from pathlib import Path

TRIGRAM_MIN = 3
GAP = "zzgap"  # a token no bigram can be (bigrams have two characters)


def bigrams(text: str) -> str:
    """The text as the bigram table's document: its overlapping pairs of word characters."""
    pairs = itertools.pairwise(text)
    return " ".join(left + right if left.isalnum() and right.isalnum() else GAP for left, right in pairs)


def build(texts: list[str], path: Path) -> float:
    """Both tables over the paragraphs, in seconds."""
    path.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='trigram')")
    db.execute("CREATE VIRTUAL TABLE b USING fts5(grams, tokenize='unicode61')")
    db.executemany("INSERT INTO p(text) VALUES (?)", ((t,) for t in texts))
    db.executemany("INSERT INTO b(grams) VALUES (?)", ((bigrams(t),) for t in texts))
    db.commit()
    db.close()
    return time.perf_counter() - started


def table_for(term: str) -> str | None:
    """Which table answers ``term``: the trigram one from three characters, the bigram one
    for two (and for longer terms when the trigram one is not wanted), none for one."""
    if len(term) >= TRIGRAM_MIN:
        return "trigram"
    return "bigram" if len(term) == 2 and term.isalnum() else None


def count(db: sqlite3.Connection, term: str) -> int | None:
    """Paragraphs containing ``term``; None when FTS5 cannot answer it."""
    table = table_for(term)
    if table == "trigram":
        return db.execute("SELECT count(*) FROM p WHERE p MATCH ?", (quoted(term),)).fetchone()[0]
    if table == "bigram":
        return db.execute("SELECT count(*) FROM b WHERE b MATCH ?", (quoted(bigrams(term)),)).fetchone()[0]
    return None


def quoted(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'
