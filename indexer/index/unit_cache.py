"""Each report's units, the expressions stage's first pass (``report_units``), kept
beside the generation (``expressions-units.pickle``), so that an update finds again only
the units of the reports whose inputs changed: most of that stage's time.

A report's units are a function of two inputs: its text, and the answers the corpus
lexicon gives to the joined words the report asks about (``known_terms``). Both are
kept with the units: a digest of the report's paragraphs, and every question asked
with its answers. An update takes a report's units again when its digest is the same
and the new lexicon answers every one of its questions as the old one did: run again,
``report_units`` would ask the same questions, get the same answers and return the
same units. Any other report is analysed again. (The code that turns a text into units
is the build's own: a change to it changes PIPELINE_VERSION, which starts a new index
from scratch, and the version is part of the digest.)
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from indexer.analysis.expressions import Units
from indexer.index.schema import PIPELINE_VERSION
from indexer.pinyin.lexicon import Lexicon

FILE = "expressions-units.pickle"


@dataclass
class Questions:
    """``known_terms`` as ``report_units`` asks it, with every question and answer kept."""

    known_terms: Callable[[list[str]], list[bool]]
    asked: list[tuple[list[str], list[bool]]] = field(default_factory=list)

    def __call__(self, terms: list[str]) -> list[bool]:
        answers = list(self.known_terms(terms))
        self.asked.append((list(terms), answers))
        return answers


@dataclass
class Entry:
    digest: str  # of the report's paragraphs (``digest``)
    units: Units
    asked: list[tuple[list[str], list[bool]]]  # the lexicon's answers the units depend on

    def still_holds(self, digest: str, lexicon: Lexicon) -> bool:
        """The same text, and the same answer from this lexicon to every question."""
        return digest == self.digest and all(lexicon.has_terms(terms) == answers for terms, answers in self.asked)


def digest(paragraphs: Iterable[str]) -> str:
    """What a report's units are made from, as a digest: its paragraphs, in order."""
    h = hashlib.sha1(f"{PIPELINE_VERSION}".encode())
    for text in paragraphs:
        h.update(b"\x00")
        h.update(text.encode("utf-8"))
    return h.hexdigest()


HEADER = ("units", PIPELINE_VERSION)  # first in the file; then (doc_id, Entry) pairs in doc_id order


def entries(generation: Path) -> Iterator[tuple[str, Entry]]:
    """The entries kept in a generation (a copy of the live one, in an update), in doc_id
    order, one at a time (a whole corpus's would be gigabytes as objects); none when it
    has none, or of another pipeline."""
    try:
        with open(generation / FILE, "rb") as f:
            if pickle.load(f) != HEADER:
                return
            while True:
                try:
                    yield pickle.load(f)
                except EOFError:
                    return
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError):
        return


def reusable(generation: Path, digests: dict[str, str], lexicon: Lexicon) -> set[str]:
    """The reports (doc_id → its digest now) whose kept entries still hold."""
    return {d for d, entry in entries(generation) if d in digests and entry.still_holds(digests[d], lexicon)}


class Writer:
    """A generation's entries written one at a time, in doc_id order; in place of the
    kept ones when complete."""

    def __init__(self, generation: Path):
        self.path = generation / FILE
        self.file = open(self.path.with_suffix(".tmp"), "wb")  # noqa: SIM115 - closed by close()
        pickle.dump(HEADER, self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def add(self, doc_id: str, entry: Entry) -> None:
        pickle.dump((doc_id, entry), self.file, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        self.file.close()
        os.replace(self.file.name, self.path)
