"""The goals of issues #10, #12 and #13, each beside what was measured before the
work and what this run measured. The "before" figures are quoted from issue #10
(provinces corpus, the code of that day) and, for the concordance, from the run before
its rework (full corpus); everything in "now" comes from this run."""

from __future__ import annotations

from indexer.bench import collocates, kwic, trend_page
from indexer.bench.measure import p95
from indexer.bench.queries import COMMON

BEFORE = {  # measured before the work: issue #10 on the provinces corpus, the concordance on all
    "rss": "6.0 GB after 8 clients",
    "index_default": "336 s (6.1× jieba)",
    "index_all": "about 20 min",
    "common": "47× ripgrep (发展 648–983 ms)",
    "distinct": "p95 38–83 ms vs ripgrep 16 ms",
    "peak": "1.6 GB (provinces)",
    "kwic": "脱贫攻坚 339–558 ms (full corpus, before the work on issue #12)",
    "suggest": "364.5 ms (10 fixed inputs, before issue #13)",
    "pinyin": {  # issue #13, on the provinces corpus
        "full pinyin": "—",
        "initials, 3+ characters": "—",
        "initials, 2 characters": "39 %",
        "hanzi + pinyin": "—",
    },
}


def goal_rows(rows: list[dict]) -> list[tuple[str, str, str, bool]]:
    """(goal, before, now, met) for each goal this run has the figures for."""
    out = []
    for r in rows:
        name = r["name"]
        if "http" in r:
            limit = 1000 if name == "default" else 2000
            after = r["http"]["memory"]["after load"]
            out.append(
                (f"server RSS ≤ {limit} MB, 8 clients ({name})", BEFORE["rss"], f"{after:.0f} MB", after <= limit)
            )
        b = r["build"]
        if b and name == "default":
            ratio = b["seconds"] / r["jieba_s"]
            now = f"{b['seconds']:.0f} s ({ratio:.1f}× jieba)"
            out.append(("indexing ≤ 2.5× jieba alone (default)", BEFORE["index_default"], now, ratio <= 2.5))
        if b and name == "all":
            now = f"{b['seconds']:.0f} s, peak {b['peak_mb']:.0f} MB"
            out.append(("indexing ≤ 480 s (all)", BEFORE["index_all"], now, b["seconds"] <= 480))
            out.append(
                ("peak indexing RSS ≤ 2 GB (all)", BEFORE["peak"], f"{b['peak_mb']:.0f} MB", b["peak_mb"] <= 2048)
            )
        rg = r["rg"]["common"]
        if rg is not None and rg.times:  # ripgrep installed and right on some words
            theirs = rg.times_of(COMMON)
            ratios = [ours / t for ours, t in zip(r["engine"]["common"], theirs, strict=True) if t]
            worst = max(ratios, default=0.0)
            now = f"at worst {worst:.1f}× (process start included in ripgrep's)"
            out.append((f"common words ≤ 10× ripgrep ({name})", BEFORE["common"], now, worst <= 10))
        rg = r["rg"]["distinct"]
        if rg is not None and rg.times:
            ours, theirs = r["engine"]["distinct"][1], p95(list(rg.times.values()))
            now = f"p95 {ours:.1f} ms in process vs ripgrep {theirs:.1f} ms with its process start"
            out.append((f"distinct queries p95 ≤ 4× ripgrep's ({name})", BEFORE["distinct"], now, ours <= 4 * theirs))
        jieba, first = r["engine"]["first_query_ms"]
        now = f"{first:.0f} ms (+{jieba:.0f} ms jieba's dictionary, loaded before serving)"
        out.append((f"first query after a start or a swap ≤ 1 s ({name})", "—", now, first <= 1000))
        if "http" in r and name == "all":
            api = next(
                x for path, cache, clients, x in r["http"]["rows"] if path == "/api/search" and cache == "uncached"
            )
            page = next(x for path, cache, clients, x in r["http"]["rows"] if path == "/search" and cache == "uncached")
            met = api["p95"] <= 300 and page["p95"] <= 1.5 * api["p95"] and api["errors"] + page["errors"] == 0
            now = f"/api/search p95 {api['p95']:.0f} ms, /search {page['p95']:.0f} ms, {api['errors'] + page['errors']} errors"
            out.append(("8 clients: /api/search p95 ≤ 300 ms, /search ≤ 1.5× (all)", "—", now, met))
        if "http" in r and name == "all":
            typing = next(x for path, _, clients, x in r["http"]["rows"] if path == "/api/suggest" and clients > 1)
            now = f"p95 {typing['p95']:.1f} ms, {typing['errors']} errors"
            met = typing["p95"] <= 20 and not typing["errors"]
            out.append(("8 clients typing: /api/suggest p95 ≤ 20 ms (all)", BEFORE["suggest"], now, met))
        if "pinyin" in r:
            out += _pinyin_goals(name, r["pinyin"])
        if name == "all" and (concordance := kwic.goal(r["kwic"])):
            now, met = concordance
            goal = f"concordance, 5,000 occurrences, first page ≤ {kwic.GOAL_MS} ms, any sort (all)"
            out.append((goal, BEFORE["kwic"], now, met))
        if name == "all" and "collocates" in r and (found := collocates.goal(r["collocates"])):
            now, met = found
            out.append((f"collocations, 5,000 occurrences, ≤ {collocates.GOAL_MS} ms uncached (all)", "—", now, met))
        if name == "all" and "trend_page" in r and (found := trend_page.goal(r["trend_page"])):
            now, met = found
            goal = f"/trend ≤ {trend_page.GOAL_KB} KB of HTML and ≤ {trend_page.GOAL_MS} ms uncached (all)"
            out.append((goal, "382 KB, 2.4 s cold (issue #23)", now, met))
    return out


PINYIN_GOALS = [  # (typed as, term first ≥, term in top 5 ≥): issue #13
    ("full pinyin", 0.98, 1.0),
    ("initials, 3+ characters", None, 0.99),
    ("initials, 2 characters", None, 0.80),
    ("hanzi + pinyin", None, 1.0),
]


def _pinyin_goals(name: str, measured: dict) -> list[tuple[str, str, str, bool]]:
    out = []
    for form, top1_goal, top5_goal in PINYIN_GOALS:
        _, top1, top5 = measured[form]
        goal = f"{form}: term in top 5 ≥ {top5_goal:.0%}" + (f", first ≥ {top1_goal:.0%}" if top1_goal else "")
        met = top5 >= top5_goal and (top1_goal is None or top1 >= top1_goal)
        now = f"top 5 {top5:.1%}" + (f", first {top1:.1%}" if top1_goal else "")
        out.append((f"{goal} ({name})", BEFORE["pinyin"][form], now, met))
    return out


def goals_table(rows: list[dict]) -> list[str]:
    found = goal_rows(rows)
    if not found:
        return []
    out = [
        "",
        "**Against the goals of issues #10, #12 and #13**",
        "",
        "| goal | before | now | met |",
        "|---|---|---|---|",
    ]
    out += [f"| {goal} | {before} | {now} | {'yes' if met else 'no'} |" for goal, before, now, met in found]
    return out
