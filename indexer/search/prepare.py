"""The one preparation step every view runs on a request — search, export, the
document page: the request checked, the query parsed, the filters given as URL
parameters (or options) added to those typed in the query, and Latin words read as
pinyin. Every chosen filter value is recorded once, as a ``Selection`` that says
where it came from, so that a page can offer to remove it without parsing again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from indexer.errors import QueryError
from indexer.facets import facet
from indexer.pinyin.lexicon import Lexicon
from indexer.pinyin.reading import Reading, read_pinyin
from indexer.query.syntax import parse
from indexer.query.tree import ParsedQuery, Selection, Text, highlight_targets

DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 100
SORTS = ("relevance", "year")


@dataclass
class SearchRequest:
    """Everything a URL (or the command line) says about a search."""

    q: str
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet name → values as written
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    literal: bool = False  # True: never read Latin words as pinyin
    sort: str = "relevance"


class Vocabulary(Protocol):
    """What reading pinyin needs from an index: its lexicon, and how often a word occurs as written."""

    @property
    def lexicon(self) -> Lexicon: ...

    def english_hits(self, word: str) -> int: ...


@dataclass
class PreparedQuery:
    request: SearchRequest
    parsed: ParsedQuery  # Latin words read as pinyin already rewritten; every selection, typed or given
    readings: list[Reading]  # what was read as pinyin (or could have been)

    @property
    def selections(self) -> list[Selection]:
        return self.parsed.selections

    @property
    def targets(self) -> list[Text]:
        """The texts that snippets and the document page mark."""
        return highlight_targets(self.parsed.root)


def prepare(request: SearchRequest, vocabulary: Vocabulary) -> PreparedQuery:
    """Check, parse, merge filters and read pinyin; QueryError with a message when the
    request cannot be read."""
    check_paging(request)
    parsed = parse(request.q)
    for name, values in request.filters.items():
        chosen = facet(name)
        if chosen is None:
            raise QueryError("unknown_filter", name=name)
        for written in filter(None, (str(v).strip() for v in values)):
            parsed.selections.append(Selection(chosen.name, chosen.parse(written), written, "url"))
    readings = [] if request.literal else read_pinyin(parsed, vocabulary.lexicon, vocabulary.english_hits)
    return PreparedQuery(request, parsed, readings)


def check_paging(request: SearchRequest) -> None:
    if request.page < 1:
        raise QueryError("page_too_small")
    if not 1 <= request.per_page <= MAX_PER_PAGE:
        raise QueryError("per_page_range", most=MAX_PER_PAGE)
    if request.sort not in SORTS:
        raise QueryError("bad_sort", choices=", ".join(SORTS))
