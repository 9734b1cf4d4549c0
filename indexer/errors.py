"""The one error a user's query, filter or request parameter can raise: its message is
shown as it is (HTTP 400, exit code 2), so it says what to type instead."""

from __future__ import annotations


class QueryError(ValueError):
    """A query, filter or request parameter that cannot be read."""
