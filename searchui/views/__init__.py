"""Routes, one module per feature, all on one blueprint (``base.bp``). Each view reads
the request, asks the engine for a result (data) and only renders it: the HTML pages,
the JSON API and the CSV export show the same result objects. Every link is built
with ``url_for``, so the app can be mounted under a URL prefix.

A new feature adds its module here and to the import below."""

from searchui.views import compare, documents, expressions, kwic, search, trend
from searchui.views.base import bp

__all__ = ["bp", "compare", "documents", "expressions", "kwic", "search", "trend"]
