"""Citations as files a reference manager imports: ``/doc/<id>/cite.bib``, ``.ris`` and
``.json`` (CSL-JSON), the whole report or, with ``?p=N``, one paragraph; and a selection
of search results as one file, ``/search.bib``, ``/search.ris``, ``/search.json``: the
reports chosen with ``cite=<doc_id>`` or ``cite=<doc_id>:<paragraph>`` (repeated), else
every matching report (newest first, at most ``MAX_REPORTS``)."""

from __future__ import annotations

import datetime as dt

from flask import Response, request

from indexer.search.newest import MAX_REPORTS, newest_reports
from searchui import params
from searchui.errors import BadRequest, NotFound
from searchui.render.bibliography import FORMATS, Reference, render
from searchui.views.base import bp, snapshot
from searchui.views.documents import document_or_404, permalink

FORMAT_CHOICES = ", ".join(FORMATS)


def whole_report(doc: dict) -> Reference:
    return Reference(doc["doc_id"], doc, None, [], permalink(doc["doc_id"]), dt.date.today())


def reference(doc_id: str, number: int | None) -> Reference:
    """The report's reference, or its paragraph ``number``'s (a 404 when it has none)."""
    view = document_or_404(doc_id)
    if number is None:
        return whole_report(view.doc)
    found = next((p for p in view.paragraphs if p.number == number), None)
    if found is None:
        raise NotFound("no_paragraph", doc_id=doc_id, number=number)
    link = permalink(doc_id, number, found.text)
    return Reference(f"{doc_id}-p{number}", view.doc, number, found.section, link, dt.date.today())


def _paragraph_number(written: str | None) -> int | None:
    if written is None or written == "":
        return None
    if not written.isdigit() or int(written) < 1:
        raise BadRequest("whole_number", name="p", value=written)
    return int(written)


def _file(refs: list[Reference], fmt: str, name: str) -> Response:
    extension = "csl.json" if fmt == "json" else fmt
    return Response(
        render(refs, fmt),
        mimetype=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"'},
    )


@bp.get("/doc/<doc_id>/cite.<fmt>")
def cite_file(doc_id: str, fmt: str):
    if fmt not in FORMATS:
        raise BadRequest("unknown_format", value=fmt, choices=FORMAT_CHOICES)
    number = _paragraph_number(request.args.get("p"))
    return _file([reference(doc_id, number)], fmt, doc_id + (f"-p{number}" if number else ""))


def chosen_references(chosen: list[str]) -> list[Reference]:
    """``doc_id`` or ``doc_id:paragraph`` each."""
    refs = []
    for written in chosen[:MAX_REPORTS]:
        doc_id, _, number = written.partition(":")
        refs.append(reference(doc_id.strip(), _paragraph_number(number.strip() or None)))
    return refs


@bp.get("/search.<any(bib, ris, json):fmt>")
def search_citations(fmt: str):
    if chosen := request.args.getlist("cite"):
        return _file(chosen_references(chosen), fmt, "policy-search")
    state = params.search_state(request.args)
    reports = newest_reports(snapshot(), state.request)
    return _file([whole_report(r.doc) for r in reports], fmt, "policy-search")
