"""A request's time budget: the server gives each request a few seconds, and the
loops that can run long (the concordance over every matching paragraph, the trend's
and the panel's terms, the collocations' paragraphs, a comparison's sides, the new
expressions' reports) look at the clock between chunks of work. Past the deadline
they stop and answer with what they have, and say so (a notice: ``expired``), or,
where a part would mislead, raise OutOfTime with a hint to narrow the request (a 503:
``check``); the command line sets no budget, so it always reads everything.

The deadline is a context variable: a server thread sets it for its request and
clears it after, and nothing else needs to carry it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from indexer.errors import OutOfTime

_DEADLINE: ContextVar[float | None] = ContextVar("deadline", default=None)
T = TypeVar("T")


def _carry_on() -> None:
    """Give way to nobody (outside a server)."""


_give_way: Callable[[], None] = _carry_on


def give_way_with(pause: Callable[[], None]) -> None:
    """What a long request does at each look at the clock: a server pauses it there
    while short requests of its process run (``searchui.limits``); by default nothing."""
    global _give_way
    _give_way = pause


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


def give_way() -> None:
    """A pause for the short requests in a long step that does not stop at the deadline
    (a query's matches, needed whole and kept for the next request)."""
    _give_way()


def expired() -> bool:
    """Whether the current request is past its deadline. Long loops ask between chunks
    of work, which is also where they give way to short requests (``give_way_with``)."""
    _give_way()
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() >= deadline


def check(code: str, **values: object) -> None:
    """OutOfTime(code, **values) when the request is past its deadline: the look at the
    clock of a loop whose partial result would mislead (its message says how to narrow
    the request)."""
    if expired():
        raise OutOfTime(code, **values)


def each(items: Sequence[T], code: str, total: str, **values: object) -> Iterator[T]:
    """The items, with a look at the clock before each but the first: past the deadline,
    OutOfTime(code, done=<how many were handed out>, <total>=len(items), **values)."""
    for done, item in enumerate(items):
        if done:
            check(code, done=done, **{total: len(items)}, **values)
        yield item
