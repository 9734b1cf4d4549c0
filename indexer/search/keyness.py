"""Keyness: how much more one body of text uses an expression than another, as corpus
linguistics measures it — log-likelihood (G², Rayson & Garside 2000) for how sure the
difference is, and the log ratio (Hardie 2014) for how large it is (how evenly an
expression spreads over the reports of one body, Gries's DP: ``indexer.search.spread``).

``a``, ``b``: the expression's counts in the two texts; ``c``, ``d``: their sizes
(characters). All functions take numpy arrays (or numbers) and work element-wise.
"""

from __future__ import annotations

import numpy as np

ZERO_COUNT = 0.5  # a count of 0 in a ratio stands for half an occurrence (Hardie's adjustment)
SIGNIFICANT = 15.13  # log-likelihood for p < 0.0001 with one degree of freedom


def log_likelihood(a, b, c, d) -> np.ndarray:
    """G² of a 2×2 table: observed ``a`` of ``c`` against ``b`` of ``d``."""
    a, b, c, d = (np.asarray(x, dtype=np.float64) for x in (a, b, c, d))
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    return 2 * (observed_log(a, expected_a) + observed_log(b, expected_b))


def log_ratio(a, b, c, d) -> np.ndarray:
    """log₂ of the ratio of the relative frequencies: +1 is twice as frequent in the first text."""
    a, b, c, d = (np.asarray(x, dtype=np.float64) for x in (a, b, c, d))
    return np.log2((np.maximum(a, ZERO_COUNT) / c) / (np.maximum(b, ZERO_COUNT) / d))


def per_10k(count, characters) -> np.ndarray:
    """Occurrences per 10,000 characters: the one rate every view shows (the trend's
    cells, the comparison's sides); a text of no characters counts as one."""
    return np.asarray(count, dtype=np.float64) * 10_000 / np.maximum(np.asarray(characters, dtype=np.float64), 1)


def observed_log(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """observed × ln(observed / expected), 0 where nothing was observed."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(observed > 0, observed * np.log(observed / expected), 0.0)
