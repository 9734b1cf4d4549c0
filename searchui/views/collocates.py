"""Collocations: the words that go with a term, in one selection or two. The page, the
API and the CSV render the same data (``searchui.collocates.result_data``)."""

from __future__ import annotations

from flask import jsonify, render_template, request, url_for

from searchui import chips, collocates, params
from searchui.i18n import ui_language
from searchui.limits import heavy
from searchui.urls import with_param
from searchui.views.base import bp, csv_response, snapshot
from searchui.views.search import research_example


def collocation_data() -> dict:
    asked = params.collocates_asked(request.args)
    return collocates.result_data(snapshot(), asked.request, asked.a, asked.b, collocates.term_urls)


@bp.get("/collocates")
@heavy
def collocates_page():
    args = request.args
    asked = bool(args.get("q", "").strip())
    data = collocation_data() if asked else None
    path = url_for("search.collocates_page")
    return render_template(
        "collocates.html",
        q=args.get("q", ""),
        data=data,
        args=args,
        sorts=collocates.sort_links(args, data["sort"]) if data else [],
        csv_url=url_for("search.collocates_csv", **args.to_dict(flat=False)) if asked else None,
        all_url=with_param(path, args, "all", None if args.get("all") == "1" else "1"),
        chips=chips.url_chips(path, args, ui_language(args)),
        example=None if asked else research_example("collocates"),
    )


@bp.get("/api/collocates")
@heavy
def api_collocates():
    return jsonify(collocation_data())


@bp.get("/collocates.csv")
@heavy
def collocates_csv():
    return csv_response(collocates.render.collocates_csv(collocation_data()), "policy-search-collocates.csv")
