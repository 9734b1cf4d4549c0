"""Search: the start page, the result page, its JSON, its CSV and the suggestions."""

from __future__ import annotations

import time

from flask import jsonify, redirect, render_template, request, url_for

from indexer.search import export_rows, search, search_reports, suggest
from indexer.search.suggest import did_you_mean
from indexer.targets.indicators import BY_KEY
from searchui import catalog, chips, params, present
from searchui.i18n import api_language, ui_language
from searchui.limits import heavy
from searchui.render import json as render_json
from searchui.render.csv import rows_csv
from searchui.urls import paragraph_url, with_param
from searchui.views.base import ask_page, bp, csv_response, snapshot


@bp.get("/")
def home():
    snap = snapshot()
    figures = catalog.figures(snap.sorted_documents(), snap.built_at)
    return render_template("home.html", q="", figures=figures, research_views=research_views())


# The research views the start page names, each with one example: (name, endpoint, example arguments).
RESEARCH_VIEWS = (
    ("trend", "search.trend_page", {"q": "营商环境"}),
    ("kwic", "search.kwic_page", {"q": "营商环境"}),
    ("new", "search.new_year_page", {"year": "2024"}),
    ("compare", "search.compare_page", {"a": "province:四川", "b": "province:重庆"}),
    ("collocates", "search.collocates_page", {"q": "营商环境"}),
    ("targets", "search.targets_page", {"indicator": "gdp"}),
    ("docs", "search.docs_page", {"province": "四川"}),
)


def research_views() -> list[dict]:
    language = ui_language(request.args)
    ui = {"ui": "en"} if language == "en" else {}
    return [
        {
            "name": name,
            "url": url_for(endpoint, **ui),
            "example": example_label(example, language),
            "example_url": url_for(endpoint, **example, **ui),
        }
        for name, endpoint, example in RESEARCH_VIEWS
    ]


def research_example(name: str) -> dict:
    """The start page's example of one research view, for its empty form."""
    return next(view for view in research_views() if view["name"] == name)


def example_label(example: dict[str, str], ui: str) -> str:
    """What a reader sees of an example: an indicator by its name (GDP growth, not the
    key gdp), a selection by its value (四川, not province:四川)."""
    if indicator := BY_KEY.get(example.get("indicator", "")):
        return indicator.label(ui)
    return " · ".join(value.rpartition(":")[2] for value in example.values())


@bp.get("/search")
def search_page():
    if target := present.years_from_form(request.args):
        return redirect(target)
    if not request.args.get("q", "").strip():
        return ask_page("search")
    state = params.search_state(request.args)
    started = time.perf_counter()
    result = search_reports(snapshot(), state.request)
    took_ms = (time.perf_counter() - started) * 1000
    facets = present.facet_lists(result.summary, request.args, state.ui)
    by_name = {f["name"]: f["entries"] for f in facets}
    path = url_for("search.search_page")
    doc_args = {"q": state.request.q, "literal": "1" if state.request.literal else None}
    return render_template(
        "search.html",
        q=state.request.q,
        result=result,
        summary=result.summary,
        took_ms=took_ms,
        facets=facets,
        chips=chips.chips(result.summary, request.args, state.ui, path),
        unmatched=chips.unmatched_filters(result.summary, state.ui),
        clear_url=chips.clear_filters_url(result.summary, request.args, path),
        year_range=present.year_range(result.summary, request.args),
        province_chart=present.chart(by_name["province"]),
        province_truncated=len(present.chart_values(by_name["province"])) > present.CHART_MAX_BARS,
        year_chart=present.year_chart(by_name["year"]),
        pages=present.pagination(path, result.summary.page, result.pages, request.args),
        sorts=present.sort_links(request.args, state.request.sort, state.ui),
        csv_url=url_for("search.search_csv", **request.args.to_dict(flat=False)),
        trend_url=url_for("search.trend_page", **request.args.to_dict(flat=False)),
        pinyin=present.pinyin_notes(result.summary, request.args),
        doc_args={k: v for k, v in doc_args.items() if v},
        slip=None if result.summary.total else _slip(state.request.q, path),
    )


def _slip(q: str, path: str) -> dict | None:
    """ "Did you mean": the term a one-letter slip in pinyin or initials stood for."""
    found = did_you_mean(snapshot(), q)
    if found is None:
        return None
    edit, term = found
    return {
        "typed": edit,
        "text": term.text,
        "pinyin": term.pinyin,
        "url": with_param(path, request.args, "q", term.text),
    }


@bp.get("/api/search")
def api_search():
    state = params.search_state(request.args)
    page = search(snapshot(), state.request)
    return jsonify(render_json.hit_page(page, paragraph_url, api_language(request.args)))


@bp.get("/api/suggest")
def api_suggest():
    q = request.args.get("q", "")
    return jsonify(render_json.suggestions(q, suggest(snapshot(), q)))


@bp.get("/search.csv")
@heavy
def search_csv():
    state = params.search_state(request.args)
    return csv_response(rows_csv(export_rows(snapshot(), state.request), paragraph_url), "policy-search.csv")
