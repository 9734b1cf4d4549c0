"""The panel export: ``/panel.csv`` and ``/panel.dta`` (GET with ``q=a|b`` or repeated
``q``; POST with a list file ``terms_file``, one term per line), and its codebook at
``/panel/codebook`` (a page) and ``/panel/codebook.json``."""

from __future__ import annotations

from flask import Response, jsonify, render_template, request
from werkzeug.datastructures import MultiDict

from indexer.facets import FACETS
from indexer.search.panel import MAX_PANEL_TERMS, build_panel, panel_terms
from searchui.errors import BadRequest
from searchui.limits import heavy
from searchui.render import panel as render_panel
from searchui.views.base import bp, snapshot

MAX_LIST_BYTES = 64_000  # a list of terms, not a corpus
MIMETYPES = {"csv": "text/csv", "dta": "application/x-stata-dta"}


def request_terms() -> list[str]:
    """``q`` from the URL or the form, and the lines of an uploaded list file."""
    values = request.values.getlist("q")
    upload = request.files.get("terms_file")
    if upload is not None:
        text = upload.read(MAX_LIST_BYTES + 1)
        if len(text) > MAX_LIST_BYTES:
            raise BadRequest("panel_too_many", most=MAX_PANEL_TERMS, count=f"> {MAX_LIST_BYTES} bytes")
        values.append(text.decode("utf-8-sig", errors="replace"))
    return panel_terms(values)


def request_filters(values: MultiDict) -> dict[str, list[str]]:
    return {f.name: values.getlist(f.name) for f in FACETS if values.getlist(f.name)}


@bp.route("/panel.<fmt>", methods=["GET", "POST"])
@heavy
def panel_export(fmt: str):
    if fmt not in render_panel.FORMATS:
        raise BadRequest("unknown_format", value=fmt, choices=", ".join(f"/panel.{f}" for f in render_panel.FORMATS))
    terms = request_terms()
    panel = build_panel(snapshot(), terms, request_filters(request.values), request.values.get("literal") == "1")
    body = render_panel.panel_csv(panel) if fmt == "csv" else render_panel.panel_dta(panel)
    return Response(
        body,
        mimetype=MIMETYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="policy-search-panel.{fmt}"'},
    )


@bp.get("/panel/codebook")
def panel_codebook():
    return render_template("codebook.html", q="", book=render_panel.codebook(), most=MAX_PANEL_TERMS, args=request.args)


@bp.get("/panel/codebook.json")
def panel_codebook_json():
    return jsonify(render_panel.codebook())
