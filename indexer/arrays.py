"""A generation's named arrays: each array ``name`` of a group saved as
``<prefix><name>.npy`` in the generation's folder and read back memory-mapped (every
process that serves the generation shares one copy in the page cache). The lexicon,
the expressions, the columns, the texts' offsets and numbers and the words are saved
this way.

One rule for a group whose files are not all there (a generation built before the
group was saved): it has none of them, and ``load`` says so with None; the caller
knows what such a generation has instead (an empty lexicon, columns read from Whoosh)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np


def save(generation: Path, prefix: str, arrays: dict[str, np.ndarray]) -> None:
    for name, array in arrays.items():
        np.save(path(generation, prefix, name), array)


def load(generation: Path, prefix: str, names: Iterable[str]) -> dict[str, np.ndarray] | None:
    """The arrays ``names`` of a generation by name (in that order), memory-mapped;
    None when any of their files is missing."""
    paths = {name: path(generation, prefix, name) for name in names}
    if not all(p.exists() for p in paths.values()):
        return None
    return {name: np.load(p, mmap_mode="r") for name, p in paths.items()}


def path(generation: Path, prefix: str, name: str) -> Path:
    """Where an array of a group is saved."""
    return generation / f"{prefix}{name}.npy"
