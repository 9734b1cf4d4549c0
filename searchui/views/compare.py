"""Keyness: what one selection of reports says more often than another."""

from __future__ import annotations

from flask import jsonify, render_template, request, url_for

from indexer.search.compare import compare, side
from searchui import expressions, params
from searchui.limits import heavy
from searchui.render import expressions as render_expressions
from searchui.urls import with_param
from searchui.views.base import bp, csv_response, snapshot
from searchui.views.search import research_example


def comparison() -> dict:
    snap, asked = snapshot(), params.compare_asked(request.args)
    a, b = side(snap, "a", asked.a), side(snap, "b", asked.b)
    result = compare(snap, a, b, asked.min_count, everything=asked.everything)
    return render_expressions.comparison(result, expressions.search_url)


@bp.get("/compare")
@heavy
def compare_page():
    asked = any(request.args.get(name) for name in ("a", "b"))
    data = comparison() if asked else None
    csv_url = url_for("search.compare_csv", **request.args.to_dict(flat=False)) if asked else None
    all_url = with_param(url_for("search.compare_page"), request.args, "all", None if data and data["all"] else "1")
    example = None if asked else research_example("compare")
    return render_template(
        "compare.html", q="", data=data, args=request.args, csv_url=csv_url, all_url=all_url, example=example
    )


@bp.get("/api/compare")
@heavy
def api_compare():
    return jsonify(comparison())


@bp.get("/compare.csv")
@heavy
def compare_csv():
    return csv_response(render_expressions.comparison_csv(comparison()), "policy-search-compare.csv")
