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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINKED = ("corpus", "corpus-cities")


@dataclass(frozen=True)
class Plant:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]
    changes_the_build: bool = False


PLANTS = [
    Plant(
        "dp-absent-reports-not-counted",
        "indexer/search/spread.py",
        "np.abs(share - part) - part",
        "np.abs(share - part)",
        ("tests/test_new_terms.py", "tests/test_compare.py"),
    ),
    Plant(
        "symbol-not-a-token",
        "indexer/analysis/tokenizers.py",
        "|(?P<symbol>\\+)",
        "",
        ("tests/test_phrase_recall.py",),
        changes_the_build=True,
    ),
    Plant(
        "unit-may-begin-with-a-measure-word",
        "indexer/analysis/unit_edges.py",
        'NOT_AT_START = FUNCTION | {"q", ',
        "NOT_AT_START = FUNCTION | {",
        ("tests/test_expression_units.py",),
    ),
    Plant(
        "doubtful-unit-trusted-when-used-twice",
        "indexer/analysis/expressions.py",
        "(n >= MIN_COUNT and u not in units.doubtful)",
        "n >= MIN_COUNT",
        ("tests/test_expression_units.py",),
    ),
    Plant(
        "fragment-end-kept-when-widely-known",
        "indexer/search/novelty.py",
        "keeps = term.startswith(piece) or piece in known_words()",
        "keeps = True",
        ("tests/test_new_terms.py",),
    ),
    Plant(
        "trend-city-first-by-province",
        "indexer/search/trend.py",
        "codes = self.snap.report_values[by][",
        'codes = self.snap.report_values["province"][',
        ("tests/test_trend.py",),
    ),
    Plant(
        "g2-log10",
        "indexer/search/keyness.py",
        "observed * np.log(observed / expected)",
        "observed * np.log10(observed / expected)",
        ("tests/test_compare.py",),
    ),
    Plant(
        "last-paragraph-dropped",
        "indexer/ingest/paragraphs.py",
        "    return paragraphs\n",
        "    return paragraphs[:-1]\n",
        ("tests/test_trend.py", "tests/test_kwic.py", "tests/test_compare.py", "tests/test_facets.py"),
        changes_the_build=True,
    ),
    Plant(
        "reports-indexed-off-by-one",
        "indexer/search/trend.py",
        "row = sums.setdefault(keys[r], [0, 0, 0, 0, 0])",
        "row = sums.setdefault(keys[r], [0, 0, 0, 1, 0])",
        ("tests/test_trend.py",),
    ),
    Plant(
        "rate-over-characters-plus-one",
        "indexer/search/trend.py",
        "self.occurrences * 10_000 / self.characters",
        "self.occurrences * 10_000 / (self.characters + 1)",
        ("tests/test_trend.py",),
    ),
    Plant(
        "left-context-not-reversed",
        "indexer/search/kwic_order.py",
        'side = one_line(side)\n        return side[::-1] if key == "left" else side',
        "side = one_line(side)\n        return side",
        ("tests/test_kwic.py",),
    ),
    Plant(
        "first-appearance-latest-year",
        "indexer/search/trend.py",
        "first_docnums=docnums[np.lexsort((docnums, years))]",
        "first_docnums=docnums[np.lexsort((docnums, -years))]",
        ("tests/test_trend.py",),
    ),
    Plant(
        "facets-ignore-year-filter",
        "indexer/search/facets.py",
        "        if other != facet.name:\n",
        '        if other not in (facet.name, "year"):\n',
        ("tests/test_facets.py",),
    ),
    Plant(
        "pinyin-initials-key-short",
        "indexer/pinyin/lexicon.py",
        "    return initials_keys([initials(char) for char in term])\n",
        "    return [key[:-1] for key in initials_keys([initials(char) for char in term])]\n",
        ("tests/test_pinyin.py",),
        changes_the_build=True,
    ),
    # Plantings in this round's features (issues 13, 19, 24 …)
    Plant(
        "unmatched-choice-not-listed",
        "indexer/search/facets.py",
        "    return values + [FacetValue(value, 0, 0, chosen) for value, chosen in missing.items()]\n",
        "    return values\n",
        ("tests/test_facets.py",),
    ),
    Plant(
        "chinese-filter-name-jibie-unknown",
        "indexer/facets.py",
        'aliases=("级别",),',
        "aliases=(),",
        ("tests/test_query.py",),
    ),
    Plant(
        "place-names-not-weighted",
        "indexer/pinyin/place_names.py",
        "PLACE_WEIGHT = 100 ",
        "PLACE_WEIGHT = 1 ",
        ("tests/test_pinyin.py",),
        changes_the_build=True,
    ),
    Plant(
        "place-name-counts-without-overlaps",
        "indexer/pinyin/ngrams.py",
        "Counter(term for _, term in automaton.iter(text))",
        "Counter(term for _, term in automaton.iter_long(text))",
        ("tests/test_pinyin.py",),
        changes_the_build=True,
    ),
    Plant(
        "zero-width-space-splits-a-paragraph",
        "indexer/ingest/clean.py",
        'text = fold_compatibility(text.replace("\\r\\n", "\\n").replace("\\r", "\\n"))',
        'text = fold_compatibility(text.replace("\\r\\n", "\\n").replace("\\r", "\\n").translate(_INVISIBLE))',
        ("tests/test_trend.py", "tests/test_ingest.py"),
        changes_the_build=True,
    ),
    Plant(
        "sichuan-year-from-file-name",
        "indexer/ingest/metadata.py",
        'year = valid_year(hints.get("year")) or planned or named or filed',
        'year = valid_year(hints.get("year")) or filed or planned or named',
        ("tests/test_trend.py", "tests/test_compare.py", "tests/test_corpus.py"),
        changes_the_build=True,
    ),  # Concordance sorts at two levels and context width (issue 23)
    Plant(
        "kwic-position-one-off",
        "indexer/search/kwic_order.py",
        "at = start - distance if left else end + distance - 1",
        "at = start - distance + 1 if left else end + distance - 1",
        ("tests/test_kwic_sorts.py",),
    ),
    Plant(
        "kwic-second-key-ignored",
        "indexer/search/kwic_order.py",
        "return (sort,) if second in (None, sort) else (sort, second)",
        "return (sort,)",
        ("tests/test_kwic_sorts.py",),
    ),
    Plant(
        "kwic-year-read-in-part-kept",
        "indexer/search/kwic.py",
        "    if read >= len(docnums) or is_context(keys[0])",
        "    if True or read >= len(docnums) or is_context(keys[0])",
        ("tests/test_limits.py",),
    ),
    Plant(
        "kwic-width-ignored-by-page",
        "searchui/params.py",
        'kwic = KwicRequest(search, sort, whole_number(args, "width", DEFAULT_WIDTH), ',
        "kwic = KwicRequest(search, sort, DEFAULT_WIDTH, ",
        ("tests/test_kwic_sorts.py",),
    ),
    Plant(
        "facets-counted-for-every-caller",
        "indexer/search/results.py",
        "prepared.selections) if facets else {}",
        "prepared.selections) if True else {}",
        ("tests/test_facets.py",),
    ),
]


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
