"""A ``Trend`` as JSON, as the long panel CSV and as text: renderings only, the
numbers come from ``indexer.search.trend``."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from urllib.parse import quote

from indexer.search.trend import Cell, TermTrend, Trend, english_label
from searchui.render.csv import cell as csv_cell

TermDocUrl = Callable[[str, int, str], str]  # (doc_id, paragraph, term) → link to that paragraph
PANEL_COLUMNS = (
    "term",
    "unit",
    "province",
    "province_en",
    "city",
    "city_en",
    "year",
    "occurrences",
    "paragraphs",
    "reports",
    "reports_indexed",
    "characters",
    "per_10k",
)


def plain_term_doc_url(doc_id: str, paragraph: int, term: str) -> str:
    return f"/doc/{quote(doc_id)}?q={quote(term)}#p{paragraph}"


def counts(c: Cell) -> dict:
    return {
        "occurrences": c.occurrences,
        "paragraphs": c.paragraphs,
        "reports": c.reports,
        "reports_indexed": c.reports_indexed,
        "characters": c.characters,
        "per_10k": c.per_10k,
    }


def places(trend: Trend, term: TermTrend, by: str, link: TermDocUrl) -> list[dict]:
    """Provinces (or cities) with any indexed report, most occurrences first, each
    with its first appearance."""
    firsts = trend.first_appearances(term, by)
    coverage = trend.coverage(by)
    rows = []
    for c in trend.table(term, (by,)):
        value = c.key[by]
        first = firsts.get(value)
        covered = coverage.get(value)
        rows.append(
            {
                by: value,
                f"{by}_en": english_label(by, value),
                **counts(c),
                "first_year": first.year if first else None,
                "first_url": link(first.doc_id, first.paragraph, term.term) if first else None,
                "reports_from": covered.first if covered else None,
                "gaps": [list(g) for g in covered.gaps] if covered else [],
            }
        )
    return sorted(rows, key=lambda r: (-(r["occurrences"] or 0), -(r["per_10k"] or 0), str(r[by])))


def term_json(trend: Trend, term: TermTrend, link: TermDocUrl, with_cities: bool) -> dict:
    data = {
        "term": term.term,
        "interpreted_query": term.interpreted,
        "unit": term.unit,
        "years": [{"year": c.key["year"], **counts(c)} for c in trend.table(term, ("year",))],
        "provinces": places(trend, term, "province", link),
        "adoption": [{"year": y, "provinces": n} for y, n in trend.adoption(term)],
    }
    if with_cities:
        data["cities"] = [r for r in places(trend, term, "city", link) if r["city"] is not None]
    return data


def trend_json(trend: Trend, link: TermDocUrl = plain_term_doc_url, with_cities: bool = False) -> dict:
    return {
        "query": trend.query,
        "filters": trend.filters,
        "years": trend.years,
        "terms": [term_json(trend, t, link, with_cities) for t in trend.terms],
    }


def panel_rows(trend: Trend, by: tuple[str, ...]) -> list[dict]:
    """The long table: one row per term and group."""
    rows = []
    for term in trend.terms:
        for c in trend.table(term, by):
            labels = {f"{name}_en": english_label(name, c.key[name]) for name in ("province", "city") if name in by}
            rows.append({"term": term.term, "unit": term.unit, **c.key, **labels, **counts(c)})
    return rows


def panel_csv(trend: Trend, by: tuple[str, ...]) -> str:
    """UTF-8 with a BOM; a group's column left empty where the table is not grouped by it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PANEL_COLUMNS)
    for row in panel_rows(trend, by):
        writer.writerow([csv_cell(row.get(c)) for c in PANEL_COLUMNS])
    return "\ufeff" + out.getvalue()


def panel_text(trend: Trend, by: tuple[str, ...]) -> str:
    """The panel as aligned columns for a terminal."""
    shown = ("term", *by, "occurrences", "paragraphs", "reports", "reports_indexed", "per_10k")
    rows = [[_text(row.get(c)) for c in shown] for row in panel_rows(trend, by)]
    widths = [max(len(c), *(_width(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(shown)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(shown, widths, strict=True))]
    for r in rows:
        lines.append("  ".join(v + " " * (w - _width(v)) for v, w in zip(r, widths, strict=True)))
    return "\n".join(lines)


def _text(value: object) -> str:
    return "–" if value is None else str(value)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in text)
