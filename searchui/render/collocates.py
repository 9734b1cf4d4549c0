"""Collocations as JSON, CSV and text: a node's collocates in one selection, or two
selections' side by side. The page renders the same dictionaries."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from indexer.search.collocate_difference import CollocateDifference
from indexer.search.collocates import Collocate, Collocates

TermUrls = Callable[[str], dict[str, str]]  # a term → its links: {"trend_url", "kwic_url"}
MEASURES = ("frequency", "corpus_frequency", "expected", "mi", "log_dice", "log_likelihood", "t_score")
SIDE_MEASURES = ("frequency", "corpus_frequency", "mi", "log_dice", "log_likelihood", "t_score")


def _scores(c: Collocate) -> dict:
    return {
        "frequency": c.frequency,
        "corpus_frequency": c.corpus_frequency,
        "expected": round(c.expected, 3),
        "mi": round(c.mi, 3),
        "log_dice": round(c.log_dice, 3),
        "log_likelihood": round(c.log_likelihood, 2),
        "t_score": round(c.t_score, 3),
    }


def _totals(result: Collocates) -> dict:
    return {
        "filters": result.request.search.filters,
        "node": result.node,
        "window_words": result.window_words,
        "words": result.words,
        "reports": result.reports,
    }


def _request(result: Collocates) -> dict:
    r = result.request
    return {
        "query": r.search.q,
        "unit": r.unit,
        "left": r.left,
        "right": r.right,
        "min_count": r.min_count,
        "sort": r.sort,
        "all": r.everything,
    }


def collocates(result: Collocates, urls: TermUrls) -> dict:
    return {
        **_request(result),
        **_totals(result),
        "collocates": [{"term": c.term, **_scores(c), **urls(c.term)} for c in result.collocates],
    }


def difference(result: CollocateDifference, urls: TermUrls) -> dict:
    return {
        **_request(result.side_a),
        "a": {"written": result.a.written, **_totals(result.side_a)},
        "b": {"written": result.b.written, **_totals(result.side_b)},
        "rows": [
            {
                "term": row.term,
                "prefers": row.prefers,
                "keyness": round(row.keyness, 2),
                "log_ratio": round(row.log_ratio, 2),
                "a": _scores(row.a) if row.a else None,
                "b": _scores(row.b) if row.b else None,
                **urls(row.term),
            }
            for row in result.rows
        ],
    }


def collocates_csv(data: dict) -> str:
    """One row per collocate (the JSON's ``collocates`` or a difference's ``rows``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    if "rows" in data:
        sides = [f"{m}_{s}" for s in ("a", "b") for m in SIDE_MEASURES]
        writer.writerow(["term", "prefers", "keyness", "log_ratio", *sides])
        for row in data["rows"]:
            scores = [(row[s] or {}).get(m, 0) for s in ("a", "b") for m in SIDE_MEASURES]
            writer.writerow([row["term"], row["prefers"], row["keyness"], row["log_ratio"], *scores])
    else:
        writer.writerow(["term", *MEASURES])
        for row in data["collocates"]:
            writer.writerow([row["term"], *(row[m] for m in MEASURES)])
    return "\ufeff" + out.getvalue()


def collocates_text(data: dict) -> str:
    """The table for a terminal: one line per collocate."""
    if "rows" in data:
        head = f"{data['query']}: A = {data['a']['written']} ({data['a']['node']}), B = {data['b']['written']} ({data['b']['node']})"
        lines = [
            f"{row['term']}\t{row['prefers'] or '='}\t{_side_text(row['a'])}\t{_side_text(row['b'])}\tG² {row['keyness']}"
            for row in data["rows"]
        ]
        return "\n".join([head, "term\tprefers\tA: freq logDice\tB: freq logDice\tG²", *lines])
    head = (
        f"{data['query']}: {data['node']} occurrences, {data['window_words']} words in windows, {data['words']} words"
    )
    columns = "term\tfreq\tcorpus\tMI\tlogDice\tG²\tT"
    lines = [
        f"{c['term']}\t{c['frequency']}\t{c['corpus_frequency']}\t{c['mi']:.2f}\t{c['log_dice']:.2f}\t{c['log_likelihood']:.1f}\t{c['t_score']:.2f}"
        for c in data["collocates"]
    ]
    return "\n".join([head, columns, *lines])


def _side_text(scores: dict | None) -> str:
    return f"{scores['frequency']} {scores['log_dice']:.2f}" if scores else "0 -"
