"""The error a user's query, filter or request parameter can raise: its message
(``indexer.messages``) is shown as it is, in the interface language (HTTP 400, exit
code 2), so it says what to type instead. And the one a request past its time budget
raises where it cannot answer with part of the result (HTTP 503)."""

from __future__ import annotations

from indexer.messages import Explained


class QueryError(Explained, ValueError):
    """A query, filter or request parameter that cannot be read: ``QueryError(code,
    notices, **values)``, the notices explaining it (what was ignored before nothing
    was left to search)."""


class OutOfTime(Explained):
    """The request's time budget ran out where a partial answer would mislead (an
    export): ``OutOfTime(code, **values)``, its message saying how to narrow the query."""


def read_number(name: str, text: str | None, default: int, most: int, code: str = "number_range") -> int:
    """A request's whole-number parameter from 1 to ``most`` (``default`` when absent);
    ``code`` the message when it is not one (``number_range_or_all`` where the caller
    takes ``all`` too)."""
    if text is None or not text.strip():
        return default
    try:
        number = int(text)
    except ValueError:
        raise QueryError(code, name=name, most=most, value=text[:40]) from None
    if not 1 <= number <= most:
        raise QueryError(code, name=name, most=most, value=number)
    return number
