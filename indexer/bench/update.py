"""Updates (issue #22): how long ``policy-search index`` takes on a built index when
nothing changed, when 31 reports leave the corpus and when they come back (as a new
folder, and as members of the archive).

The 31 reports are the 2025 work reports of the provinces and the four municipalities,
members of the bundled provinces archive. They leave and come back through the
corpus's manifest (``skip = "…"`` on each member), as a user would hold reports back:
the archive itself is not touched, so the update shows whether a build re-reads only
the members that changed. In between they are added as a folder of their own, as next
year's reports would be. Everything runs on a copy of the corpus and of the built
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
    """Wall and CPU seconds of a build with nothing changed, with the reports held back,
    with them added as a new folder, with that folder gone, and with them back as members."""
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
    result = {"reports": len(members), "unchanged": _timed(command)}
    manifest.write_text(original + skips, encoding="utf-8")
    result["removed"] = _timed(command)
    folder = _as_folder(corpus_folder / ARCHIVE, members, work / f"reports-{YEAR}")
    result["folder_added"] = _timed([*command, str(folder)])
    result["folder_removed"] = _timed(command)
    manifest.write_text(original, encoding="utf-8")
    result["added"] = _timed(command)
    shutil.rmtree(work, ignore_errors=True)
    return result


def _as_folder(archive: Path, members: list[str], folder: Path) -> Path:
    """The members, as files of a new folder (next year's reports, as a user adds them)."""
    with tarfile.open(archive) as opened:
        for name in members:
            data = opened.extractfile(name)
            assert data is not None
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data.read())
    return folder


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + sys, its worker processes included) seconds."""
    run = run_command(command)
    if run.returncode:
        raise SystemExit(f"{' '.join(command)} failed (exit {run.returncode})")
    return run.seconds, run.cpu_seconds


CASES = {
    "unchanged": "nothing changed",
    "removed": "{n} reports held back",
    "folder_added": "{n} added as a new folder",
    "folder_removed": "that folder removed",
    "added": "{n} back as members",
}


def render(name: str, result: dict) -> list[str]:
    n = result["reports"]
    cases = [case for case in CASES if case in result]
    return [
        "",
        f"**Updates** on {name} (issue #22, `indexer/bench/update.py`): `policy-search index` on the built index "
        f"(a copy), wall / CPU (user + sys, worker processes included): with nothing changed; with the {n} {YEAR} "
        "provincial-level work reports held back through the manifest (members of the provinces archive); with "
        "the same reports added as a new folder; with that folder removed; with the members back.",
        "",
        "| corpus | " + " | ".join(CASES[case].format(n=n) for case in cases) + " |",
        "|---|" + "---:|" * len(cases),
        f"| {name} | " + " | ".join(f"{result[case][0]:.1f} / {result[case][1]:.1f} s" for case in cases) + " |",
    ]
