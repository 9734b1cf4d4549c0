"""Reading a build's input files into documents: a file's, or each member's of an archive.

An archive's members have fingerprints of their own (``member_fingerprint``: their
bytes and manifest fields), kept in the generation's state with the doc_ids of their
documents. When an archive changed, ``plan_archive`` looks at its members first: one
whose fingerprint is the live generation's is not read again, its documents (and
doc_ids, and paragraphs in the index) are carried over; only new and changed members
are read. What cannot be read goes to the summary with its reason.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from indexer.index.inputs import InputFile
from indexer.index.schema import PIPELINE_VERSION
from indexer.ingest.archives import ArchiveError, Member, members
from indexer.ingest.documents import FileResult, documents_from_bytes, documents_from_file
from indexer.ingest.manifest import Overrides, skip_reason
from indexer.ingest.readers import ReadError
from indexer.model import Document


class Summary(Protocol):  # what reading adds to (``indexer.index.build.BuildSummary``)
    bytes_read: int
    files_read: int
    skipped: list[tuple[str, str]]


def member_fingerprint(data: bytes, overrides: Overrides) -> str:
    """What says a member must be read again: its bytes, its manifest fields, the pipeline."""
    manifest = json.dumps(overrides, sort_keys=True, ensure_ascii=False)
    raw = f"{PIPELINE_VERSION}|{hashlib.sha1(data).hexdigest()}|{manifest}"
    return hashlib.sha1(raw.encode()).hexdigest()


def member_source(file: InputFile, member: Member) -> str:
    return f"{file.source}!{member.name}" if member.name else file.source


@dataclass
class ArchivePlan:
    """A changed archive's members: those carried over from the live generation (by
    name) and those to read, with their bytes (only these are kept in memory)."""

    carried: list[str] = field(default_factory=list)
    to_read: list[Member] = field(default_factory=list)
    fingerprints: dict[str, str] = field(default_factory=dict)  # every member with bytes


def plan_archive(file: InputFile, old_members: dict[str, dict]) -> ArchivePlan | None:
    """Which members of a changed archive are unchanged since the live generation (its
    ``members`` records); None when the archive cannot be opened (it is read as new)."""
    plan = ArchivePlan()
    try:
        for member in members(file.path):
            overrides = file.members.get(member.name, {})
            if member.data is None or skip_reason(overrides):
                plan.to_read.append(member)  # said again as skipped: nothing to carry
                continue
            fingerprint = member_fingerprint(member.data, overrides)
            plan.fingerprints[member.name] = fingerprint
            if old_members.get(member.name, {}).get("fingerprint") == fingerprint:
                plan.carried.append(member.name)
            else:
                plan.to_read.append(member)
    except (OSError, *ArchiveError):
        return None
    return plan


def read_input(file: InputFile, summary: Summary, plan: ArchivePlan) -> list[Document] | None:
    """The documents of a file, or of the members of an archive: those ``plan`` says to
    read, or all (an empty plan), whose fingerprints it takes in. What cannot be read
    goes to the summary with its reason."""
    try:
        summary.bytes_read += file.path.stat().st_size
    except OSError as exc:
        summary.skipped.append((file.source, f"cannot read: {exc.strerror or exc}"))
        return None
    if not file.is_archive:
        if reason := skip_reason(file.overrides):
            summary.skipped.append((file.source, reason))
            return None
        return _documents(summary, file.source, lambda: documents_from_file(file.path, file.source, file.overrides))
    if plan.carried or plan.to_read:  # planned: only the members to read
        return _members_documents(file, plan.to_read, summary, plan.fingerprints)
    try:
        return _members_documents(file, members(file.path), summary, plan.fingerprints)
    except (OSError, *ArchiveError) as exc:
        summary.skipped.append((file.source, f"not a readable archive: {exc}"))
        return []


def _members_documents(
    file: InputFile, found: Iterable[Member], summary: Summary, fingerprints: dict[str, str]
) -> list[Document]:
    """The documents of these members; each one read gets its fingerprint."""
    documents: list[Document] = []
    for member in found:
        source = member_source(file, member)
        overrides = file.members.get(member.name, {})
        if member.data is None or (reason := skip_reason(overrides)):
            summary.skipped.append((source, member.problem if member.data is None else reason))
            continue
        fingerprints[member.name] = member_fingerprint(member.data, overrides)
        read = lambda m=member, s=source, o=overrides: documents_from_bytes(m.data, m.name, s, o)  # noqa: E731
        documents += _documents(summary, source, read) or []
    return documents


def _documents(summary: Summary, source: str, read: Callable[[], FileResult]) -> list[Document] | None:
    try:
        result = read()
    except ReadError as exc:
        summary.skipped.append((source, str(exc)))
        return None
    summary.files_read += 1
    summary.skipped.extend((source, problem) for problem in result.problems)
    return result.documents


def member_records(
    file: InputFile, fingerprints: dict[str, str], documents: list[Document], skipped: list[tuple[str, str]]
) -> dict[str, dict]:
    """Each member read now, as the state keeps it: its fingerprint, the doc_ids of its
    documents, what of it was skipped and its characters."""
    records: dict[str, dict] = {
        name: {"fingerprint": fp, "doc_ids": [], "skipped": [], "characters": 0} for name, fp in fingerprints.items()
    }
    prefix = f"{file.source}!"
    for doc in documents:
        record = records[doc.source.removeprefix(prefix)]
        record["doc_ids"].append(doc.doc_id)
        record["characters"] += sum(len(p.text) for p in doc.paragraphs)
    for name, record in records.items():  # a member's problems, and its documents found near-duplicates
        source = prefix + name
        record["skipped"] = [list(e) for e in skipped if e[0] == source or e[0].startswith(f"{source} ")]
    return records
