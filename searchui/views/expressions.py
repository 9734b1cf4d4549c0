"""New expressions: a report's (``/doc/<id>/new``, ``/doc/<id>/new.csv``: against its
place's earlier reports) and a year's (``/new``, ``/new.csv``: the expressions places
first used that year), both as JSON (``/api/new-terms``). Each asks the engine once and
renders the same dictionary."""

from __future__ import annotations

from dataclasses import replace

from flask import jsonify, render_template, request, url_for

from indexer.search import Snapshot
from indexer.search.novelty import NewTerms, UnknownReport, new_terms
from indexer.search.novelty_year import YearNews, add_paragraphs, year_news
from searchui import expressions, params
from searchui.errors import BadRequest, NotFound
from searchui.limits import heavy
from searchui.render import novelty as render
from searchui.urls import doc_url, paragraph_url, query_link, with_param
from searchui.views.base import bp, csv_response, snapshot


def links() -> render.TermLinks:
    """An expression's trend and concordance."""
    trend, kwic = query_link("search.trend_page"), query_link("search.kwic_page")
    return render.TermLinks(
        trend=lambda term: trend(expressions.as_query(term)), kwic=lambda term: kwic(expressions.as_query(term))
    )


def report_url(doc_id: str, paragraph: int | None, term: str) -> str:
    """A report with the term marked, at the paragraph where it first occurs."""
    return doc_url(doc_id, term) if paragraph is None else paragraph_url(doc_id, paragraph, term)


def new_terms_or_404(doc_id: str, compare: int | None) -> NewTerms:
    try:
        return new_terms(snapshot(), doc_id, compare)
    except UnknownReport:
        raise NotFound("no_report", doc_id=doc_id) from None


@bp.get("/doc/<doc_id>/new")
@heavy
def new_terms_page(doc_id: str):
    asked = params.new_terms_asked(request.args)
    result = new_terms_or_404(doc_id, asked.compare)
    current = "all" if result.compare is None else str(result.compare)
    everything = asked.everything
    path = url_for("search.new_terms_page", doc_id=doc_id)
    return render_template(
        "new_terms.html",
        q="",
        doc=result.doc,
        result=result,
        data=render.new_terms(result, paragraph_url, links()),
        choices=expressions.compare_links(doc_id, request.args, current),
        shown=None if everything else expressions.PAGE_ROWS,
        all_url=None if everything else with_param(path, request.args, "rows", "all"),
        csv_url=with_param(url_for("search.new_terms_csv", doc_id=doc_id), request.args, "rows", None),
    )


@bp.get("/doc/<doc_id>/new.csv")
@heavy
def new_terms_csv(doc_id: str):
    data = render.new_terms(
        new_terms_or_404(doc_id, params.new_terms_asked(request.args).compare), paragraph_url, links()
    )
    return csv_response(render.new_terms_csv(data), f"policy-search-new-{doc_id}.csv")


@bp.get("/api/new-terms")
@heavy
def api_new_terms():
    """One report's new expressions (``doc_id``, ``compare``) or a year's (``year``, ``level``)."""
    if "year" in request.args:
        snap = snapshot()
        return jsonify(year_data(new_in_year(snap, year_news_asked(snap))))
    doc_id = request.args.get("doc_id", "").strip()
    if not doc_id:
        raise BadRequest("doc_id_required")
    compare = params.new_terms_asked(request.args).compare
    return jsonify(render.new_terms(new_terms_or_404(doc_id, compare), paragraph_url, links()))


def new_in_year(snap: Snapshot, asked: params.YearNewsAsked, rows: int | None = None) -> YearNews:
    """The new expressions of the year and level asked for (the latest year when none is),
    with their paragraphs; ``rows``: only the first that many get them (a page shows no
    more, and the paragraphs are a third of the work)."""
    years = expressions.work_report_years(snap)
    if asked.year is None and not years:
        raise BadRequest("no_work_reports")
    result = year_news(snap, asked.year or years[0], asked.level)
    add_paragraphs(snap, result.terms[:rows])
    return result


def year_news_asked(snap: Snapshot) -> params.YearNewsAsked:
    years = expressions.work_report_years(snap)
    return params.year_news_asked(request.args, years[0] if years else 2024)


def year_data(result: YearNews) -> dict:
    return render.year_news(result, report_url, links())


@bp.get("/new")
@heavy
def new_year_page():
    snap = snapshot()
    asked = year_news_asked(snap)
    shown = None if asked.everything else expressions.PAGE_ROWS
    result = new_in_year(snap, asked, shown)
    everything = asked.everything
    path = url_for("search.new_year_page")
    return render_template(
        "new_year.html",
        q="",
        result=result,
        data=year_data(replace(result, terms=result.terms[:shown])),  # the rows shown (result.terms: all)
        years=expressions.work_report_years(snap),
        level_links=expressions.level_links(path, request.args, result),
        shown=shown,
        all_url=None if everything else with_param(path, request.args, "rows", "all"),
        csv_url=with_param(url_for("search.new_year_csv"), request.args, "rows", None),
    )


@bp.get("/new.csv")
@heavy
def new_year_csv():
    snap = snapshot()
    result = new_in_year(snap, year_news_asked(snap))
    return csv_response(render.year_news_csv(year_data(result)), f"policy-search-new-{result.year}-{result.level}.csv")
