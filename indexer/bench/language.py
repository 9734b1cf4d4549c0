"""Reading the language (issues #12, #21): what counting every report's expressions
adds to a build, and how long a report's new expressions, a year's view (with the
paragraphs it links) and a comparison take, with no query cached before each (goals of
#21: a report's new expressions and the year view ≤ 300 ms; collocations are timed in
``indexer.bench.collocates``).

    python -m indexer.bench.language GENERATION   counts a generation's expressions (timed by the bench)
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from indexer.bench.measure import p50, p95, run_command, timings_ms
from indexer.index.expressions import count_expressions
from indexer.search import SearchIndex
from indexer.search.compare import compare, side
from indexer.search.novelty import WORK_REPORT, earlier_reports, new_terms
from indexer.search.novelty_year import add_paragraphs, year_news

REPORTS = 20  # work reports sampled for the new-expression timings
COMPARISONS = [
    ("province:广东", "province:贵州"),
    ("year:2024 level:provincial", "year:2014 level:provincial"),
    ("level:provincial", "level:national"),
]


def language_rows(root: Path) -> dict:
    snap = SearchIndex(root).snapshot()
    uncached = snap.forget_cached_queries
    build = run_command([sys.executable, "-m", "indexer.bench.language", str(snap.generation)])
    matrix = snap.expressions
    reports = [
        d["doc_id"]
        for d in snap.sorted_documents()
        if d.get("doc_type") == WORK_REPORT and d.get("lang") == "zh" and earlier_reports(snap, d, 1)
    ]
    sample = random.Random(12).sample(reports, min(REPORTS, len(reports)))
    years = sorted({snap.documents[d]["year"] for d in reports}, reverse=True)[:3]
    return {
        "build": (build.seconds, build.peak_mb),
        "terms": len(matrix.terms),
        "entries": len(matrix.indices),
        "disk_mb": sum(f.stat().st_size for f in snap.generation.glob("expressions-*.npy")) / 2**20,
        "new_3": timings_ms(lambda d: new_terms(snap, d, 3), sample, uncached),
        "new_all": timings_ms(lambda d: new_terms(snap, d, None), sample, uncached),
        "year": timings_ms(lambda y: year_view(snap, int(y)), map(str, years), uncached),
        "compare": timings_ms(
            lambda pair: compare(snap, side(snap, "a", pair[0]), side(snap, "b", pair[1])), COMPARISONS, uncached
        ),
    }


def year_view(snap, year: int) -> None:
    """What ``/new?year=`` asks the engine: the year's new vocabulary and where each is used."""
    add_paragraphs(snap, year_news(snap, year).terms)


def language_table(rows: list[dict]) -> list[str]:
    measured = [r for r in rows if "language" in r]
    if not measured:
        return []
    out = [
        "",
        "**Reading the language** (issues #12, #21): counting every report's expressions, a step of every "
        "build (timed here on its own: wall time, peak RSS), its size, and p50 / p95 with no query cached of a "
        f"report's new expressions against 3 and against all earlier reports ({REPORTS} work reports; goal "
        "≤ 300 ms), of the year view with its paragraphs (the 3 latest years; goal ≤ 300 ms) and of "
        f"{len(COMPARISONS)} comparisons.",
        "",
        "| corpus | expressions step | terms · entries · disk | new, 3 earlier | new, all earlier | a year | a comparison |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in measured:
        x = r["language"]
        seconds, peak = x["build"]
        cells = [f"{p50(x[k]):.0f} / {p95(x[k]):.0f} ms" for k in ("new_3", "new_all", "year", "compare")]
        out.append(
            f"| {r['name']} | {seconds:.0f} s, {peak:.0f} MB | {x['terms']:,} · {x['entries'] / 1e6:.1f} M · "
            f"{x['disk_mb']:.0f} MB | {' | '.join(cells)} |"
        )
    return out


if __name__ == "__main__":
    count_expressions(Path(sys.argv[1]))
