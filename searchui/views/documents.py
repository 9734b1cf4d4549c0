"""Reports: one report's page and JSON (with its paragraphs' citations), and the list of
what is indexed."""

from __future__ import annotations

import datetime as dt

from flask import jsonify, redirect, render_template, request, url_for

from indexer.search import DocumentView, document
from indexer.search.document import fingerprint
from searchui import catalog
from searchui.errors import NotFound
from searchui.i18n import ui_language
from searchui.render import json as render_json
from searchui.urls import paragraph_url
from searchui.views.base import bp, snapshot


def permalink(doc_id: str, paragraph: int | None = None, text: str | None = None) -> str:
    """The report's or paragraph's absolute URL, without the query or the interface
    language: what a citation names. A paragraph's carries its number and its text's
    fingerprint (``?p=36&fp=…#p36``): the page says so when the report has changed since."""
    if paragraph is None:
        return url_for("search.doc_page", doc_id=doc_id, _external=True)
    if text is None:
        return paragraph_url(doc_id, paragraph, external=True)
    cited = url_for("search.doc_page", doc_id=doc_id, p=paragraph, fp=fingerprint(text), _external=True)
    return f"{cited}#p{paragraph}"


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
    cited = request.args.get("p", "")
    changed = view.changed_since(int(cited), request.args["fp"]) if cited.isdigit() and "fp" in request.args else None
    return render_template("doc.html", q=q, doc=view.doc, view=view, back_url=back, changed=changed)


@bp.get("/docs")
def docs_page():
    ui = ui_language(request.args)
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
