"""One exception family with an HTTP status, and one handler: JSON for ``/api/…``
(and the CSV export), an HTML page otherwise. No traceback ever reaches a user."""

from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from indexer.errors import QueryError
from indexer.index.store import IndexMissing

log = logging.getLogger(__name__)


class AppError(Exception):
    status = 500
    title = "error"  # an i18n key

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
        return BadRequest(str(exc))
    if isinstance(exc, IndexMissing):
        return Unavailable("The index is being built or missing; try again in a minute.")
    if isinstance(exc, HTTPException):
        error = {404: NotFound, 400: BadRequest}.get(exc.code or 500, AppError)(exc.description or exc.name)
        error.status = exc.code or 500
        return error
    log.exception("unexpected error on %s", request.path)
    return AppError("Something went wrong on our side. Please try again.")


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.path.endswith(".csv")


def register(app: Flask) -> None:
    @app.errorhandler(Exception)
    def handle(exc: Exception):
        error = as_app_error(exc)
        if wants_json():
            return jsonify({"ok": False, "status": error.status, "error": error.message}), error.status
        q = request.args.get("q", "")[:500]
        return render_template("error.html", error=error, q=q), error.status
