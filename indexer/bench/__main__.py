"""``make bench``: what the engine costs, measured in this run, beside the floor and the
peers on the same text. Prints Markdown tables.

    python -m indexer.bench [--corpus default all] [--no-http] [--reuse] [--formats-only] [--kwic-only]
                            [--trend-only] [--update-only]

Every figure is measured by this run: the index is built by ``policy-search index
--rebuild`` as users run it (wall time and peak memory of the whole process tree);
``--reuse`` keeps an index built before for the query rows and prints no build time.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import warnings
from pathlib import Path

from indexer.bench import collocates, fts5, kwic, peers, readers, stock, trend_page, update
from indexer.bench.corpora import BENCH_DIR, Corpus, corpus
from indexer.bench.fuzz import fuzz_server
from indexer.bench.http import http_rows
from indexer.bench.language import language_rows
from indexer.bench.measure import run_command
from indexer.bench.queries import COMMON, FIXED, distinct_queries, engine_rows, typing
from indexer.bench.report import render
from indexer.pinyin.accuracy import pinyin_terms, place_forms, rate, typed_forms
from indexer.search import SearchIndex, SearchRequest, search

HTTP_DISTINCT = 600  # two uncached rows of 300 different words each
PHRASES = ["双城经济圈", "营商环境", "供给侧结构性改革", "乡村振兴", "twin-city economic circle"]


def build(c: Corpus, root: Path, reuse: bool) -> dict | None:
    if reuse and (root / "CURRENT").exists():
        return None
    command = [str(Path(sys.executable).parent / "policy-search"), "index", "--rebuild", "--json", "--index", str(root)]
    run = run_command([*command, *map(str, c.paths)], output=True)
    if run.returncode:
        raise SystemExit(f"policy-search index failed on {c.paths} (exit {run.returncode})")
    stages = json.loads(run.output)["stages"]
    return {"seconds": run.seconds, "peak_mb": run.peak_mb, "cpu_seconds": run.cpu_seconds, "stages": stages}


def measure(name: str, with_http: bool, reuse: bool, fuzz_requests: int = 0) -> dict:
    c = corpus(name)
    folder = BENCH_DIR / name
    root = folder / "index"
    row: dict = {"name": c.name, "mb": c.megabytes, "build": build(c, root, reuse)}
    row["update"] = update.update_rows(c, root)
    snap = SearchIndex(root).snapshot()
    stored = [(fields, snap.documents[fields["doc_id"]]) for _, fields in snap.searcher.reader().iter_docs()]
    texts = [p["text"] for p, _ in stored]
    row.update(documents=len(snap.documents), paragraphs=len(texts), characters=sum(map(len, texts)))
    row["engine"] = engine_rows(root)
    row["language"] = language_rows(root)
    row["kwic"] = kwic.kwic_rows(root)
    row["collocates"] = collocates.collocate_rows(root)
    row["trend_page"] = trend_page.trend_page_rows(root)
    distinct = distinct_queries(snap)
    row["jieba_s"] = peers.jieba_seconds(texts)
    row["fts5_build_s"] = fts5.build(texts, folder / "fts5.db")
    row["fts5"] = {
        q: peers.fts5_checked(folder / "fts5.db", texts, qs) for q, qs in (("common", COMMON), ("distinct", distinct))
    }
    row["rg"] = {q: peers.rg_checked(c.text, qs) for q, qs in (("common", COMMON), ("distinct", distinct))}
    if name == "default":
        row["stock_build_s"] = stock.build(stored, folder / "stock")
        row["stock"] = stock.latency(folder / "stock", FIXED)
        row["recall"] = {p: recall(snap, texts, folder / "stock", p) for p in PHRASES}
    inputs = typed_forms(pinyin_terms()) | place_forms(snap.lexicon)
    row["pinyin"] = {
        form: (len(i), rate(snap.lexicon, i, 1)[0], rate(snap.lexicon, i, 5)[0]) for form, i in inputs.items()
    }
    if with_http:
        row["http"] = http_rows(
            root, [q for q, _ in FIXED], distinct_queries(snap, HTTP_DISTINCT, seed=8), typing(snap)
        )
        if fuzz_requests:
            row["fuzz"] = fuzz_server(root, fuzz_requests)
    return row


def only(name: str, reuse: bool, rows: str) -> list[str]:
    """One kind of rows of a corpus — ``kwic`` (the concordance), ``trend`` (the trend
    page) or ``update`` (updates of a copy of the index) — built first unless reused,
    with the build's cost."""
    c = corpus(name)
    root = BENCH_DIR / name / "index"
    built = build(c, root, reuse)
    head = f"Index of {name}: " + (
        f"built in {built['seconds']:.0f} s, peak {built['peak_mb']:.0f} MB." if built else "reused."
    )
    if rows == "trend":
        return [head, *trend_page.render(name, trend_page.trend_page_rows(root))]
    if rows == "update":
        return [head, *update.render(name, update.update_rows(c, root))]
    return [head, *kwic.render(name, kwic.kwic_rows(root))]


def recall(snap, texts: list[str], stock_root: Path, phrase: str) -> tuple[int, int, int]:
    """Paragraphs containing the phrase: by a plain substring scan, ours, stock Whoosh's."""
    truth = sum(phrase.lower() in t.lower() for t in texts)
    ours = search(snap, SearchRequest(f'"{phrase}"')).summary.total
    return truth, ours, stock.phrase_hits(stock_root, phrase)


def main(argv: list[str] | None = None) -> None:
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", nargs="*", default=["default", "all"])
    parser.add_argument("--no-http", action="store_true", help="leave out the HTTP rows")
    parser.add_argument("--reuse", action="store_true", help="query an index built by an earlier run (no build time)")
    parser.add_argument("--formats-only", action="store_true", help="only the readers' throughput per format")
    parser.add_argument("--kwic-only", action="store_true", help="only the concordance rows")
    parser.add_argument(
        "--fuzz-requests", type=int, default=3000, help="fuzz the server on the last corpus with this many (0: none)"
    )
    parser.add_argument("--trend-only", action="store_true", help="only the trend page's rows")
    parser.add_argument("--update-only", action="store_true", help="only the updates' rows")
    args = parser.parse_args(argv)
    if args.kwic_only or args.trend_only or args.update_only:
        rows = "kwic" if args.kwic_only else "trend" if args.trend_only else "update"
        print("\n".join(line for name in args.corpus for line in only(name, args.reuse, rows)))
        return
    if not args.formats_only:
        last = args.corpus[-1]
        rows = [measure(n, not args.no_http, args.reuse, args.fuzz_requests if n == last else 0) for n in args.corpus]
        (BENCH_DIR / "rows.pickle").write_bytes(pickle.dumps(rows))  # the figures, to render again if need be
        print(render(rows))
        print()
    print(readers.render(readers.measure()))


if __name__ == "__main__":
    main()
