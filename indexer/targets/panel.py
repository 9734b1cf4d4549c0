"""The panel: every work report's targets beside the outcome the next report of the same
place gives, written once per generation (``targets.json``) and read by the Snapshot.

A report's targets are extracted while the build reads it (``extract_report``) and kept
with its source in documents.json, so an unchanged file is not read again. At the end
of the build each report is linked to the next report of its place (same level,
province and city; the year after) whose review states what the year achieved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from indexer.model import Document
from indexer.targets.extract import Outcome, ReportTargets, Target, extract

FILE = "targets.json"
VERSION = 1


def extract_report(doc: Document) -> dict | None:
    """A Chinese work report's targets and outcomes as saved; None for any other document."""
    if doc.value("doc_type") != "work-report" or doc.value("lang") != "zh":
        return None
    year = doc.value("year")
    return extract(((p.number, p.text) for p in doc.paragraphs), year if isinstance(year, int) else None).as_json()


def place_key(meta: dict) -> tuple[str, str, str]:
    """The place a report is of: its level, province and city."""
    return (meta.get("level") or "", meta.get("province") or "", meta.get("city") or "")


def save_targets(generation: Path, state: dict) -> None:
    """Write the generation's panel from the extractions kept in its state."""
    extracted = {k: v for s in state["sources"].values() for k, v in s.get("targets", {}).items()}
    documents = {d["doc_id"]: d for s in state["sources"].values() for d in s["documents"] if d["doc_id"] in extracted}
    by_place: dict[tuple, str] = {}
    for doc_id in sorted(documents):  # of two reports of one place and year the first doc_id stands
        meta = documents[doc_id]
        if meta.get("year"):
            by_place.setdefault((*place_key(meta), meta["year"]), doc_id)
    reports = []
    for key, doc_id in sorted(by_place.items(), key=lambda item: (item[0][0], item[0][1], item[0][2], item[0][3])):
        *place, year = key
        reports.append({"doc_id": doc_id, "year": year, "next": by_place.get((*place, year + 1)), **extracted[doc_id]})
    (generation / FILE).write_text(json.dumps({"version": VERSION, "reports": reports}, ensure_ascii=False))


@dataclass
class Report:
    doc_id: str
    year: int
    next: str | None  # the next report of the place: its review gives this year's outcomes
    extracted: ReportTargets

    def target(self, indicator: str) -> Target | None:
        return next((t for t in self.extracted.targets if t.indicator == indicator), None)

    def outcome(self, indicator: str) -> Outcome | None:
        return next((o for o in self.extracted.outcomes if o.indicator == indicator), None)


class Panel:
    """A generation's reports with their targets, by doc_id."""

    def __init__(self, reports: list[Report]):
        self.reports = {r.doc_id: r for r in reports}

    @classmethod
    def load(cls, generation: Path) -> Panel:
        """The generation's panel (empty for a generation built without one)."""
        path = generation / FILE
        if not path.exists():
            return cls([])
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            [
                Report(r["doc_id"], r["year"], r["next"], ReportTargets.from_json(r))
                for r in data["reports"]
                if data.get("version") == VERSION
            ]
        )

    def outcome_of(self, report: Report, indicator: str) -> tuple[Outcome | None, str | None]:
        """What the next report of the place says the year achieved, and that report."""
        following = self.reports.get(report.next) if report.next else None
        return (following.outcome(indicator), following.doc_id) if following else (None, None)
