"""What keeps every request answered while long ones run.

- A time budget per request (``REQUEST_BUDGET`` seconds, see ``indexer.search.budget``):
  the concordance and the trend stop reading when it runs out and say so.
- Heavy views (the concordance, trends, exports, comparisons) take one of
  ``HEAVY_SLOTS`` slots of their process while they run. A heavy request that finds
  none free within ``HEAVY_WAIT`` seconds is answered 503 with a hint to narrow the
  query; and since the server has more threads than heavy slots, a search or a
  suggestion always finds a thread free (``searchui.serving``).

The values are the app's config, so a test (or a deployment) can set them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app

from indexer.search import budget
from searchui.errors import Unavailable

DEFAULTS = {"REQUEST_BUDGET": 3.0, "HEAVY_SLOTS": 1, "HEAVY_WAIT": 1.0}
View = TypeVar("View", bound=Callable)


def register(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions["heavy_slots"] = threading.BoundedSemaphore(app.config["HEAVY_SLOTS"])

    @app.before_request
    def start_budget() -> None:
        budget.start(app.config["REQUEST_BUDGET"])

    @app.teardown_request
    def end_budget(exc: BaseException | None) -> None:
        budget.clear()


def heavy(view: View) -> View:
    """A view that may read much of the index: it runs in one of the process's heavy
    slots, or answers 503 (``busy``) when none frees up in time."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        slots = current_app.extensions["heavy_slots"]
        if not slots.acquire(timeout=current_app.config["HEAVY_WAIT"]):
            raise Unavailable("busy")
        try:
            return view(*args, **kwargs)
        finally:
            slots.release()

    return wrapper  # type: ignore[return-value]
