"""First uses over every work report of a corpus folder, nation, provinces and cities,
read straight from the source files (``tests.truth``: tarfile, yaml, the tests' own
normaliser; no ``indexer`` import for the truth), against the year view.

A place's first use of a term is the year of its first work report (in year order)
whose text contains the term; a place's first report in the corpus has nothing to be
compared with, so a term in it is no first use. Places: the nation, a province or
municipality (its short name), a city (its folder's short name, with the source's
misfiled folders of ``tests.truth.meta`` put right).

Run as a script to measure the year view's recall on an index:
``python tests/first_use_scan.py INDEX FOLDER [FOLDER …]`` (the folders the index was
built from, e.g. corpus corpus-cities).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from tests.truth.files import texts
from tests.truth.meta import NATION, archive_place
from tests.truth.normal import fold

# Terms named in no issue and in no other test, first used in 2003–2024 (chosen for this check).
TERMS = (
    "科学发展观",
    "和谐社会",
    "新农村建设",
    "节能减排",
    "精准扶贫",
    "一带一路",
    "新常态",
    "互联网+",
    "供给侧结构性改革",
    "放管服",
    "河长制",
    "最多跑一次",
    "污染防治攻坚战",
    "专精特新",
    "新基建",
    "一老一小",
    "双减",
    "统一大市场",
    "数据要素",
    "银发经济",
    "新型储能",
)

Place = tuple[str, str]  # (level, name)


def work_reports(folder: Path) -> Iterator[tuple[Place, int, str]]:
    """Every Chinese work report under a folder: its place, year and folded text."""
    for text in texts(folder):
        path = text.source.partition("#")[0]
        if "!" in path:
            if not (found := archive_place(path.split("!", 1)[1])):
                continue
            level, place, year = found
        elif path.endswith(".jsonl") and "决议" not in text.title:
            level, place, year = "national", NATION, int(text.fields["year"])
        else:
            continue  # the seeds: the 2020 collection repeats the archive's reports; the rest is English
        yield (level, place), year, fold("\n".join([text.title, *text.lines]))


def first_uses(folders: list[Path], terms: tuple[str, ...]) -> dict[str, dict[Place, int]]:
    """For each term, each place's year of first use (none in a place's first report)."""
    reports = sorted((year, place, body) for folder in folders for place, year, body in work_reports(folder))
    first_report: dict[Place, int] = {}
    out: dict[str, dict[Place, int]] = {term: {} for term in terms}
    for year, place, body in reports:
        first_report.setdefault(place, year)
        for term in terms:
            if fold(term) in body and place not in out[term]:
                out[term][place] = year
    return {t: {p: y for p, y in firsts.items() if y > first_report[p]} for t, firsts in out.items()}


def _measure(index: str, folders: list[str]) -> None:
    """Print, per term, the first uses the year view lists (the term itself, or a listed
    expression containing it) and the ones it misses."""
    from indexer.search import SearchIndex
    from indexer.search.novelty_year import LEVELS, year_news

    truth = first_uses([Path(f) for f in folders], TERMS)
    snap = SearchIndex(Path(index)).snapshot()
    named = _index_names(snap)
    listed: dict[tuple[str, int], set[Place]] = defaultdict(set)
    within: dict[tuple[str, int], set[Place]] = defaultdict(set)  # under a listed expression containing it
    for year in sorted({y for firsts in truth.values() for y in firsts.values()}):
        for level in LEVELS:
            for entry in year_news(snap, year, level, min_places=1).terms:
                for term in TERMS:
                    if fold(term) in entry.term:
                        places = {_place(d) for d in entry.reports}
                        (listed if entry.term == fold(term) else within)[(term, year)] |= places
    found = contained = total = 0
    for term, firsts in truth.items():
        firsts = {named(p): y for p, y in firsts.items()}
        exact = {p for p, y in firsts.items() if p in listed[(term, y)]}
        inside = {p for p, y in firsts.items() if p not in exact and p in within[(term, y)]}
        missed = sorted(f"{p[1]}{y}" for p, y in firsts.items() if p not in exact | inside)
        found, contained, total = found + len(exact), contained + len(inside), total + len(firsts)
        print(f"{term}: {len(exact)}+{len(inside)}/{len(firsts)}; missed: {' '.join(missed)}")
    print(
        f"year view: {found} of {total} first uses ({found / max(total, 1):.1%}); "
        f"with a longer listed expression: {found + contained} ({(found + contained) / max(total, 1):.1%})"
    )


def _index_names(snap) -> callable:
    """The index's name of a place of the files: an autonomous prefecture is 恩施州 there."""
    cities = {d.get("city") for d in snap.documents.values() if d.get("city")}
    short_forms = sorted((c for c in cities if c.endswith("州")), key=len, reverse=True)

    def named(place: Place) -> Place:
        level, name = place
        if level == "city" and name not in cities and name.endswith("自治州"):
            name = next((c for c in short_forms if name.startswith(c[:-1])), name)
        return level, name

    return named


def _place(doc: dict) -> Place:
    level = doc.get("level")
    return level, doc.get("city") if level == "city" else doc.get("province")


if __name__ == "__main__":
    _measure(sys.argv[1], sys.argv[2:])
