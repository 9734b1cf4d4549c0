"""What a trend URL asks for: the terms (``q=a|b`` or repeated ``q``), the same
filters as a search, ``by`` for the panel export and the measure the map shades by."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from indexer.facets import FACETS
from indexer.search.snapshot import Snapshot
from indexer.search.trend import Trend, build_trend, parse_by, split_terms

DEFAULT_BY = "province,year"


@dataclass
class TrendState:
    terms: list[str]
    filters: dict[str, list[str]]
    literal: bool
    by: tuple[str, ...]

    @property
    def by_city(self) -> bool:
        """Cities are listed when the filters ask for them: a province or the city level."""
        return bool(self.filters.get("province")) or "city" in self.filters.get("level", [])


def state_from_args(args: MultiDict) -> TrendState:
    """QueryError (a 400) for no term, too many, or an unknown ``by``."""
    return TrendState(
        terms=split_terms(args.getlist("q")),
        filters={f.name: args.getlist(f.name) for f in FACETS if args.getlist(f.name)},
        literal=args.get("literal") == "1",
        by=parse_by(args.get("by") or DEFAULT_BY),
    )


def build(snap: Snapshot, state: TrendState) -> Trend:
    return build_trend(snap, state.terms, state.filters, state.literal)
