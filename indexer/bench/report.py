"""The bench's figures as Markdown tables; every number printed here was measured by
the run that prints it."""

from __future__ import annotations

import datetime
import os
import platform
import re
import subprocess
from pathlib import Path

from indexer.bench import collocates, fuzz, kwic, trend_page, update
from indexer.bench.goals import goals_table
from indexer.bench.language import language_table
from indexer.bench.measure import p50, p95
from indexer.bench.queries import COMMON, DISTINCT, FIXED, REPEATS, SUGGEST_INPUTS, TREND_TERMS, TYPED_TERMS
from indexer.bench.stages import stages_table
from searchui.serving import THREADS


def machine() -> str:
    cpu = "unknown CPU"
    try:
        model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        cpu = model.group(1).strip() if model else cpu
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
    dirty = subprocess.run(["git", "status", "--porcelain", "-uno"], capture_output=True, text=True, check=False)
    return (out.stdout.strip() or "unknown") + (" + changes" if dirty.stdout.strip() else "")


def answered(checked) -> str:
    """A peer's p50 / p95 on the queries it answered right, and how many those were."""
    if checked is None:
        return "not installed"
    if not checked.times:
        return f"cannot answer (0 of {checked.asked})"
    values = list(checked.times.values())
    return f"{times(values)} ({len(values)} of {checked.asked})"


def per_word(checked, words: list[str]) -> str:
    if checked is None:
        return " | ".join("not installed" for _ in words)
    return " | ".join("cannot answer" if t is None else f"{t:.1f} ms" for t in checked.times_of(words))


def ms(pair) -> str:
    return f"{pair[0]:.1f} / {pair[1]:.1f} ms" if pair else "—"


def times(values: list[float]) -> str:
    return ms((p50(values), p95(values))) if values else "—"


def render(rows: list[dict]) -> str:
    today = datetime.date.today().isoformat()
    out = [
        f"Measured {today} at commit {commit()} on {machine()}.",
        "",
        "**Indexing** — `policy-search index --rebuild` end to end (reading, cleaning, metadata, analysis, "
        "the pinyin lexicon, publishing), wall time and the peak RSS of its largest process; beside it the "
        "floor (jieba's segmentation of the same paragraphs alone, one core) and SQLite FTS5's trigram and "
        "bigram tables of the same paragraphs (indexer/bench/fts5.py).",
        "",
        "| corpus | text | documents | paragraphs | policy-search index | MB/s | peak RSS | jieba alone | FTS5 build |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        b = r["build"]
        build = (
            (f"{b['seconds']:.1f} s", f"{r['mb'] / b['seconds']:.2f}", f"{b['peak_mb']:.0f} MB")
            if b
            else ("reused",) * 3
        )
        out.append(
            f"| {r['name']} | {r['mb']:.1f} MB | {r['documents']:,} | {r['paragraphs']:,} | {' | '.join(build)} | "
            f"{r['jieba_s']:.1f} s | {r['fts5_build_s']:.1f} s |"
        )
    out += stages_table(rows)
    out += [
        "",
        f"**Queries in process** (p50 / p95). *Fixed*: the {len(FIXED)} queries of `indexer/bench/queries.py` "
        f"(with filters, facet counts and snippets) × {REPEATS}, the query cache emptied before each (uncached) "
        f"or not (cached). *Distinct*: {DISTINCT} different corpus words, each asked once (never cached); "
        "FTS5 counts the paragraphs containing each (trigram table from 3 characters, bigram table for 2), "
        "in this process as ours; ripgrep counts matching lines in the corpus files, its process start "
        "included, as is ours in *first query*: a fresh process opens the index and answers 发展 "
        "(after loading jieba's dictionary, which `serve` does before it listens; its time in brackets). "
        "A peer is timed only on the queries whose count equals a plain scan of the same text (paragraphs "
        "for FTS5, the files' lines for ripgrep), checked before timing; how many those were is in brackets.",
        "",
        "| corpus | fixed, uncached | fixed, cached | distinct | FTS5 distinct | ripgrep distinct | first query |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        e = r["engine"]
        out.append(
            f"| {r['name']} | {ms(e['fixed_uncached'])} | {ms(e['fixed_cached'])} | {ms(e['distinct'])} | "
            f"{answered(r['fts5']['distinct'])} | {answered(r['rg']['distinct'])} | {e['first_query_ms'][1]:.0f} ms (+{e['first_query_ms'][0]:.0f}) |"
        )
    out += ["", "**The most common words**, uncached (ours: median of 3, with facets and snippets).", ""]
    out += ["| corpus | engine | " + " | ".join(COMMON) + " |", "|---|---|" + "---:|" * len(COMMON)]
    for r in rows:
        out.append(
            f"| {r['name']} | policy-search | " + " | ".join(f"{v:.1f} ms" for v in r["engine"]["common"]) + " |"
        )
        out.append(f"| {r['name']} | FTS5 (in process) | {per_word(r['fts5']['common'], COMMON)} |")
        out.append(f"| {r['name']} | ripgrep (process start) | {per_word(r['rg']['common'], COMMON)} |")
    out += [line for r in rows for line in kwic.render(r["name"], r["kwic"])]
    out += [line for r in rows if "collocates" in r for line in collocates.render(r["name"], r["collocates"])]
    out += [line for r in rows if "trend_page" in r for line in trend_page.render(r["name"], r["trend_page"])]
    out += _stock(rows) + _pinyin(rows) + language_table(rows) + _http(rows)
    out += [line for r in rows if "update" in r for line in update.render(r["name"], r["update"])]
    out += [line for r in rows if "fuzz" in r for line in fuzz.render(r["name"], r["fuzz"])]
    out += goals_table(rows)
    return "\n".join(out)


def _stock(rows: list[dict]) -> list[str]:
    r = next((r for r in rows if "stock" in r), None)
    if r is None:
        return []
    out = [
        "",
        f"**Stock Whoosh + jieba's ChineseAnalyzer** on {r['name']}: the same paragraphs and metadata, built in "
        f"{r['stock_build_s']:.1f} s (index only, from paragraphs in memory); the fixed queries with the same "
        f"filters (Whoosh's `filter=`), facets and highlights: {ms(r['stock'])} (p50 / p95). Quoted phrases, "
        "paragraphs found (a plain substring scan of the same paragraphs is the truth): stock finds none, "
        "because ChineseAnalyzer stores each word's character offset as its position and search-mode words "
        "overlap, so a phrase's words never stand at consecutive positions.",
        "",
        "| quoted phrase | substring scan | policy-search | stock |",
        "|---|---:|---:|---:|",
    ]
    out += [f'| "{p}" | {t} | {o} | {s} |' for p, (t, o, s) in r["recall"].items()]
    return out


def _pinyin(rows: list[dict]) -> list[str]:
    with_pinyin = [r for r in rows if "pinyin" in r]
    if not with_pinyin:
        return []
    out = [
        "",
        "**Pinyin**: hand-checked terms (`indexer/data/pinyin_terms.tsv`); place names: every province's and "
        "city's name the corpus has, as pypinyin reads it.",
        "",
    ]
    out += ["| corpus | typed as | terms | term first | term in top 5 |", "|---|---|---:|---:|---:|"]
    for r in with_pinyin:
        out += [
            f"| {r['name']} | {form} | {n} | {top1:.1%} | {top5:.1%} |" for form, (n, top1, top5) in r["pinyin"].items()
        ]
    for r in with_pinyin:
        letter_p50, letter_max = r["engine"]["suggest_letter_first"]
        out += [
            "",
            f"Suggestions in process on {r['name']} ({len(SUGGEST_INPUTS)} inputs × {REPEATS}): "
            f"{ms(r['engine']['suggest'])}; a single letter in a lexicon just loaded (as a worker "
            f"process starts): {letter_p50:.1f} ms median, {letter_max:.1f} ms at most.",
        ]
        trends = ", ".join(f"{q} {t:.0f} ms" for q, t in zip(TREND_TERMS, r["engine"]["trend"], strict=True))
        out += ["", f"Trends on {r['name']} (`build_trend`, uncached, median of 3): {trends}."]
    return out


def _http(rows: list[dict]) -> list[str]:
    with_http = [r for r in rows if "http" in r]
    if not with_http:
        return []
    out = [
        "",
        f"**HTTP**: `policy-search serve` (gunicorn: a process per core, {THREADS} threads each), load from a second "
        "process for 10 s a row. "
        "*Cached*: the fixed queries in turn, after a warm-up; *uncached*: distinct corpus words, each once; "
        f"`/api/suggest`: the keystrokes of typing {TYPED_TERMS} corpus words, their pinyin then their "
        "initials (s, sh, shu …), round and round.",
        "",
        "| corpus | endpoint | cache | clients | requests | req/s | p50 | p95 | errors |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in with_http:
        for path, cache, clients, x in r["http"]["rows"]:
            out.append(
                f"| {r['name']} | `{path}` | {cache} | {clients} | {x['requests']} | {x['rps']:.1f} | "
                f"{x['p50']:.1f} ms | {x['p95']:.1f} ms | {x['errors']} |"
            )
    out += [
        "",
        "Server memory: the resident sets of its processes added up (the pages they share, the index's "
        "memory-mapped arrays above all, count once per process); PSS splits each shared page between its sharers.",
        "",
        "| corpus | server RSS idle | after the first query | after the load | peak | PSS after the load |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in with_http:
        m = r["http"]["memory"]
        out.append(
            f"| {r['name']} | {m['idle']:.0f} MB | {m['first query']:.0f} MB | {m['after load']:.0f} MB | "
            f"{m['peak']:.0f} MB | {m['pss']:.0f} MB |"
        )
    return out
