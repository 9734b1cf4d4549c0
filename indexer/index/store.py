"""The index directory: immutable generations and an atomic pointer to the live one.

    index/
      CURRENT            name of the live generation (replaced atomically)
      gen-000007/        a Whoosh index + documents.json
      gen-000006/        kept for a grace period: readers may still use it
      .build.lock

A build writes ``gen-N.tmp``, renames it to ``gen-N`` when complete, then swaps
CURRENT with ``os.replace``: a reader sees the old index or the new one, never a
half-written one, and an interrupted build leaves the old one live. Old
generations are deleted only after a grace period, so that a reader that opened
one just before a swap can finish. ``create_in`` is only ever called on a fresh
``.tmp`` directory, never on a live one.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CURRENT = "CURRENT"
DOCUMENTS = "documents.json"
LOCK = ".build.lock"
KEEP_GENERATIONS = 3
GRACE_SECONDS = 300


class BuildLocked(Exception):
    """Another build holds the lock on this index directory."""


class IndexMissing(Exception):
    """There is no built index at this path."""


def current_generation(root: Path) -> Path | None:
    try:
        name = (root / CURRENT).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    path = root / name
    return path if name and path.is_dir() else None


def require_generation(root: Path) -> Path:
    gen = current_generation(root)
    if gen is None:
        raise IndexMissing(f"no index at {root}: build it with `policy-search index`")
    return gen


def read_state(gen: Path) -> dict:
    """The generation's documents.json: pipeline version and, per source, its documents."""
    with open(gen / DOCUMENTS, encoding="utf-8") as f:
        return json.load(f)


def write_state(gen: Path, state: dict) -> None:
    path = gen / DOCUMENTS
    with open(path, "w", encoding="utf-8") as f:
        json.dump(state, f, ensure_ascii=False, indent=1)
        f.flush()
        os.fsync(f.fileno())


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise BuildLocked(f"another build is running on {root}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _generations(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("gen-*") if p.is_dir() and not p.name.endswith(".tmp"))


def new_generation_dir(root: Path, copy_from: Path | None) -> Path:
    """A fresh ``.tmp`` directory for the next generation (a copy of ``copy_from``)."""
    for stale in root.glob("gen-*.tmp"):  # left by an interrupted build
        shutil.rmtree(stale, ignore_errors=True)
    existing = _generations(root)
    number = int(existing[-1].name.split("-")[1]) + 1 if existing else 1
    tmp = root / f"gen-{number:06d}.tmp"
    if copy_from is not None:
        shutil.copytree(copy_from, tmp)
    else:
        tmp.mkdir()
    return tmp


def publish(root: Path, tmp: Path) -> Path:
    """Make a complete ``.tmp`` generation the live one, atomically."""
    final = tmp.with_name(tmp.name.removesuffix(".tmp"))
    for path in tmp.iterdir():  # the files themselves, so that a crash cannot leave CURRENT at truncated ones
        with open(path, "rb") as f:
            os.fsync(f.fileno())
    _fsync_dir(tmp)
    tmp.rename(final)
    pointer = root / f"{CURRENT}.tmp"
    pointer.write_text(final.name + "\n", encoding="utf-8")
    with open(pointer) as f:
        os.fsync(f.fileno())
    os.replace(pointer, root / CURRENT)
    _fsync_dir(root)
    prune(root)
    return final


def prune(root: Path, now: float | None = None) -> None:
    """Delete generations older than the newest KEEP_GENERATIONS once their
    successor has been live for GRACE_SECONDS."""
    now = time.time() if now is None else now
    generations = _generations(root)
    live = current_generation(root)
    for k, (old, successor) in enumerate(itertools.pairwise(generations)):
        if k >= len(generations) - KEEP_GENERATIONS:
            break
        if old != live and now - successor.stat().st_mtime > GRACE_SECONDS:
            shutil.rmtree(old, ignore_errors=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
