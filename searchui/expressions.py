"""The pages of new expressions and keyness: their parameters read from the URL, and
the links and choices they show."""

from __future__ import annotations

from flask import url_for
from werkzeug.datastructures import MultiDict

from indexer.search import Snapshot
from indexer.search.novelty_year import LEVELS, YearNews, is_work_report
from searchui.urls import with_param

COMPARE_CHOICES = ("1", "2", "3", "5", "10", "all")
PAGE_ROWS = 100  # expressions a table of the page shows before "show all" (the API has every one)


def work_report_years(snap: Snapshot) -> list[int]:
    """The years with work reports in Chinese (national, provincial or city), newest first."""
    return sorted({d["year"] for d in snap.documents.values() if d.get("year") and is_work_report(d)}, reverse=True)


def level_links(path: str, args: MultiDict, result: YearNews) -> list[dict]:
    """The year view's level facet: each level with its work reports of the year."""
    return [
        {
            "value": level,
            "count": result.levels.get(level, 0),
            "url": with_param(path, args, "level", level),
            "selected": level == result.level,
        }
        for level in LEVELS
    ]


def as_query(term: str) -> str:
    """An expression as a query that finds it as one phrase (quoted when it has letters, digits or +)."""
    return term if all("\u3400" <= c <= "\u9fff" for c in term) else f'"{term}"'


def compare_links(doc_id: str, args: MultiDict, current: str) -> list[dict]:
    """A link for each choice of how many earlier reports to compare with."""
    path = url_for("search.new_terms_page", doc_id=doc_id)
    return [
        {"value": c, "url": with_param(path, args, "compare", c), "selected": c == current} for c in COMPARE_CHOICES
    ]


def search_url(term: str, filters: str) -> str:
    """The search for an expression within a selection's filters (typed in the query,
    so that the results page shows them as chips one can remove)."""
    return url_for("search.search_page", q=f"{term} {filters}".strip())
