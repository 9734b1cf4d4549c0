"""The web front end: a Flask app over one long-lived SearchIndex (it follows index
rebuilds by itself). Read-only: nothing here writes to the index."""

from __future__ import annotations

import time
from pathlib import Path

from flask import Flask

from indexer import config
from indexer.search import SearchIndex
from searchui.render.numbers import rate

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def create_app(index_dir: Path | None = None) -> Flask:
    """The app over the index at ``index_dir`` (default: see ``indexer.config``)."""
    from searchui import errors, limits, views

    app = Flask(__name__)
    app.config["SEARCH_INDEX"] = SearchIndex(config.index_dir(Path(index_dir) if index_dir else None))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.filters["datetime"] = lambda seconds: time.strftime("%Y-%m-%d %H:%M", time.localtime(seconds))
    app.jinja_env.filters["rate"] = rate
    app.register_blueprint(views.bp)
    errors.register(app)
    limits.register(app)

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return app
