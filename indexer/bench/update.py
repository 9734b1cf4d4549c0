"""Updates (issue #22): how long ``policy-search index`` takes on a built index when
nothing changed, when 31 reports leave the corpus and when they come back.

The 31 reports are the 2025 work reports of the provinces and the four municipalities,
members of the bundled provinces archive. They leave and come back through the
corpus's manifest (``skip = "…"`` on each member), as a user would hold reports back:
the archive itself is not touched, so the update shows whether a build re-reads only
the members that changed. Everything runs on a copy of the corpus and of the built
index, so the bench's own index is left as built."""

from __future__ import annotations

import shutil
import sys
import tarfile
from pathlib import Path

from indexer.bench.corpora import BENCH_DIR, Corpus
from indexer.bench.measure import run_command
from indexer.ingest.manifest import MANIFEST_NAME

ARCHIVE = Path("lawtext-gov") / "provinces.tar.xz"
YEAR = "2025"
LEVELS = ("政府工作报告-省自治区/", "政府工作报告-主要城市/")


def held_back(corpus_folder: Path) -> list[str]:
    """The archive's members that are YEAR's provincial-level work reports."""
    with tarfile.open(corpus_folder / ARCHIVE) as archive:
        return sorted(
            m.name for m in archive if m.isfile() and m.name.startswith(LEVELS) and m.name.endswith(f"/{YEAR}.md")
        )


def update_rows(c: Corpus, root: Path) -> dict:
    """Seconds of a build with nothing changed, with the reports held back, with them back."""
    work = BENCH_DIR / c.name / "update"
    shutil.rmtree(work, ignore_errors=True)
    paths = [work / p.name for p in c.paths]
    for source, copy in zip(c.paths, paths, strict=True):
        shutil.copytree(source, copy)  # copy2: the files keep their times, so they read as unchanged
    index = work / "index"
    shutil.copytree(root, index, symlinks=True)
    corpus_folder = next(p for p in paths if (p / ARCHIVE).exists())
    manifest = corpus_folder / MANIFEST_NAME
    original = manifest.read_text(encoding="utf-8")
    members = held_back(corpus_folder)
    skips = "".join(f'\n["{ARCHIVE.as_posix()}!{m}"]\nskip = "held back by the bench"\n' for m in members)
    command = [str(Path(sys.executable).parent / "policy-search"), "index", "--index", str(index), *map(str, paths)]
    result = {"reports": len(members), "unchanged_s": _timed(command)}
    manifest.write_text(original + skips, encoding="utf-8")
    result["removed_s"] = _timed(command)
    manifest.write_text(original, encoding="utf-8")
    result["added_s"] = _timed(command)
    shutil.rmtree(work, ignore_errors=True)
    return result


def _timed(command: list[str]) -> float:
    run = run_command(command)
    if run.returncode:
        raise SystemExit(f"{' '.join(command)} failed (exit {run.returncode})")
    return run.seconds


def render(name: str, result: dict) -> list[str]:
    return [
        "",
        f"**Updates** on {name} (issue #22, `indexer/bench/update.py`): `policy-search index` on the built index "
        f"(a copy) with nothing changed; with the {result['reports']} {YEAR} provincial-level work reports held "
        "back through the manifest (members of the provinces archive); with them back.",
        "",
        f"| corpus | nothing changed | {result['reports']} reports removed | {result['reports']} reports added |",
        "|---|---:|---:|---:|",
        f"| {name} | {result['unchanged_s']:.1f} s | {result['removed_s']:.1f} s | {result['added_s']:.1f} s |",
    ]
