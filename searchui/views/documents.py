"""Reports: one report's page and JSON (with its paragraphs' citations), and the list of
what is indexed."""

from __future__ import annotations

import datetime as dt
from functools import partial

from flask import jsonify, redirect, render_template, request, url_for

from indexer.search import DocumentView, document
from searchui import catalog, present
from searchui.errors import NotFound
from searchui.render import json as render_json
from searchui.urls import paragraph_url
from searchui.views.base import bp, snapshot

permalink = partial(paragraph_url, external=True)  # what a citation names: no query, no interface language


def document_or_404(doc_id: str, q: str = "", literal: bool = False) -> DocumentView:
    view = document(snapshot(), doc_id, q, literal=literal)
    if view is None:
        raise NotFound("no_report", doc_id=doc_id)
    return view


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


@bp.get("/api/docs")
def api_docs():
    return jsonify({"documents": snapshot().sorted_documents()})


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


@bp.get("/favicon.ico")
def favicon():
    return redirect(url_for("static", filename="favicon.svg"))
