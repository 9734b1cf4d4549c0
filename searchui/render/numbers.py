"""How a page shows a rate (occurrences per 10,000 characters) and the values of a
chart: to three significant figures, the one format of every HTML view. The JSON and CSV
keep the engine's precision (four decimals); a table cell of 0.0123 or 12.3 reads at a
glance where 0.0123 and 12.3456 side by side do not."""

from __future__ import annotations

import math

SIGNIFICANT_FIGURES = 3


def rate(value: float | None) -> str:
    """``value`` to ``SIGNIFICANT_FIGURES`` significant figures, without trailing zeros
    or an exponent (0.000123, 1.5, 12.3, 1235); a whole number (0, a count, a round
    tick) shown whole; "–" for none (no report that year)."""
    if value is None:
        return "–"
    if value == int(value):
        return str(int(value))
    decimals = max(0, SIGNIFICANT_FIGURES - 1 - math.floor(math.log10(abs(value))))
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
