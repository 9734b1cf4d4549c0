"""The one error a user's query, filter or request parameter can raise: its message is
shown as it is (HTTP 400, exit code 2), so it says what to type instead."""

from __future__ import annotations


class QueryError(ValueError):
    """A query, filter or request parameter that cannot be read."""


def read_number(name: str, text: str | None, default: int, most: int, other: str = "") -> int:
    """A request's whole-number parameter from 1 to ``most`` (``default`` when absent);
    ``other`` names what else the caller accepts, for the message."""
    if text is None or not text.strip():
        return default
    expected = f"{name} must be a whole number from 1 to {most}{other}"
    try:
        number = int(text)
    except ValueError:
        raise QueryError(f"{expected}, not {text[:40]!r}.") from None
    if not 1 <= number <= most:
        raise QueryError(f"{expected}, not {number}.")
    return number
