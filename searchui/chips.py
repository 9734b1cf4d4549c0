"""The active filters as chips, each with a link that removes it: one home for every
view (the search's chips know which filters were typed in the query and which match
nothing; a trend's or a concordance's are its URL filters)."""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from indexer.errors import QueryError
from indexer.facets import FACETS, Facet, facet
from indexer.query.tree import Selection
from indexer.search import Summary
from indexer.search.facets import FacetValue
from searchui.urls import build_url, toggle_param, without_params


def filters_only(args: MultiDict) -> MultiDict:
    """The query, its filters and the interface language: what another view of the same
    term keeps (the concordance's trend link drops its sort, width and page)."""
    kept = {"q", "ui", "literal", *(f.name for f in FACETS)}
    return MultiDict([(k, v) for k, v in args.items(multi=True) if k in kept])


def url_chips(path: str, args: MultiDict, ui: str) -> list[dict]:
    """A chip for every filter given as a URL parameter of ``path`` (province=广东 set
    by a map tile, the filters a trend or concordance was opened with from a search)."""
    found = []
    for declared in FACETS:
        for written in (w for w in args.getlist(declared.name) if w.strip()):
            try:
                shown = value_label(declared, declared.parse(written), ui)
            except QueryError:
                shown = written
            found.append(
                {
                    "label": f"{declared.title(ui)}: {shown}",
                    "remove_url": toggle_param(path, args, declared.name, written),
                    "unmatched": False,
                }
            )
    return found


def value_label(declared: Facet, value: object, ui: str) -> str:
    """A facet value or a chosen one as the page shows it: 四川 / Sichuan, 2018-2020."""
    return declared.write(value) if declared.numeric and value is not None else declared.label(value, ui)


def without_selections(args: MultiDict, selections: list[Selection]) -> MultiDict:
    """The URL's parameters without these selections: URL parameters dropped, filters
    typed in the query cut out of it."""
    new = MultiDict(args)
    for s in (s for s in selections if s.origin == "url"):
        kept = [v for v in new.poplist(s.facet) if v.strip() != s.written]
        for v in kept:
            new.add(s.facet, v)
    q = new.get("q", "")
    for start, end in sorted((s.span for s in selections if s.span), reverse=True):
        q = q[:start] + q[end:]
    new["q"] = _tidy(q)
    new.poplist("page")
    return new


_LEFT_OVER = (
    (re.compile(r"[(（]\s*[)）]"), ""),  # a group that held only the filter
    (re.compile(r"(^|[(（])\s*OR\s+"), r"\1"),  # an OR left without its left side
    (re.compile(r"\s+OR\s*(?=[)）]|$)"), ""),  # or its right side
    (re.compile(r"\bOR\s+OR\b"), "OR"),
)


def _tidy(q: str) -> str:
    """A query with filters cut out of it, without what they leave behind: "双城经济圈 ()",
    "(OR 成都)"."""
    while True:
        tidied = q
        for pattern, replacement in _LEFT_OVER:
            tidied = pattern.sub(replacement, tidied)
        tidied = re.sub(r"\s{2,}", " ", tidied).strip()
        if tidied == q:
            return q
        q = tidied


def chips(summary: Summary, args: MultiDict, ui: str, path: str) -> list[dict]:
    """The filters chosen in the URL, and every chosen value that nothing matches (typed
    in the query too, ``unmatched``: however it was spelt, one chip removes it), each
    with a link that removes it."""
    unmatched = unmatched_values(summary)
    listed = {i for _, v in unmatched for i in v.selected_by}
    chosen = [
        (s.facet, s.value, [s]) for i, s in enumerate(summary.selections) if s.origin == "url" and i not in listed
    ]
    empty = [(name, v.value, [summary.selections[i] for i in v.selected_by]) for name, v in unmatched]
    return [
        {
            "label": filter_label(name, value, ui),
            "remove_url": build_url(path, without_selections(args, selections)),
            "unmatched": k >= len(chosen),
        }
        for k, (name, value, selections) in enumerate([*chosen, *empty])
    ]


def unmatched_values(summary: Summary) -> list[tuple[str, FacetValue]]:
    """The chosen values that nothing matches (with the query and the other filters), by facet."""
    return [(name, v) for name, values in summary.facets.items() for v in values if v.selected and not v.count]


def unmatched_filters(summary: Summary, ui: str) -> list[str]:
    """The filters to name as why nothing matches: the chosen values nothing matches
    whose facet has values that match (营商环境 type:决议 matches work reports, not
    resolutions), or, when no facet has, every chosen value nothing matches."""
    unmatched = unmatched_values(summary)
    causes = [(name, v) for name, v in unmatched if any(other.count for other in summary.facets[name])]
    return [filter_label(name, v.value, ui) for name, v in causes or unmatched]


def filter_label(name: str, value: object, ui: str) -> str:
    """A chosen filter as a chip says it: 类型: 决议, Year: 2018-2020."""
    declared = facet(name)
    assert declared is not None  # a selection is of a facet
    return f"{declared.title(ui)}: {value_label(declared, value, ui)}"


def clear_filters_url(summary: Summary, args: MultiDict, path: str) -> str:
    """The search without the filters its chips show."""
    unmatched = [summary.selections[i] for _, v in unmatched_values(summary) for i in v.selected_by]
    kept = without_selections(args, [s for s in summary.selections if s.origin == "url"] + unmatched)
    return without_params(path, kept, *(f.name for f in FACETS))
