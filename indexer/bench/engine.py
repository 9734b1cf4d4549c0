"""``make bench``: indexing throughput and query latency, ours beside stock Whoosh +
jieba's ChineseAnalyzer, on the bundled corpus and on a 20× corpus (the bundled
documents replicated under new doc ids, generated here). Prints a Markdown table.

Built indexes are kept under ``build/bench/`` and reused when the code and corpus
are unchanged (``--fresh`` rebuilds them); their build times are remembered too.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import sorting
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.qparser import QueryParser

from indexer.index.build import build_lexicon
from indexer.index.inputs import collect_inputs
from indexer.index.schema import PIPELINE_VERSION, make_schema, paragraph_records
from indexer.index.store import new_generation_dir, publish, write_state
from indexer.ingest.doc_ids import assign_doc_ids
from indexer.ingest.documents import documents_from_file
from indexer.model import Document
from indexer.pinyin.accuracy import pinyin_terms, rate, typed_forms
from indexer.search import SearchIndex, SearchRequest, search, suggest

BUNDLED_CORPUS = Path("corpus")
BENCH_DIR = Path("build") / "bench"
QUERIES = [
    "双城经济圈",
    "营商环境",
    "供给侧结构性改革",
    "乡村振兴",
    "长三角一体化",
    "放管服",
    "高质量发展",
    "脱贫攻坚 province:全国",
    "一带一路 year:2015-2020",
    "渝",
    "济圈",
    "数字经济 OR 新基建",
    '"twin-city economic circle"',
    "poverty alleviation",
    "reform",
]
PHRASES = ["双城经济圈", "营商环境", "供给侧结构性改革", "乡村振兴", "twin-city economic circle"]
REPEATS = 5


def load_documents(copies: int) -> tuple[list[Document], int]:
    """The bundled documents, replicated ``copies`` times under new doc ids, and the
    number of source bytes they stand for."""
    inputs = collect_inputs([BUNDLED_CORPUS], [])
    base: list[Document] = []
    for file in inputs:
        base.extend(documents_from_file(file.path, file.source, file.overrides).documents)
    assign_doc_ids(base, set())
    size = sum(f.path.stat().st_size for f in inputs)
    documents = []
    for k in range(copies):
        for doc in base:
            clone = copy.copy(doc)
            clone.doc_id = doc.doc_id if k == 0 else f"{doc.doc_id}-copy{k}"
            documents.append(clone)
    return documents, size * copies


def build_ours(documents: list[Document], root: Path) -> tuple[float, float]:
    """Our index, as ``policy-search index --rebuild`` writes it; seconds for the
    whole build and for its pinyin lexicon."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = new_generation_dir(root, None)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(tmp), make_schema())
    writer = ix.writer(procs=2, multisegment=True, limitmb=128)
    for doc in documents:
        for record in paragraph_records(doc):
            writer.add_document(**record)
    writer.commit()
    lexicon_started = time.perf_counter()
    build_lexicon(tmp)
    lexicon = time.perf_counter() - lexicon_started
    seconds = time.perf_counter() - started
    state = {
        "version": PIPELINE_VERSION,
        "sources": {"bench": {"fingerprint": "", "documents": [d.metadata() for d in documents]}},
    }
    write_state(tmp, state)
    publish(root, tmp)
    return seconds, lexicon


STOCK_FIELDS = ("doc_id", "paragraph", "province", "year", "lang", "section")


def stock_schema() -> Schema:
    from jieba.analyse import ChineseAnalyzer

    return Schema(
        doc_id=ID(stored=True),
        paragraph=NUMERIC(int, stored=True),
        content=TEXT(analyzer=ChineseAnalyzer(), stored=True),
        province=ID(stored=True, sortable=True),
        year=NUMERIC(int, stored=True, sortable=True),
        lang=ID(stored=True, sortable=True),
        section=STORED(),
    )


def build_stock(documents: list[Document], root: Path) -> float:
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(root), stock_schema())
    writer = ix.writer(procs=2, multisegment=True, limitmb=128)
    for doc in documents:
        for record in paragraph_records(doc):  # the same paragraphs and facets as ours
            writer.add_document(content=record["text"], **{k: record[k] for k in STOCK_FIELDS if k in record})
    writer.commit()
    return time.perf_counter() - started


def latencies(run: Callable[[str], object], before_each: Callable[[], None] = lambda: None) -> list[float]:
    return latencies_for(run, QUERIES, before_each)


def latencies_for(
    run: Callable[[str], object], queries: list[str], before_each: Callable[[], None] = lambda: None
) -> list[float]:
    for q in queries:  # load dictionaries, open files
        run(q)
    times = []
    for _ in range(REPEATS):
        for q in queries:
            before_each()
            started = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - started) * 1000)
    return times


def ours_runner(root: Path) -> tuple[Callable[[str], object], Callable[[], None]]:
    """Our search, and what empties its per-generation query cache."""
    index = SearchIndex(root)
    return (lambda q: search(index.snapshot(), SearchRequest(q))), (lambda: index.snapshot().forget_cached_queries())


def stock_runner(root: Path) -> tuple[Callable[[str], object], Callable[[], None]]:
    ix = whoosh_index.open_dir(str(root))
    searcher = ix.searcher()
    parser = QueryParser("content", ix.schema)
    facets = sorting.Facets()
    for name in ("province", "year", "lang"):
        facets.add_field(name)

    def run(q: str):
        results = searcher.search(parser.parse(q), limit=10, groupedby=facets)
        for name in ("province", "year", "lang"):
            results.groups(name)
        for hit in results:
            hit.highlights("content")
        return results

    return run, lambda: None


def stock_phrase_hits(root: Path, phrase: str) -> int:
    ix = whoosh_index.open_dir(str(root))
    with ix.searcher() as searcher:
        return len(searcher.search(QueryParser("content", ix.schema).parse(f'"{phrase}"'), limit=None))


def ours_phrase_hits(root: Path, phrase: str) -> int:
    return search(SearchIndex(root).snapshot(), SearchRequest(f'"{phrase}"')).summary.total


def grep_count(documents: list[Document], phrase: str) -> int:
    needle = phrase.lower()
    return sum(1 for d in documents for p in d.paragraphs if needle in p.text.lower())


def corpus_key(copies: int) -> str:
    """Changes when what is indexed changes (the pipeline version, bumped with any
    change to cleaning, analysis or schema, or the corpus): then the indexes are rebuilt."""
    stamp = [PIPELINE_VERSION, copies]
    for path in sorted(BUNDLED_CORPUS.rglob("*")):
        if path.is_file():
            stamp.append(f"{path.name}:{path.stat().st_size}:{int(path.stat().st_mtime)}")
    return hashlib.sha1(repr(stamp).encode()).hexdigest()


def measure(copies: int, fresh: bool) -> dict:
    documents, size = load_documents(copies)
    paragraphs = sum(len(d.paragraphs) for d in documents)
    folder = BENCH_DIR / f"x{copies}"
    record_path = folder / "build.json"
    key = corpus_key(copies)
    record = json.loads(record_path.read_text()) if record_path.exists() and not fresh else {}
    if record.get("key") != key:
        shutil.rmtree(folder, ignore_errors=True)
        ours, lexicon = build_ours(documents, folder / "ours")
        record = {"key": key, "ours": ours, "lexicon": lexicon, "stock": build_stock(documents, folder / "stock")}
        folder.mkdir(parents=True, exist_ok=True)
        record_path.write_text(json.dumps(record))
    row = {"copies": copies, "mb": size / 1e6, "paragraphs": paragraphs, "lexicon_s": record["lexicon"]}
    for name, runner in (("ours", ours_runner), ("stock", stock_runner)):
        run, forget = runner(folder / name)
        cold = latencies(run, forget)
        row[name] = {
            "index_s": record[name],
            "mb_s": size / 1e6 / record[name],
            "par_s": paragraphs / record[name],
            "p50": statistics.median(cold),
            "p95": statistics.quantiles(cold, n=20)[18],
        }
        if name == "ours":  # the same queries again: paging, facet clicks
            warm = latencies(run)
            row[name]["p50_cached"] = statistics.median(warm)
            row[name]["p95_cached"] = statistics.quantiles(warm, n=20)[18]
    if copies == 1:
        row["pinyin"] = pinyin_figures(folder / "ours")
        row["recall"] = {
            phrase: (
                grep_count(documents, phrase),
                ours_phrase_hits(folder / "ours", phrase),
                stock_phrase_hits(folder / "stock", phrase),
            )
            for phrase in PHRASES
        }
    return row


SUGGEST_INPUTS = [
    "shuangch",
    "scj",
    "双城",
    "gjcjg",
    "changsan",
    "yingshang",
    "xiangc",
    "双chengj",
    "zhongguoshi",
    "bj",
]


def pinyin_figures(root: Path) -> dict:
    """Pinyin reading accuracy on the hand-checked terms, and suggestion latency."""
    index = SearchIndex(root).snapshot()
    lexicon = index.lexicon
    terms = pinyin_terms()
    accuracy = {
        form: (len(inputs), rate(lexicon, inputs, 1)[0], rate(lexicon, inputs, 5)[0])
        for form, inputs in typed_forms(terms).items()
    }
    run = lambda q: suggest(index, q)  # noqa: E731
    times = latencies_for(run, SUGGEST_INPUTS)
    return {
        "accuracy": accuracy,
        "suggest_p50": statistics.median(times),
        "suggest_p95": statistics.quantiles(times, n=20)[18],
    }


def machine() -> str:
    cpu = "unknown CPU"
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1).strip() if model else cpu
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def render(rows: list[dict]) -> str:
    lines = [
        f"Machine: {machine()}. Query set: {len(QUERIES)} queries × {REPEATS} runs, each with facet counts "
        "(province, year, language) and highlighted snippets. Query times are uncached (our per-generation "
        "query cache emptied before each query); 'cached' repeats the same queries, as paging and facet clicks do.",
        "",
        "| corpus | engine | index time | MB/s | paragraphs/s | query p50 | query p95 | cached p50 / p95 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        label = f"{row['copies']}× ({row['mb']:.1f} MB, {row['paragraphs']:,} ¶)"
        for name, title in (("ours", "policy-search"), ("stock", "stock Whoosh + jieba ChineseAnalyzer")):
            r = row[name]
            cached = f"{r['p50_cached']:.1f} / {r['p95_cached']:.1f} ms" if "p50_cached" in r else "—"
            lines.append(
                f"| {label} | {title} | {r['index_s']:.1f} s | {r['mb_s']:.2f} | {r['par_s']:,.0f} | "
                f"{r['p50']:.1f} ms | {r['p95']:.1f} ms | {cached} |"
            )
    lexicon_note = ", ".join(f"{row['copies']}×: {row['lexicon_s']:.1f} s" for row in rows)
    lines += ["", f"Of policy-search's index time, the pinyin lexicon took {lexicon_note}."]
    pinyin_rows = [row["pinyin"] for row in rows if "pinyin" in row]
    if pinyin_rows:
        figures = pinyin_rows[0]
        lines += [
            "",
            "| pinyin typed as (1×, hand-checked terms) | terms | term first | term in top 5 |",
            "|---|---:|---:|---:|",
        ]
        for form, (count, top1, top5) in figures["accuracy"].items():
            lines.append(f"| {form} | {count} | {top1:.0%} | {top5:.0%} |")
        lines += [
            "",
            f"`/api/suggest` in process (1×, {len(SUGGEST_INPUTS)} inputs × {REPEATS}): "
            f"p50 {figures['suggest_p50']:.1f} ms, p95 {figures['suggest_p95']:.1f} ms.",
        ]
    recall_rows = [row["recall"] for row in rows if "recall" in row]
    if recall_rows:
        lines += [
            "",
            "| quoted phrase (1×) | paragraphs containing it (grep) | policy-search | stock |",
            "|---|---:|---:|---:|",
        ]
        for phrase, (truth, ours, stock) in recall_rows[0].items():
            lines.append(f'| "{phrase}" | {truth} | {ours} | {stock} |')
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    warnings.filterwarnings("ignore")
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 20])
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached bench indexes")
    args = parser.parse_args(argv)
    rows = [measure(copies, args.fresh) for copies in args.copies]
    print(render(rows))


if __name__ == "__main__":
    main()
