"""Search: a request in, results as data out.

``prepare`` is the one step every request runs first (the query parsed, its Latin
words read as pinyin, the URL's filters merged); ``snapshot`` opens the live
generation (searchers, facet columns, the query cache, the lexicon); ``results`` runs a prepared query and assembles hits, reports and
export rows; ``facets`` filters and counts; ``highlight`` finds match spans and
snippet windows; ``document`` and ``suggest`` serve the document page and the
suggestions.
"""

from indexer.search.document import DocumentView, ParagraphView, document
from indexer.search.prepare import SearchRequest
from indexer.search.results import HitPage, Report, ReportPage, Row, Summary, export_rows, search, search_reports
from indexer.search.snapshot import SearchIndex, Snapshot, warm_up_process
from indexer.search.suggest import suggest

__all__ = [
    "DocumentView",
    "HitPage",
    "ParagraphView",
    "Report",
    "ReportPage",
    "Row",
    "SearchIndex",
    "SearchRequest",
    "Snapshot",
    "Summary",
    "document",
    "export_rows",
    "search",
    "search_reports",
    "suggest",
    "warm_up_process",
]
