"""Routes. Each view asks the engine for a result (data) and only renders it: the
HTML pages, the JSON API and the CSV export show the same result objects. Every
link is built with ``url_for``, so the app can be mounted under a URL prefix."""

from __future__ import annotations

import datetime as dt
import time

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)

from indexer.facets import facet
from indexer.search import DocumentView, SearchIndex, Snapshot, document, export_rows, search, search_reports, suggest
from indexer.search.compare import compare, read_min_count, side
from indexer.search.kwic import concordance, sorted_lines
from searchui import catalog, expressions, present, trends
from searchui.errors import NotFound
from searchui.i18n import api_language, label, say
from searchui.render import csv as render_csv
from searchui.render import expressions as render_expressions
from searchui.render import json as render_json
from searchui.render import trend as render_trend
from searchui.render.csv import rows_csv
from searchui.render.marks import mark, snippet_html

bp = Blueprint("search", __name__)

CONTENT_LANGUAGES = {"zh": "zh-CN", "en": "en"}  # a document's language → its lang attribute
EXAMPLES = ["双城经济圈", "营商环境", "乡村振兴 province:全国", "供给侧结构性改革", '"twin-city economic circle"', "渝"]


def snapshot() -> Snapshot:
    index: SearchIndex = current_app.config["SEARCH_INDEX"]
    return index.snapshot()


def doc_url(doc_id: str, paragraph: int) -> str:
    return url_for("search.doc_page", doc_id=doc_id) + f"#p{paragraph}"


def permalink(doc_id: str, paragraph: int) -> str:
    """The paragraph's absolute URL, without the query or the interface language: what a citation names."""
    return url_for("search.doc_page", doc_id=doc_id, _external=True) + f"#p{paragraph}"


@bp.app_context_processor
def template_helpers() -> dict:
    ui = present.ui_language(request.args)
    return {
        "ui": ui,
        "t": lambda key, **values: label(key, ui, **values),
        "say": lambda message: say(message, ui),
        "facet_label": lambda name, value: facet(name).label(value, ui),  # type: ignore[union-attr]
        "facet_title": lambda name: facet(name).title(ui),  # type: ignore[union-attr]
        "switch_url": present.language_switch_url(request.script_root + request.path, request.args, ui),
        "examples": EXAMPLES,
        "content_lang": lambda lang: CONTENT_LANGUAGES.get(lang or "", "zh-CN"),
        "mark": mark,
        "snippet_html": snippet_html,
    }


@bp.get("/")
def home():
    snap = snapshot()
    return render_template("home.html", q="", figures=catalog.figures(snap.sorted_documents(), snap.built_at))


@bp.get("/search")
def search_page():
    if target := present.years_from_form(request.args):
        return redirect(target)
    state = present.state_from_args(request.args)
    started = time.perf_counter()
    result = search_reports(snapshot(), state.request)
    took_ms = (time.perf_counter() - started) * 1000
    facets = present.facet_lists(result.summary, request.args, state.ui)
    by_name = {f["name"]: f["entries"] for f in facets}
    doc_args = {"q": state.request.q, "literal": "1" if state.request.literal else None}
    return render_template(
        "search.html",
        q=state.request.q,
        result=result,
        summary=result.summary,
        took_ms=took_ms,
        facets=facets,
        chips=present.chips(result.summary, request.args, state.ui),
        unmatched=present.unmatched_filters(result.summary, state.ui),
        clear_url=present.clear_filters_url(result.summary, request.args),
        year_range=present.year_range(result.summary, request.args),
        province_chart=present.chart(by_name["province"]),
        province_truncated=len(present.chart_values(by_name["province"])) > present.CHART_MAX_BARS,
        year_chart=present.year_chart(by_name["year"]),
        pages=present.pagination(result, request.args),
        sorts=present.sort_links(request.args, state.request.sort, state.ui),
        csv_url=url_for("search.search_csv", **request.args.to_dict(flat=False)),
        trend_url=url_for("search.trend_page", **request.args.to_dict(flat=False)),
        pinyin=present.pinyin_notes(result.summary, request.args),
        doc_args={k: v for k, v in doc_args.items() if v},
    )


@bp.get("/doc/<doc_id>")
def doc_page(doc_id: str):
    q = request.args.get("q", "")
    view = document_or_404(doc_id, q, literal=request.args.get("literal") == "1")
    back_args = {k: v for k, v in request.args.items() if k in ("q", "ui", "literal")}
    back = url_for("search.search_page", **back_args) if q else None
    return render_template("doc.html", q=q, doc=view.doc, view=view, back_url=back)


@bp.get("/docs")
def docs_page():
    ui = present.ui_language(request.args)
    documents = snapshot().sorted_documents()
    chosen, filters = catalog.selection(documents, request.args)
    narrowed = bool(filters["province"] or filters["level"])
    by_city = bool(filters["province"]) or filters["level"] == "city"
    shown = chosen if narrowed else [d for d in documents if d.get("level") != "city"]
    return render_template(
        "docs.html",
        q="",
        table=catalog.place_table(shown, ui, by_city),
        documents=chosen if narrowed else [],
        filters=filters,
        total=len(documents),
    )


# ---------------------------------------------------------------- API


@bp.get("/api/search")
def api_search():
    state = present.state_from_args(request.args)
    page = search(snapshot(), state.request)
    return jsonify(render_json.hit_page(page, doc_url, api_language(request.args)))


@bp.get("/api/suggest")
def api_suggest():
    q = request.args.get("q", "")
    return jsonify(render_json.suggestions(q, suggest(snapshot(), q)))


@bp.get("/api/docs")
def api_docs():
    return jsonify({"documents": snapshot().sorted_documents()})


def document_or_404(doc_id: str, q: str = "", literal: bool = False) -> DocumentView:
    view = document(snapshot(), doc_id, q, literal=literal)
    if view is None:
        raise NotFound("no_report", doc_id=doc_id)
    return view


@bp.get("/api/docs/<doc_id>")
def api_doc(doc_id: str):
    return jsonify(render_json.document(document_or_404(doc_id), permalink, dt.date.today()))


@bp.get("/api/docs/<doc_id>/paragraphs/<int:number>")
def api_paragraph(doc_id: str, number: int):
    """One paragraph with its citations (what the page's "cite" button shows)."""
    view = document_or_404(doc_id)
    found = next((p for p in view.paragraphs if p.number == number), None)
    if found is None:
        raise NotFound("no_paragraph", doc_id=doc_id, number=number)
    return jsonify({"doc_id": doc_id, **render_json.paragraph(view.doc, found, permalink, dt.date.today())})


@bp.get("/search.csv")
def search_csv():
    state = present.state_from_args(request.args)
    rows = export_rows(snapshot(), state.request)
    return Response(
        rows_csv(rows, doc_url),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="policy-search.csv"'},
    )


def term_doc_url(doc_id: str, paragraph: int, term: str) -> str:
    return url_for("search.doc_page", doc_id=doc_id, q=term) + f"#p{paragraph}"


@bp.get("/trend")
def trend_page():
    state = trends.state_from_args(request.args)
    ui = present.ui_language(request.args)
    started = time.perf_counter()
    trend = trends.build(snapshot(), state)
    data = render_trend.trend_json(trend, term_doc_url, state.by_city)
    page = trends.page_data(trend, data, request.args, ui)
    took_ms = (time.perf_counter() - started) * 1000
    return render_template("trend.html", q=" | ".join(state.terms), data=data, page=page, took_ms=took_ms)


@bp.get("/api/trend")
def api_trend():
    state = trends.state_from_args(request.args)
    trend = trends.build(snapshot(), state)
    return jsonify(render_trend.trend_json(trend, term_doc_url, state.by_city))


@bp.get("/trend.csv")
def trend_csv():
    state = trends.state_from_args(request.args)
    return Response(
        render_trend.panel_csv(trends.build(snapshot(), state), state.by),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="policy-search-trend.csv"'},
    )


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="favicon.svg"))


# ---------------------------------------------------------------- concordance


@bp.get("/kwic")
def kwic_page():
    kwic = present.kwic_from_args(request.args)
    result = concordance(snapshot(), kwic)
    pages = present.kwic_pagination(result, request.args)
    return render_template(
        "kwic.html",
        q=kwic.search.q,
        result=result,
        sorts=present.kwic_sort_links(request.args, kwic.sort),
        pages=pages,
        csv_url=url_for("search.kwic_csv", **request.args.to_dict(flat=False)),
        search_url=url_for("search.search_page", **request.args.to_dict(flat=False)),
        doc_args={"q": kwic.search.q},
    )


@bp.get("/api/kwic")
def api_kwic():
    return jsonify(render_json.kwic_page(concordance(snapshot(), present.kwic_from_args(request.args)), doc_q_url))


@bp.get("/kwic.csv")
def kwic_csv():
    kwic = present.kwic_from_args(request.args)
    lines = sorted_lines(snapshot(), kwic)
    return Response(
        stream_with_context(render_csv.kwic_csv(lines, doc_q_url)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="policy-search-kwic.csv"'},
    )


def doc_q_url(doc_id: str, paragraph: int) -> str:
    """The paragraph's link with the query marked on it (/doc/<id>?q=…#p<n>)."""
    q = request.args.get("q", "")
    return url_for("search.doc_page", doc_id=doc_id, q=q or None) + f"#p{paragraph}"


# ---------------------------------------------------------------- new expressions and keyness


def comparison() -> dict:
    snap = snapshot()
    a = side(snap, "a", request.args.get("a", ""))
    b = side(snap, "b", request.args.get("b", ""))
    result = compare(snap, a, b, read_min_count(request.args.get("min")))
    return render_expressions.comparison(result, expressions.search_url)


@bp.get("/compare")
def compare_page():
    asked = any(request.args.get(name) for name in ("a", "b"))
    data = comparison() if asked else None
    csv_url = url_for("search.compare_csv", **request.args.to_dict(flat=False)) if asked else None
    return render_template("compare.html", q="", data=data, args=request.args, csv_url=csv_url)


@bp.get("/api/compare")
def api_compare():
    return jsonify(comparison())


@bp.get("/compare.csv")
def compare_csv():
    return Response(
        render_expressions.comparison_csv(comparison()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="policy-search-compare.csv"'},
    )
