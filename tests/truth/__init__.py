"""Truth from the source files, for the tests of the research views and the facets.

``read(folder)`` reads a corpus folder itself (tests/truth/files.py), decides what each
report is (tests/truth/meta.py) and folds its text with the tests' own normaliser
(tests/truth/normal.py). Where the index legitimately differs from a raw scan, this
models it from the files and the corpus README, never from the index: boilerplate
lines go, Sichuan's misnamed years and the misfiled city reports are put right, the
near-copy 四川省/2019.md is not a report, and a report of the seed collection that
lawtext-gov also has (same place and year) is the same report, counted once, from
the archive. No ``indexer`` import here."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from tests.truth.files import texts
from tests.truth.meta import Meta, meta
from tests.truth.normal import count, fold


@dataclass
class Report:
    source: str  # as the index names it below its corpus folder: "lawtext-gov/….tar.xz!…/2015.md", "…jsonl#3"
    title: str
    meta: Meta
    paragraphs: list[str]

    @cached_property
    def folded(self) -> list[str]:
        return [fold(p) for p in self.paragraphs]

    @cached_property
    def joined(self) -> str:
        """The folded paragraphs, a line each: ``term in joined`` is ``any(term in p for p
        in folded)`` for a term without a line break, in one scan."""
        return "\n".join(self.folded)

    @property
    def characters(self) -> int:
        return sum(map(len, self.paragraphs))

    @property
    def meta_key(self) -> tuple:
        return self.province, self.city, self.level, self.year

    def __getattr__(self, name: str):  # report.year, report.province … (the metadata's fields)
        return getattr(self.__dict__["meta"], name)


@dataclass
class Tally:
    occurrences: int = 0
    paragraphs: int = 0
    reports: set[str] = field(default_factory=set)

    def row(self) -> tuple[int, int, int]:
        return self.occurrences, self.paragraphs, len(self.reports)


def read(folder: Path) -> list[Report]:
    reports = [Report(t.source, t.title, m, t.lines) for t in texts(folder) if t.lines and (m := meta(t))]
    archived = {(r.province, r.city, r.level, r.year) for r in reports if "!" in r.source}
    return [r for r in reports if "!" in r.source or "#第" not in r.source or r.meta_key not in archived]


def tally(reports: Iterable[Report], term: str, key: Callable[[Report], object]) -> dict[object, tuple[int, int, int]]:
    """(occurrences, paragraphs, reports) of ``term`` per value of ``key``, where it occurs."""
    found: dict[object, Tally] = defaultdict(Tally)
    for report in reports:
        for text in report.folded:
            if n := count(text, term):
                cell = found[key(report)]
                cell.occurrences += n
                cell.paragraphs += 1
                cell.reports.add(report.source)
    return {k: v.row() for k, v in found.items()}


def first_years(reports: Iterable[Report], term: str, key: Callable[[Report], object]) -> dict[object, int]:
    """The earliest year in which each value of ``key`` uses ``term``."""
    firsts: dict[object, int] = {}
    for report in reports:
        if term in report.joined:
            k = key(report)
            firsts[k] = min(firsts.get(k, report.year), report.year)
    return firsts


def reports_per(reports: Iterable[Report], key: Callable[[Report], object]) -> Counter:
    return Counter(key(r) for r in reports)


def characters_per(reports: Iterable[Report], key: Callable[[Report], object]) -> Counter:
    totals: Counter = Counter()
    for report in reports:
        totals[key(report)] += report.characters
    return totals


def source_of(doc: dict) -> str:
    """An indexed document's source as ``Report.source`` names it (its metadata's
    ``source`` below the corpus folder, with its part)."""
    part = doc.get("source_part") or ""
    return doc["source"].split("/", 1)[1] + (part if not part or part.startswith("#") else f"#{part}")


def matched(documents: dict[str, dict], reports: list[Report]) -> dict[str, Report]:
    """Each indexed document's report, by doc_id; every report must be indexed once."""
    by_source = {r.source: r for r in reports}
    found = {doc_id: by_source[source_of(doc)] for doc_id, doc in documents.items()}
    assert len(found) == len(reports), "the index and the files do not hold the same reports"
    return found
