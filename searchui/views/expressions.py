"""New expressions: a report's (against its place's earlier reports) and a year's (the
expressions provinces used for the first time)."""

from __future__ import annotations

from flask import jsonify, render_template, request, url_for

from indexer.search import Snapshot
from indexer.search.novelty import NewTerms, UnknownReport, YearNews, new_terms, read_compare, year_news
from searchui import expressions
from searchui.errors import BadRequest, NotFound
from searchui.render import expressions as render_expressions
from searchui.urls import paragraph_url, with_param
from searchui.views.base import bp, snapshot


def new_terms_or_404(doc_id: str) -> NewTerms:
    try:
        return new_terms(snapshot(), doc_id, read_compare(request.args.get("compare")))
    except UnknownReport:
        raise NotFound("no_report", doc_id=doc_id) from None


def new_in_year(snap: Snapshot, years: list[int]) -> YearNews:
    """The new expressions of the year asked for (the latest of ``years`` when none is)."""
    return year_news(snap, expressions.read_year(request.args, years))


@bp.get("/doc/<doc_id>/new")
def new_terms_page(doc_id: str):
    result = new_terms_or_404(doc_id)
    current = "all" if result.compare is None else str(result.compare)
    everything = request.args.get("rows") == "all"
    return render_template(
        "new_terms.html",
        q="",
        doc=result.doc,
        result=result,
        data=render_expressions.new_terms(result, paragraph_url),
        choices=expressions.compare_links(doc_id, request.args, current),
        shown=None if everything else expressions.PAGE_ROWS,
        all_url=None
        if everything
        else with_param(url_for("search.new_terms_page", doc_id=doc_id), request.args, "rows", "all"),
    )


@bp.get("/api/new-terms")
def api_new_terms():
    """One report's new expressions (``doc_id``, ``compare``) or a year's (``year``)."""
    if "year" in request.args:
        snap = snapshot()
        result = new_in_year(snap, expressions.yearly_report_years(snap))
        return jsonify(render_expressions.year_news(result, expressions.doc_term_url))
    doc_id = request.args.get("doc_id", "").strip()
    if not doc_id:
        raise BadRequest("doc_id_required")
    return jsonify(render_expressions.new_terms(new_terms_or_404(doc_id), paragraph_url))


@bp.get("/new")
def new_year_page():
    snap = snapshot()
    years = expressions.yearly_report_years(snap)
    result = new_in_year(snap, years)
    return render_template(
        "new_year.html",
        q="",
        result=result,
        data=render_expressions.year_news(result, expressions.doc_term_url),
        years=years,
    )
