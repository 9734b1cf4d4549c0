"""What each view is asked: its URL parameters read into one object, in one place (as
datasette's views read theirs before asking for data), and one error for a parameter
that cannot be read — ``BadRequest``, a 400 through the one handler (``errors``).

The engine's own readers of a value (``read_min_count``, ``read_compare``,
``read_level``, the collocation options) and its checks of a whole request (the
concordance's, the collocations') are called from here, before any work, and what
they refuse (a ``QueryError``) becomes the same ``BadRequest``. The engine checks again
for its other callers (the command line)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import ParamSpec, TypeVar

from werkzeug.datastructures import MultiDict

from indexer.errors import QueryError
from indexer.facets import FACETS
from indexer.search.collocates import CollocateRequest
from indexer.search.collocates import check as check_collocates
from indexer.search.compare import read_min_count
from indexer.search.kwic import DEFAULT_SORT, DEFAULT_WIDTH, KwicRequest
from indexer.search.kwic import check as check_kwic
from indexer.search.novelty import read_compare
from indexer.search.novelty_year import read_level
from indexer.search.prepare import DEFAULT_PER_PAGE, SearchRequest
from indexer.search.trend import parse_by, split_terms
from searchui.collocates import request_from
from searchui.errors import BadRequest, as_app_error
from searchui.i18n import ui_language

P = ParamSpec("P")
R = TypeVar("R")
KWIC_PER_PAGE = 50
DEFAULT_BY = "province,year"
SCALES = ("relative", "raw")  # per 10,000 characters, or occurrences
SMOOTHING = (0, 3, 5, 7)  # moving-average windows, in years


def reader(read: Callable[P, R]) -> Callable[P, R]:
    """A view's reader: what the engine's value readers refuse is a BadRequest too."""

    @functools.wraps(read)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return read(*args, **kwargs)
        except QueryError as exc:
            raise as_app_error(exc) from None

    return wrapper


def whole_number(args: MultiDict, name: str, default: int) -> int:
    raw = args.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BadRequest("whole_number", name=name, value=raw[:40]) from None


def filters(args: MultiDict) -> dict[str, list[str]]:
    return {f.name: args.getlist(f.name) for f in FACETS if args.getlist(f.name)}


@dataclass
class PageState:
    """Everything the URL says about a search."""

    request: SearchRequest
    ui: str


@reader
def search_state(args: MultiDict) -> PageState:
    request = SearchRequest(
        q=args.get("q", ""),
        filters=filters(args),
        page=whole_number(args, "page", 1),
        per_page=whole_number(args, "per_page", DEFAULT_PER_PAGE),
        literal=args.get("literal") == "1",
        sort=args.get("sort", "relevance") or "relevance",
    )
    return PageState(request, ui_language(args))


@reader
def kwic_request(args: MultiDict) -> KwicRequest:
    """A concordance: the search's parameters (its own ``per_page``), ``sort``, ``sort2`` and ``width``."""
    search = search_state(MultiDict([(k, v) for k, v in args.items(multi=True) if k != "sort"])).request
    search.per_page = whole_number(args, "per_page", KWIC_PER_PAGE)
    sort = args.get("sort", DEFAULT_SORT) or DEFAULT_SORT
    kwic = KwicRequest(search, sort, whole_number(args, "width", DEFAULT_WIDTH), args.get("sort2") or None)
    check_kwic(kwic)
    return kwic


@dataclass
class TrendState:
    terms: list[str]
    filters: dict[str, list[str]]
    literal: bool
    by: tuple[str, ...]
    start: int | None = None  # the years drawn; None: fitted to the data
    end: int | None = None
    scale: str = "relative"
    log: bool = False
    smooth: int = 0

    @property
    def by_city(self) -> bool:
        """Cities are listed when the filters ask for them: a province or the city level."""
        return bool(self.filters.get("province")) or "city" in self.filters.get("level", [])


@reader
def trend_state(args: MultiDict) -> TrendState:
    """No term, too many, an unknown ``by``, a year, scale or smoothing that is not one: a 400."""
    smooth = whole_number(args, "smooth", 0)
    scale = args.get("scale") or "relative"
    if smooth not in SMOOTHING or scale not in SCALES:
        raise BadRequest("trend_bad_option", value=f"scale={scale}, smooth={smooth}")
    return TrendState(
        terms=split_terms(args.getlist("q")),
        filters=filters(args),
        literal=args.get("literal") == "1",
        by=parse_by(args.get("by") or DEFAULT_BY),
        start=whole_number(args, "from", 0) or None,
        end=whole_number(args, "to", 0) or None,
        scale=scale,
        log=args.get("log") == "1",
        smooth=smooth,
    )


@dataclass
class CompareAsked:
    a: str  # each selection as written (filters only; the engine's ``side`` reads them)
    b: str
    min_count: int
    everything: bool


@reader
def compare_asked(args: MultiDict) -> CompareAsked:
    return CompareAsked(args.get("a", ""), args.get("b", ""), read_min_count(args.get("min")), args.get("all") == "1")


@dataclass
class CollocatesAsked:
    request: CollocateRequest
    a: str  # a second selection's filters: the collocates of two selections side by side
    b: str


@reader
def collocates_asked(args: MultiDict) -> CollocatesAsked:
    options = {name: args.get(name) for name in ("unit", "window", "left", "right", "min", "sort", "all")}
    request = request_from(args.get("q", ""), filters(args), options)
    check_collocates(request)
    return CollocatesAsked(request, args.get("a", ""), args.get("b", ""))


@dataclass
class NewTermsAsked:
    compare: int | None  # earlier reports compared with; None: all of them
    everything: bool  # every row on the page, not the first ``PAGE_ROWS``


@reader
def new_terms_asked(args: MultiDict) -> NewTermsAsked:
    return NewTermsAsked(read_compare(args.get("compare")), args.get("rows") == "all")


@dataclass
class YearNewsAsked:
    year: int | None  # None: the latest year with work reports
    level: str
    everything: bool


@reader
def year_news_asked(args: MultiDict, example: int) -> YearNewsAsked:
    """``year`` (``example`` shown when it is not one), ``level`` and ``rows``."""
    text = (args.get("year") or "").strip()
    try:
        year = int(text) if text else None
    except ValueError:
        raise BadRequest("year_such_as", example=example, value=text) from None
    return YearNewsAsked(year, read_level(args.get("level")), args.get("rows") == "all")
