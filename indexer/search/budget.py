"""A request's time budget: the server gives each request a few seconds, and the
loops that can run long (the concordance over every matching paragraph, the trend's
terms) look at the clock between chunks of work. Past the deadline they stop and
answer with what they have, and say so (a notice); the command line sets no
budget, so it always reads everything.

The deadline is a context variable: a server thread sets it for its request and
clears it after, and nothing else needs to carry it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("deadline", default=None)


def start(seconds: float | None) -> None:
    """Give the current context (a request's thread) ``seconds`` from now; None: no limit."""
    _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)


def clear() -> None:
    _DEADLINE.set(None)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    start(seconds)
    try:
        yield
    finally:
        clear()


def expired() -> bool:
    """Whether the current request is past its deadline."""
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() >= deadline
