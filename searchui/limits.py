"""What keeps every request answered while long ones run.

- A time budget per request (``REQUEST_BUDGET`` seconds, see ``indexer.search.budget``):
  the concordance stops reading when it runs out and says so; the search export, the
  trend, the panel, collocations, comparisons and new expressions answer a 503 that
  says how far they got and how to narrow the request.
- Heavy views (the concordance, trends, the panel, collocations, comparisons, new
  expressions and the exports) take one of
  ``HEAVY_SLOTS`` slots of their process while they run. A heavy request that finds
  none free within ``HEAVY_WAIT`` seconds is answered 503 with a hint to narrow the
  query; and since the server has more threads than heavy slots, a search or a
  suggestion always finds a thread free (``searchui.serving``).
- A heavy request gives way to the light ones of its process: where it looks at the
  clock, it waits while a light request runs (at most ``GIVE_WAY`` seconds a time), so
  that a search does not share its process's GIL with a concordance.

The values are the app's config, so a test (or a deployment) can set them.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app, g, has_app_context, request

from indexer.search import budget
from searchui.errors import Unavailable

DEFAULTS = {"REQUEST_BUDGET": 3.0, "HEAVY_SLOTS": 1, "HEAVY_WAIT": 1.0}
GIVE_WAY = 0.05  # seconds a heavy request waits at most, a time, for the light ones to finish
View = TypeVar("View", bound=Callable)


class LightRequests:
    """The light requests running in this process, which heavy ones give way to."""

    def __init__(self) -> None:
        self.running = 0
        self._none = threading.Condition()

    def enter(self) -> None:
        with self._none:
            self.running += 1

    def leave(self) -> None:
        with self._none:
            self.running -= 1
            if not self.running:
                self._none.notify_all()

    def give_way(self) -> None:
        """Wait until no light request runs, or GIVE_WAY seconds (a wait lets go of the GIL)."""
        with self._none:
            self._none.wait_for(lambda: not self.running, timeout=GIVE_WAY)


LIGHT = LightRequests()  # one per process: its threads share one GIL


def _give_way() -> None:
    """A heavy request's pause at a look at the clock (a light one never waits for itself)."""
    if has_app_context() and not g.get("light", False):
        LIGHT.give_way()


def register(app: Flask) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.extensions["heavy_slots"] = threading.BoundedSemaphore(app.config["HEAVY_SLOTS"])
    budget.give_way_with(_give_way)

    @app.before_request
    def start_budget() -> None:
        budget.start(app.config["REQUEST_BUDGET"])
        if not getattr(app.view_functions.get(request.endpoint or ""), "heavy", False):
            g.light = True
            LIGHT.enter()

    @app.teardown_request
    def end_budget(exc: BaseException | None) -> None:
        budget.clear()
        if g.pop("light", False):
            LIGHT.leave()


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

    wrapper.heavy = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
