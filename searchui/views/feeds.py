"""Saved searches as Atom feeds: ``/search.atom?q=…&filters`` (the search's matching
reports, newest first) and ``/trend.atom?q=a|b`` (the reports using any of the trend's
terms). A search page names its feed in a ``<link rel="alternate">`` of its head."""

from __future__ import annotations

import datetime as dt

from flask import Response, request, url_for
from werkzeug.datastructures import MultiDict

from indexer.search.newest import MAX_REPORTS, MatchingReport, newest_reports
from indexer.search.prepare import SearchRequest
from searchui import params
from searchui.render.atom import FeedHead, entry_time, feed
from searchui.urls import build_url
from searchui.views.base import bp, snapshot

FEED_MIMETYPE = "application/atom+xml"
PAGE_ARGS = ("page", "per_page", "sort")  # a feed lists every match, newest first


def feed_args() -> MultiDict:
    args = MultiDict(request.args)
    for name in PAGE_ARGS:
        args.poplist(name)
    return args


def head(title: str, page_endpoint: str, specific: str) -> FeedHead:
    args = feed_args()
    snap = snapshot()
    built = dt.datetime.fromtimestamp(snap.built_at, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return FeedHead(
        title=title,
        self_url=build_url(url_for(request.endpoint or "", _external=True), args),
        page_url=build_url(url_for(page_endpoint, _external=True), args),
        authority=request.host.split(":")[0],
        specific=build_url(specific, MultiDict(sorted(args.items(multi=True)))),
        built=built,
    )


def entry_link(report: MatchingReport, q: str) -> str:
    paragraph = report.best.paragraph
    return url_for("search.doc_page", doc_id=report.doc["doc_id"], q=q, _external=True) + f"#p{paragraph}"


def atom_response(body: bytes) -> Response:
    return Response(body, mimetype=FEED_MIMETYPE)


@bp.get("/search.atom")
def search_feed():
    state = params.search_state(feed_args())
    reports = newest_reports(snapshot(), state.request)
    title = f"policy-search: {state.request.q}"
    return atom_response(
        feed(head(title, "search.search_page", "search"), reports, lambda r: entry_link(r, state.request.q))
    )


@bp.get("/trend.atom")
def trend_feed():
    state = params.trend_state(feed_args())
    found: dict[str, tuple[MatchingReport, str]] = {}
    for term in state.terms:
        reports = newest_reports(snapshot(), SearchRequest(term, state.filters, literal=state.literal))
        for report in reports:
            found.setdefault(report.doc["doc_id"], (report, term))
    newest = sorted(found.values(), key=lambda pair: (entry_time(pair[0].doc), pair[0].doc["doc_id"]), reverse=True)
    terms = {r.doc["doc_id"]: term for r, term in newest[:MAX_REPORTS]}
    title = "policy-search: " + " | ".join(state.terms)
    body = feed(
        head(title, "search.trend_page", "trend"),
        [r for r, _ in newest[:MAX_REPORTS]],
        lambda r: entry_link(r, terms[r.doc["doc_id"]]),
    )
    return atom_response(body)
