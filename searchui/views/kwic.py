"""The concordance (KWIC): a page of lines, their JSON and the streamed CSV."""

from __future__ import annotations

from flask import jsonify, render_template, request, stream_with_context, url_for

from indexer.search.kwic import concordance, sorted_lines
from searchui import present
from searchui.render import csv as render_csv
from searchui.render import json as render_json
from searchui.urls import paragraph_url
from searchui.views.base import bp, csv_response, snapshot


def doc_q_url(doc_id: str, paragraph: int) -> str:
    """The paragraph's link with the query marked on it (/doc/<id>?q=…#p<n>)."""
    return paragraph_url(doc_id, paragraph, request.args.get("q"))


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
    lines = sorted_lines(snapshot(), present.kwic_from_args(request.args))
    return csv_response(stream_with_context(render_csv.kwic_csv(lines, doc_q_url)), "policy-search-kwic.csv")
