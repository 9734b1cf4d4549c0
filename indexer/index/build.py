"""Building the index from input files: incremental and atomic.

A file whose size, modification time and manifest entry are unchanged since the
live generation is not re-read: its paragraphs are carried over in a copy of that
generation. Changed, new and removed files are deleted/added in the copy, which
is then published (see ``store``). Bad input is reported and skipped; the build
goes on with the rest.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from indexer.index import store
from indexer.index.apart import run_stage
from indexer.index.columns import save_columns
from indexer.index.duplicates import near_duplicates, sketch
from indexer.index.expressions import build_expressions
from indexer.index.inputs import InputFile, collect_inputs
from indexer.index.progress import Progress, StageTime, seconds
from indexer.index.reading import ArchivePlan, member_records, plan_archive, read_input
from indexer.index.schema import PIPELINE_VERSION, make_schema
from indexer.index.texts import load_texts
from indexer.index.tokens import FoundWords, build_tokens
from indexer.index.writing import BulkWriting, WhooshWriting
from indexer.ingest.doc_ids import assign_doc_ids
from indexer.model import Document
from indexer.pinyin.lexicon_build import lexicon_from_texts, save_lexicon
from indexer.targets.panel import extract_report, save_targets

TEXT_BATCH = 10_000  # paragraphs read at a time for the lexicon
PARALLEL_BYTES = 1_000_000  # files to read of this size in all are analysed in worker processes
READING = "reading, analysis and writing"  # the first stage: files read, analysed, written by Whoosh


@dataclass
class BuildSummary:
    documents: int = 0
    paragraphs: int = 0
    characters: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    files_read: int = 0
    files_unchanged: int = 0
    members_unchanged: int = 0  # archive members carried over from the live generation, not read again
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (doc_id or path, message)
    generation: str = ""
    stages: dict[str, StageTime] = field(default_factory=dict)  # each stage's wall and CPU time, in order


def build(
    paths: Iterable[Path],
    root: Path,
    rebuild: bool = False,
    progress: bool | None = None,
) -> BuildSummary:
    """Index the files under ``paths`` into ``root`` and publish a new generation.
    ``progress``: see ``Progress`` (None: a bar on a terminal, stage lines elsewhere)."""
    started = time.perf_counter()
    summary = BuildSummary()
    reporter = Progress(progress)
    summary.stages = reporter.stages
    with store.build_lock(root):
        inputs = collect_inputs(paths, summary.skipped)
        live = store.current_generation(root)
        old_sources = _old_sources(live) if live and not rebuild else {}
        if live and old_sources and not _has_changes(inputs, old_sources):
            return _unchanged_summary(summary, old_sources, live, started)
        tmp = store.new_generation_dir(root, live if old_sources else None)
        try:
            words = FoundWords()  # every paragraph's words, from the analysis for Whoosh
            with reporter.stage(READING, line=False):  # its line is the count of what was read
                state = _write_generation(tmp, inputs, old_sources, summary, reporter, words)
            reporter.line(_read_line(summary, time.perf_counter() - started))
            if summary.documents == 0:
                raise NothingIndexed(summary)
            store.write_state(tmp, state)
            with reporter.stage("targets"):
                save_targets(tmp, state)
            with reporter.stage("columns for counting"):
                save_columns(tmp)
            with reporter.stage("words of every paragraph"):  # for the collocations: after the text file and columns
                build_tokens(tmp, words)
            del words  # read by now
            # the two corpus-wide stages, the peaks of memory: in a process of their own on a large corpus
            with reporter.stage("pinyin lexicon"):
                run_stage(build_lexicon, tmp, characters=summary.characters)
            with reporter.stage("expressions"):  # after the lexicon (its terms join words) and the text file
                counted = reporter.counting(lambda: None, "reports' units found")
                run_stage(build_expressions, tmp, characters=summary.characters, done=counted)
            with reporter.stage("publishing", line=False):
                summary.generation = store.publish(root, tmp).name
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    summary.seconds = time.perf_counter() - started
    return summary


class NothingIndexed(Exception):
    """No document could be indexed; the live index (if any) is left as it was."""

    def __init__(self, summary: BuildSummary):
        super().__init__("nothing could be indexed")
        self.summary = summary


def build_lexicon(generation: Path) -> None:
    """The pinyin lexicon of a generation, from every paragraph in it (its text file:
    read a batch at a time, where Whoosh's stored fields took a tenth of the stage)."""
    texts = load_texts(generation)
    if texts is None:
        raise FileNotFoundError(f"{generation} has no text file: save its columns first")
    count = len(texts.offsets) - 1
    batches = (texts.texts(np.arange(k, min(k + TEXT_BATCH, count))) for k in range(0, count, TEXT_BATCH))
    save_lexicon(lexicon_from_texts(text for batch in batches for text in batch), generation)


def _read_line(s: BuildSummary, elapsed: float) -> str:
    return (
        f"{s.documents:,} documents, {s.paragraphs:,} paragraphs ({s.files_read:,} files read, "
        f"{s.files_unchanged:,} unchanged{_members_line(s)}) in {seconds(elapsed)}"
    )


def _members_line(s: BuildSummary) -> str:
    return f", {s.members_unchanged:,} archive members unchanged" if s.members_unchanged else ""


def _has_changes(inputs: list[InputFile], old_sources: dict[str, dict]) -> bool:
    current = {f.source: f.fingerprint() for f in inputs}
    return current != {s: v["fingerprint"] for s, v in old_sources.items()}


def _unchanged_summary(summary: BuildSummary, sources: dict[str, dict], live: Path, started: float) -> BuildSummary:
    """Nothing to do: the live generation already holds exactly these files."""
    _count(summary, sources)
    summary.skipped.extend(tuple(entry) for s in sources.values() for entry in s.get("skipped", []))
    summary.files_unchanged = len(sources)
    summary.generation = live.name
    summary.seconds = time.perf_counter() - started
    return summary


def _count(summary: BuildSummary, sources: dict[str, dict]) -> None:
    documents = [d for s in sources.values() for d in s["documents"]]
    summary.documents = len(documents)
    summary.paragraphs = sum(d["paragraphs"] for d in documents)
    summary.characters = sum(s.get("characters", 0) for s in sources.values())


def _old_sources(live: Path) -> dict[str, dict]:
    try:
        state = store.read_state(live)
    except (OSError, ValueError):
        return {}
    return state.get("sources", {}) if state.get("version") == PIPELINE_VERSION else {}


def _write_generation(
    tmp: Path,
    inputs: list[InputFile],
    old_sources: dict[str, dict],
    summary: BuildSummary,
    reporter: Progress,
    words: FoundWords,
) -> dict:
    ix = whoosh_index.open_dir(str(tmp)) if old_sources else whoosh_index.create_in(str(tmp), make_schema())
    fingerprints = {f.source: f.fingerprint() for f in inputs}
    unchanged = {s for s, fp in fingerprints.items() if old_sources.get(s, {}).get("fingerprint") == fp}
    sources = {s: old_sources[s] for s in unchanged}
    new = [f for f in inputs if f.source not in unchanged]
    plans = {f.source: plan for f in new if (plan := _archive_plan(f, old_sources)) is not None}
    carried = {d["doc_id"] for s in unchanged for d in old_sources[s]["documents"]}
    carried |= {i for s, plan in plans.items() for m in plan.carried for i in old_sources[s]["members"][m]["doc_ids"]}
    taken = set(carried)  # kept by what is carried over; new documents are given others
    sketches = {k: v for s in old_sources.values() for k, v in s.get("sketches", {}).items() if k in carried}
    words.carry(tmp, carried)  # a copy of the live generation: its paragraphs' words are saved
    # A full build analyses and writes in a worker process per core, each writing
    # segments of its own in bulk; an update adds a segment to the copy of the live
    # generation with Whoosh's writer, which also deletes (``indexer.index.writing``).
    # Segments stay separate files: Whoosh reads a compound segment's postings into
    # memory again for every searcher (600 MB each on the provinces corpus), where a
    # plain file is read through the page cache that every searcher and process shares.
    parallel = sum(map(_size, new)) >= PARALLEL_BYTES
    writing = WhooshWriting(ix, parallel) if old_sources else BulkWriting(tmp, ix.schema, parallel)
    try:
        for stale in set(old_sources) - unchanged - plans.keys():
            writing.delete(stale)
        if plans:  # changed archives: their changed and removed members' documents
            writing.delete_documents({d["doc_id"] for s in plans for d in old_sources[s]["documents"]} - carried)
        for source in sorted(unchanged):  # what was skipped in them, said again
            summary.skipped.extend(map(tuple, old_sources[source].get("skipped", [])))
        read_so_far = lambda: sum(len(sources[s]["documents"]) for s in sources.keys() - unchanged)  # noqa: E731
        written = reporter.counting(words.add_document)
        for file in reporter.files(new, len(unchanged), read_so_far):
            already_skipped = len(summary.skipped)
            plan = plans.get(file.source, ArchivePlan())
            documents = read_input(file, summary, plan) or []
            documents, new_sketches = _distinct(documents, sketches, summary)
            assign_doc_ids(documents, taken)
            writing.send(documents, file.source, written)
            summary.warnings.extend((doc.doc_id, w) for doc in documents for w in doc.warnings)
            named = {doc.doc_id: new_sketches[id(doc)] for doc in documents}
            sketches.update(named)
            sources[file.source] = {
                "fingerprint": fingerprints[file.source],
                "documents": [doc.metadata() for doc in documents],
                "sketches": named,
                "targets": {doc.doc_id: found for doc in documents if (found := extract_report(doc)) is not None},
                "characters": sum(len(p.text) for d in documents for p in d.paragraphs),
                # a file that cannot be read is kept with its reasons: not read again until it changes
                "skipped": summary.skipped[already_skipped:],
            }
            if file.is_archive:
                members = member_records(file, plan.fingerprints, documents, summary.skipped[already_skipped:])
                _take_carried(sources[file.source], old_sources.get(file.source), plan.carried, members)
                summary.members_unchanged += len(plan.carried)
        writing.finish()
    except BaseException:
        writing.cancel()
        raise
    summary.files_unchanged = len(unchanged)
    _count(summary, sources)
    return {"version": PIPELINE_VERSION, "sources": sources}


def _archive_plan(file: InputFile, old_sources: dict[str, dict]) -> ArchivePlan | None:
    """For a changed archive the live generation has member records of: which members to read."""
    old_members = old_sources.get(file.source, {}).get("members")
    return plan_archive(file, old_members) if file.is_archive and old_members else None


def _take_carried(record: dict, old: dict | None, carried: list[str], members: dict[str, dict]) -> None:
    """An archive's state record with its carried members' documents put back, in the
    archive's order of members (as a full build lists them)."""
    if carried:
        assert old is not None
        members.update({name: old["members"][name] for name in carried})
        ids = {i for name in carried for i in old["members"][name]["doc_ids"]}
        record["documents"] += [d for d in old["documents"] if d["doc_id"] in ids]
        record["sketches"].update({k: v for k, v in old.get("sketches", {}).items() if k in ids})
        record["targets"].update({k: v for k, v in old.get("targets", {}).items() if k in ids})
        record["characters"] += sum(old["members"][name]["characters"] for name in carried)
        record["skipped"] += [e for name in carried for e in old["members"][name]["skipped"]]
    order = {name: k for k, name in enumerate(members)}  # as they were met
    rank = {i: order[name] for name, m in members.items() for i in m["doc_ids"]}
    record["documents"].sort(key=lambda d: rank.get(d["doc_id"], -1))
    record["members"] = members


def _distinct(
    documents: list[Document], kept: dict[str, list[int]], summary: BuildSummary
) -> tuple[list[Document], dict[int, list[int]]]:
    """The documents without near-duplicates of each other or of those already kept;
    of two new ones, the one whose metadata raised fewer warnings stays."""
    keys = {f"new:{k}": doc for k, doc in enumerate(documents)}
    new = {key: sketch(" ".join(p.text for p in doc.paragraphs)) for key, doc in keys.items()}
    dropped: set[str] = set()
    for a, b, score in near_duplicates(new, kept):
        if a in dropped or b in dropped:
            continue
        loser, winner = (b, a) if b in keys and _worse(keys[b], keys[a]) else (a, b)
        dropped.add(loser)
        name = _named(keys[winner]) if winner in keys else winner  # a kept document is named by its id
        summary.skipped.append((_named(keys[loser]), f"a near-duplicate of {name} ({score:.0%} alike): not indexed"))
    kept_docs = [doc for key, doc in keys.items() if key not in dropped]
    return kept_docs, {id(doc): new[key] for key, doc in keys.items() if key not in dropped}


def _named(doc: Document) -> str:
    return f"{doc.source} {doc.source_part}".strip()


def _worse(a: Document, b: Document) -> bool:
    return (len(a.warnings), a.source) > (len(b.warnings), b.source)


def _size(file: InputFile) -> int:
    try:
        return file.path.stat().st_size
    except OSError:  # said when it is read
        return 0
