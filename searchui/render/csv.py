"""Export rows as CSV that spreadsheets open safely: UTF-8 with a BOM, and no cell
that a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from indexer.search import Row
from indexer.search.kwic import KwicLine
from searchui.render.json import DocUrl, kwic_line, plain_doc_url

COLUMNS = ("doc_id", "title", "province", "year", "paragraph", "url", "text")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def rows_csv(rows: list[Row], doc_url: DocUrl = plain_doc_url) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        values = {
            **row.doc,
            "paragraph": row.paragraph,
            "url": doc_url(row.doc["doc_id"], row.paragraph),
            "text": row.text,
        }
        writer.writerow([cell(values.get(c)) for c in COLUMNS])
    return "\ufeff" + out.getvalue()


def cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


KWIC_COLUMNS = ("doc_id", "title", "province", "year", "paragraph", "url", "left", "match", "right")


def kwic_csv(lines: Iterable[KwicLine], doc_url: DocUrl = plain_doc_url) -> Iterator[str]:
    """Concordance lines as CSV, a row at a time (for a streamed response)."""
    yield "\ufeff" + csv_row(KWIC_COLUMNS)
    for line in lines:
        data = kwic_line(line, doc_url)
        yield csv_row([cell(data.get(c)) for c in KWIC_COLUMNS])


def csv_row(values) -> str:
    out = io.StringIO()
    csv.writer(out).writerow(values)
    return out.getvalue()
