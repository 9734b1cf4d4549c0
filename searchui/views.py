"""Routes. Each view gets its data from ``indexer.search`` and only renders it: the
HTML pages, the JSON API and the CSV export show the same result objects."""

from __future__ import annotations

import csv
import io
import time

from flask import Blueprint, Response, current_app, jsonify, redirect, render_template, request, url_for

from indexer.search import SearchIndex, document, matching_paragraphs, search, search_reports, suggest
from searchui import present
from searchui.errors import NotFound
from searchui.i18n import label

bp = Blueprint("search", __name__)

EXAMPLES = ["双城经济圈", "营商环境", "乡村振兴 province:全国", "供给侧结构性改革", '"twin-city economic circle"', "渝"]
CSV_COLUMNS = ("doc_id", "title", "province", "year", "paragraph", "url", "text")


def index() -> SearchIndex:
    return current_app.config["SEARCH_INDEX"]


@bp.app_context_processor
def template_helpers() -> dict:
    ui = present.ui_language(request.args)
    return {
        "ui": ui,
        "t": lambda key, **values: label(key, ui, **values),
        "switch_url": present.language_switch_url(request.path, request.args, ui),
        "examples": EXAMPLES,
    }


@bp.get("/")
def home():
    return render_template("home.html", q="")


@bp.get("/search")
def search_page():
    state = present.state_from_args(request.args)
    started = time.perf_counter()
    result = search_reports(index(), state.request, state.sort)
    took_ms = (time.perf_counter() - started) * 1000
    facets = present.facet_values(result, request.args, state.ui)
    return render_template(
        "search.html",
        q=state.request.q,
        result=result,
        took_ms=took_ms,
        facets=facets,
        chips=present.chips(request.args, state.ui),
        clear_url=present.clear_filters_url(request.args),
        province_chart=present.chart(facets["province"]),
        year_chart=present.chart(facets["year"], by_value=True),
        pages=present.pagination(result, request.args),
        sorts=present.sort_links(request.args, state.sort, state.ui),
        csv_url=request.full_path.replace("/search?", "/search.csv?", 1),
        pinyin=present.pinyin_notes(result, request.args),
        doc_q=result["interpreted_query"] if result["pinyin"] else state.request.q,
    )


@bp.get("/doc/<doc_id>")
def doc_page(doc_id: str):
    q = request.args.get("q", "")
    doc = document(index(), doc_id, q)
    if doc is None:
        raise NotFound(f"There is no report {doc_id!r}.")
    back = url_for("search.search_page", **{k: v for k, v in request.args.items() if k in ("q", "ui")}) if q else None
    return render_template("doc.html", q=q, doc=doc, back_url=back)


@bp.get("/docs")
def docs_page():
    return render_template("docs.html", q="", documents=index().documents())


# ---------------------------------------------------------------- API


@bp.get("/api/search")
def api_search():
    state = present.state_from_args(request.args)
    return jsonify(search(index(), state.request))


@bp.get("/api/suggest")
def api_suggest():
    return jsonify(suggest(index(), request.args.get("q", "")))


@bp.get("/api/docs")
def api_docs():
    return jsonify({"documents": index().documents()})


@bp.get("/api/docs/<doc_id>")
def api_doc(doc_id: str):
    doc = document(index(), doc_id)
    if doc is None:
        raise NotFound(f"There is no report {doc_id!r}.")
    doc["paragraphs"] = [{k: p[k] for k in ("number", "text", "section")} for p in doc["paragraphs"]]
    del doc["matching_paragraphs"]
    return jsonify(doc)


@bp.get("/search.csv")
def search_csv():
    state = present.state_from_args(request.args)
    rows = matching_paragraphs(index(), state.request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in CSV_COLUMNS])
    return Response(
        "\ufeff" + out.getvalue(),  # a BOM so that spreadsheet programs read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="policy-search.csv"'},
    )


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="favicon.svg"))
