"""Routes of the collocation view: the page, the API and the CSV render the same data
(``searchui.collocates.result_data``)."""

from __future__ import annotations

from flask import Response, jsonify, render_template, request, url_for

from searchui import collocates
from searchui.urls import with_param
from searchui.views import bp, snapshot


def collocation_data() -> dict:
    req = collocates.request_from_args(request.args)
    return collocates.result_data(
        snapshot(), req, request.args.get("a", ""), request.args.get("b", ""), collocates.term_urls
    )


@bp.get("/collocates")
def collocates_page():
    asked = bool(request.args.get("q", "").strip())
    data = collocation_data() if asked else None
    args = request.args
    path = url_for("search.collocates_page")
    return render_template(
        "collocates.html",
        q=args.get("q", ""),
        data=data,
        args=args,
        sorts=collocates.sort_links(args, data["sort"]) if data else [],
        csv_url=url_for("search.collocates_csv", **args.to_dict(flat=False)) if asked else None,
        all_url=with_param(path, args, "all", None if args.get("all") == "1" else "1"),
    )


@bp.get("/api/collocates")
def api_collocates():
    return jsonify(collocation_data())


@bp.get("/collocates.csv")
def collocates_csv():
    return Response(
        collocates.render.collocates_csv(collocation_data()),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="policy-search-collocates.csv"'},
    )
