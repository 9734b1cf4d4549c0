"""One exception family with an HTTP status, and one handler: JSON for ``/api/…``
(and the CSV export), an HTML page otherwise. No traceback ever reaches a user.
Every message is an ``indexer.messages`` code, said in the language asked for
(``ui``; a page's default is Chinese, the API's English)."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import OutOfTime, QueryError
from indexer.index.store import IndexMissing
from indexer.messages import Explained
from searchui.i18n import api_language, ui_language

log = logging.getLogger(__name__)


class AppError(Explained):
    status = 500
    title = "error"  # an i18n key


class BadRequest(AppError):
    status = 400
    title = "bad_request"


class NotFound(AppError):
    status = 404
    title = "not_found"


class Unavailable(AppError):
    status = 503
    title = "unavailable"


def as_app_error(exc: Exception) -> AppError:
    if isinstance(exc, AppError):
        return exc
    if isinstance(exc, QueryError):
        *notices, reason = exc.messages
        return BadRequest(reason.code, notices, **reason.params)
    if isinstance(exc, OutOfTime):
        return Unavailable(exc.code, **exc.messages[-1].params)
    if isinstance(exc, IndexMissing):
        return Unavailable("index_missing")
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    log.exception("unexpected error on %s", request.path)
    return AppError("internal")


def _http_error(exc: HTTPException) -> AppError:
    kind = {404: NotFound, 400: BadRequest}.get(exc.code or 500, AppError)
    error = kind("page_not_found") if exc.code == 404 else kind("http_error", description=exc.description or exc.name)
    error.status = exc.code or 500
    return error


def wants_json() -> bool:
    """The API, and files (a last path segment with a suffix: .csv, .dta, .bib, .atom …)."""
    return request.path.startswith("/api/") or "." in request.path.rsplit("/", 1)[-1]


def register(app: Flask) -> None:
    @app.errorhandler(Exception)
    def handle(exc: Exception):
        error = as_app_error(exc)
        if wants_json():
            body = {
                "ok": False,
                "status": error.status,
                "code": error.code,
                "error": error.text(api_language(request.args)),
            }
            return jsonify(body), error.status
        from searchui.views.base import ask_page, ask_view  # the views import this module

        message = error.text(ui_language(request.args))
        if error.status == 400 and (view := ask_view(request.path)):
            return ask_page(view, 400, message)
        q = request.args.get("q", "")[:500]
        return render_template("error.html", error=error, message=message, q=q), error.status
