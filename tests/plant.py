"""Planted bugs: each a small text substitution in a copy of the tree, and the tests of
its feature run against that copy; a table says which were caught.

    python -m tests.plant            every planting
    python -m tests.plant --list     their names
    python -m tests.plant NAME …     the ones named

The copy is made of the tracked files (``git ls-files``) with the corpus folders
linked, in a temporary folder that is removed after; the checkout is never changed.
Plantings that leave the build alone share one sample index, built by the first of
them (whose change is not in the build), or the one ``POLICY_SEARCH_TEST_INDEX`` names
(kept by an earlier test run of the unplanted tree); one that changes the build gets
its own (``--share-index``: the shared one; quicker, and only the tests that build their
own indexes or read the files through the engine see the change). Not part of ``make test`` (``make plant`` runs it: each planting is a pytest run)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.plantings import PLANTS, Plant

ROOT = Path(__file__).resolve().parents[1]
LINKED = ("corpus", "corpus-cities")


def copy_tree(target: Path) -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in tracked.splitlines():
        if name.split("/", 1)[0] in LINKED or not (ROOT / name).is_file():
            continue
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    for name in LINKED:
        (target / name).symlink_to(ROOT / name)


def plant(tree: Path, p: Plant) -> None:
    path = tree / p.file
    text = path.read_text(encoding="utf-8")
    if text.count(p.old) != 1:
        raise SystemExit(f"{p.name}: {p.old!r} is not in {p.file} exactly once: the planting needs updating")
    path.write_text(text.replace(p.old, p.new), encoding="utf-8")


def run_tests(tree: Path, tests: tuple[str, ...], index: Path) -> tuple[bool, str]:
    """(caught, the failing tests or the summary line)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "POLICY_SEARCH_TEST_INDEX": str(index)}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests]
    run = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    failed = [line.split(" ", 1)[1].split(" - ")[0] for line in run.stdout.splitlines() if line.startswith("FAILED")]
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr.strip()[-200:]
    return run.returncode != 0, ", ".join(named(failed)) or summary


def named(failed: list[str]) -> list[str]:
    """tests/test_trend.py::test_x[a] and ::test_x[b] → test_trend::test_x (2 cases)."""
    counts: dict[str, int] = {}
    for test in failed:
        path, _, name = test.partition("::")
        key = f"{Path(path).stem}::{name.split('[')[0]}"
        counts[key] = counts.get(key, 0) + 1
    return [f"{key} ({n} cases)" if n > 1 else key for key, n in counts.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="plantings to run (all by default)")
    parser.add_argument("--list", action="store_true", help="list the plantings")
    parser.add_argument(
        "--share-index",
        action="store_true",
        help="plantings that change the build use the shared index too (quicker: only the tests that "
        "build their own indexes or read the files through the engine see the change)",
    )
    args = parser.parse_args(argv)
    if args.list:
        for p in PLANTS:
            print(f"{p.name}: {p.file} ({', '.join(p.tests)})")
        return 0
    unknown = set(args.names) - {p.name for p in PLANTS}
    if unknown:
        raise SystemExit(f"unknown planting: {', '.join(sorted(unknown))} (--list names them)")
    chosen = [p for p in PLANTS if not args.names or p.name in args.names]
    rows = []
    with tempfile.TemporaryDirectory(prefix="plant-") as tmp:
        shared = Path(os.environ.get("POLICY_SEARCH_TEST_INDEX") or Path(tmp) / "shared-index")
        for p in chosen:
            tree = Path(tmp) / p.name
            copy_tree(tree)
            plant(tree, p)
            started = time.perf_counter()
            own = p.changes_the_build and not args.share_index
            caught, detail = run_tests(tree, p.tests, Path(tmp) / f"{p.name}-index" if own else shared)
            if p.changes_the_build and not own:
                detail += "; on the unplanted sample index"
            rows.append((p, caught, detail, time.perf_counter() - started))
            print(f"{p.name}: {'caught' if caught else 'SURVIVED'} ({detail})", file=sys.stderr, flush=True)
            shutil.rmtree(tree)
    print("| planted bug | tests run | result |\n|---|---|---|")
    for p, caught, detail, seconds in rows:
        result = f"caught by {detail}" if caught else "**survived**"
        print(f"| {p.name} (`{p.file}`) | {', '.join(Path(t).stem for t in p.tests)} | {result} ({seconds:.0f} s) |")
    return 0 if all(caught for _, caught, _, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
