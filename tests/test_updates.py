"""Updates (issue #22): a new, changed or removed member of an archive is read alone, the
others carried over with their doc_ids; the corpus-wide tables of an update are those
of a rebuild of the same files; a failed update leaves the live index as it was.

The truth for "what is read" is the members the test itself wrote into the archive;
for "the same index" it is a rebuild from scratch of the same files, compared table
by table (documents, hits and facet counts for fixed queries, every saved array of
the lexicon and the expressions, the columns and words of each paragraph)."""

from __future__ import annotations

import hashlib
import io
import tarfile
from functools import cache
from pathlib import Path

import numpy as np
import pytest

import indexer.index.build as build_module
import indexer.index.reading as reading_module
from indexer.index import store
from indexer.index.build import build
from indexer.index.columns import DOC, load_characters, load_columns, load_lengths
from indexer.index.texts import load_texts
from indexer.index.tokens import Tokens
from indexer.search import SearchIndex, SearchRequest, search
from tests.conftest import PROVINCES_ARCHIVE, write

SICHUAN = "政府工作报告-省自治区/四川省/"
QUERIES = ("乡村振兴", "成渝地区双城经济圈", "高质量发展 四川", '"一带一路"', "nuclear OR 核")


@cache
def sichuan(year: int) -> bytes:
    """A Sichuan work report, as the bundled archive holds it."""
    with tarfile.open(PROVINCES_ARCHIVE) as archive:
        member = archive.extractfile(f"{SICHUAN}{year}.md")
        assert member is not None
        return member.read()


def write_archive(path: Path, members: dict[str, bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def reports(*years: int) -> dict[str, bytes]:
    return {f"{SICHUAN}{year}.md": sichuan(year) for year in years}


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The names of the archive members and files read by the builds of a test."""
    names: list[str] = []
    from_bytes, from_file = reading_module.documents_from_bytes, reading_module.documents_from_file
    monkeypatch.setattr(
        reading_module, "documents_from_bytes", lambda data, name, *a: names.append(name) or from_bytes(data, name, *a)
    )
    monkeypatch.setattr(
        reading_module, "documents_from_file", lambda path, *a: names.append(path.name) or from_file(path, *a)
    )
    return names


def test_a_new_member_of_an_archive_is_read_alone(tmp_path, reads):
    archive = write_archive(tmp_path / "in" / "reports.tar.gz", reports(2016, 2017, 2018))
    root = tmp_path / "index"
    first = build([tmp_path / "in"], root, progress=False)
    ids = {d["doc_id"] for d in state_of(root)["documents"]}
    assert sorted(reads) == sorted(reports(2016, 2017, 2018)) and first.documents == 3
    reads.clear()

    write_archive(archive, reports(2016, 2017, 2018, 2021))
    summary = build([tmp_path / "in"], root, progress=False)
    assert reads == [f"{SICHUAN}2021.md"]
    assert (summary.files_read, summary.members_unchanged, summary.documents) == (1, 3, 4)
    assert ids < {d["doc_id"] for d in state_of(root)["documents"]}  # the carried documents keep their ids
    assert total_of(root, "成渝地区双城经济圈") == total_of_rebuild(tmp_path, "成渝地区双城经济圈")


def state_of(root: Path) -> dict:
    return store.read_state(store.require_generation(root))["sources"]["in/reports.tar.gz"]


def test_a_changed_and_a_removed_member_are_read_alone(tmp_path, reads):
    archive = write_archive(tmp_path / "in" / "reports.tar.gz", reports(2016, 2017, 2018))
    root = tmp_path / "index"
    build([tmp_path / "in"], root, progress=False)
    reads.clear()
    changed = sichuan(2017) + "\n推进核技术应用产业发展。\n".encode()
    write_archive(archive, {**reports(2016), f"{SICHUAN}2017.md": changed})
    summary = build([tmp_path / "in"], root, progress=False)
    assert reads == [f"{SICHUAN}2017.md"]
    assert (summary.members_unchanged, summary.documents) == (1, 2)
    assert total_of(root, "核技术应用") == 1
    assert total_of(root, "乡村振兴") == total_of_rebuild(tmp_path, "乡村振兴")


def test_a_member_held_back_by_the_manifest_leaves_and_comes_back_alone(tmp_path, reads):
    folder = tmp_path / "in"
    write_archive(folder / "reports.tar.gz", reports(2016, 2017, 2018))
    root = tmp_path / "index"
    build([folder], root, progress=False)
    reads.clear()
    write(folder / "manifest.toml", f'["reports.tar.gz!{SICHUAN}2018.md"]\nskip = "held back"\n')
    summary = build([folder], root, progress=False)
    assert (reads, summary.members_unchanged, summary.documents) == ([], 2, 2)
    assert (f"in/reports.tar.gz!{SICHUAN}2018.md", "not indexed: held back") in summary.skipped
    (folder / "manifest.toml").unlink()
    summary = build([folder], root, progress=False)
    assert (reads, summary.members_unchanged, summary.documents) == ([f"{SICHUAN}2018.md"], 2, 3)


def test_a_members_new_manifest_entry_has_it_read_again(tmp_path, reads):
    folder = tmp_path / "in"
    write_archive(folder / "reports.tar.gz", reports(2016, 2017))
    root = tmp_path / "index"
    build([folder], root, progress=False)
    reads.clear()
    title = "四川省2017年政府工作报告（修订本）"
    write(folder / "manifest.toml", f'["reports.tar.gz!{SICHUAN}2017.md"]\ntitle = "{title}"\n')
    summary = build([folder], root, progress=False)
    assert (reads, summary.members_unchanged) == ([f"{SICHUAN}2017.md"], 1)
    assert title in [d["title"] for d in state_of(root)["documents"]]


def total_of(root: Path, q: str) -> int:
    return search(SearchIndex(root).snapshot(), SearchRequest(q)).summary.total


def total_of_rebuild(tmp_path: Path, q: str) -> int:
    return total_of(rebuilt(tmp_path, [tmp_path / "in"]), q)


def rebuilt(tmp_path: Path, inputs: list[Path]) -> Path:
    root = tmp_path / "rebuilt"
    build(inputs, root, rebuild=True, progress=False)
    return root


def change_everything(folder: Path) -> list[Path]:
    """A new member, a changed one and a removed one in the archive; a changed text
    file, a removed one, and a new folder with a report of its own."""
    changed = sichuan(2017).replace("乡村振兴".encode(), "乡村全面振兴".encode(), 3)
    write_archive(folder / "reports.tar.gz", {**reports(2016, 2021), f"{SICHUAN}2017.md": changed})
    write(folder / "notes.txt", "2021 Sichuan work plan\nNuclear technology comes first.\n")
    (folder / "old.txt").unlink()
    return [folder, write(folder.parent / "next" / "2022.md", sichuan(2022)).parent]


def test_an_update_is_a_rebuild(tmp_path, reads):
    folder = tmp_path / "in"
    write_archive(folder / "reports.tar.gz", reports(2016, 2017, 2018))
    write(folder / "notes.txt", "2021 Sichuan work plan\nResolutely win the battle against poverty.\n")
    write(folder / "old.txt", "2015年四川省政府工作报告\n推进乡村振兴，建设美丽四川。\n")
    root = tmp_path / "index"
    build([folder], root, progress=False)
    reads.clear()
    inputs = change_everything(folder)
    build(inputs, root, progress=False)
    assert sorted(reads) == sorted([f"{SICHUAN}2021.md", f"{SICHUAN}2017.md", "notes.txt", "2022.md"])
    assert_same_index(root, rebuilt(tmp_path, inputs))


def assert_same_index(update_root: Path, rebuild_root: Path) -> None:
    update, rebuild = store.require_generation(update_root), store.require_generation(rebuild_root)
    assert documents(update) == documents(rebuild)
    for table in ("lexicon-", "expressions-"):
        names = sorted(p.name for p in rebuild.glob(f"{table}*.npy"))
        assert names and names == sorted(p.name for p in update.glob(f"{table}*.npy"))
        for name in names:
            assert np.array_equal(np.load(update / name), np.load(rebuild / name)), name
    assert paragraphs(update) == paragraphs(rebuild)
    for q in QUERIES:
        assert answer(update_root, q) == answer(rebuild_root, q), q


def documents(generation: Path) -> dict:
    state = store.read_state(generation)
    return {
        source: (s["documents"], s["targets"], s["characters"], sorted(map(tuple, s["skipped"])), s.get("members"))
        for source, s in state["sources"].items()
    }


def paragraphs(generation: Path) -> dict:
    """Each paragraph's columns, lengths and words, by report and paragraph number."""
    columns, lengths, texts = load_columns(generation), load_lengths(generation), load_texts(generation)
    characters, tokens = load_characters(generation), Tokens.load(generation)
    assert texts is not None and tokens is not None
    out = {}
    for d in np.flatnonzero(np.asarray(characters) > 0).tolist():  # a deleted paragraph has no text
        doc_id = columns[DOC].values[columns[DOC].codes[d]]
        words = tokens.vocabulary[tokens.ids[tokens.offsets[d] : tokens.offsets[d + 1]]].tolist()
        out[doc_id, int(texts.numbers[d])] = (
            {name: c.values[c.codes[d]] for name, c in columns.items()},
            {name: int(v[d]) for name, v in lengths.items()},
            texts.texts(np.array([d]))[0],
            words,
        )
    return out


def answer(root: Path, q: str) -> tuple:
    """The total and every facet's counts."""
    result = search(SearchIndex(root).snapshot(), SearchRequest(q))
    facets = {name: sorted((v.value, v.count) for v in values) for name, values in result.summary.facets.items()}
    return result.summary.total, facets


def explode(*args, **kwargs):
    """A failing expressions step (module-level: on a large corpus the step runs in a process of its own)."""
    raise RuntimeError("the expressions failed")


def test_a_failed_update_leaves_the_live_index_as_it_was(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    write_archive(folder / "reports.tar.gz", reports(2016, 2017))
    root = tmp_path / "index"
    build([folder], root, progress=False)
    live = store.require_generation(root)
    before = {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in live.iterdir()}
    write_archive(folder / "reports.tar.gz", reports(2016, 2017, 2018))
    monkeypatch.setattr(build_module, "build_expressions", explode)  # after the lexicon is written
    with pytest.raises(RuntimeError):
        build([folder], root, progress=False)
    assert store.require_generation(root) == live and not list(root.glob("gen-*.tmp"))
    assert {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in live.iterdir()} == before
    monkeypatch.undo()
    assert build([folder], root, progress=False).members_unchanged == 2  # and the next update still carries
