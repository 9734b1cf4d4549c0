"""Keyness: what one selection of reports says more often than another."""

from __future__ import annotations

from flask import jsonify, render_template, request, url_for

from indexer.search.compare import compare, read_min_count, side
from searchui import expressions
from searchui.render import expressions as render_expressions
from searchui.views.base import bp, csv_response, snapshot


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
    return csv_response(render_expressions.comparison_csv(comparison()), "policy-search-compare.csv")
