"""Association measures of a node and a collocate, as Evert (2004, *The Statistics of
Word Cooccurrences*; 2008, "Corpora and collocations") defines them for surface
(window) co-occurrence, and logDice as Rychlý (2008) does.

The contingency table of a collocate, for a node that occurs ``f1`` times:

- ``o11``: the collocate's occurrences inside the node's windows;
- ``r1``: the words inside the node's windows, all added up (about ``f1`` × the window
  size; less where a window meets the paragraph's edge);
- ``c1``: the collocate's frequency in the selection (its words in total);
- ``n``: the words of the selection.

``e11 = r1 · c1 / n`` is the expected count. The full 2×2 table is ``o11``,
``o12 = r1 − o11``, ``o21 = c1 − o11``, ``o22 = n − r1 − c1 + o11``, its expected
counts ``row total × column total / n``. All functions work element-wise on numpy arrays.
"""

from __future__ import annotations

import numpy as np

from indexer.search.keyness import observed_log


def expected(o11, r1, c1, n) -> np.ndarray:
    return np.asarray(r1, dtype=np.float64) * np.asarray(c1, dtype=np.float64) / np.asarray(n, dtype=np.float64)


def mutual_information(o11, r1, c1, n) -> np.ndarray:
    """MI = log₂(O / E)."""
    return np.log2(np.asarray(o11, dtype=np.float64) / expected(o11, r1, c1, n))


def t_score(o11, r1, c1, n) -> np.ndarray:
    """t = (O − E) / √O."""
    o = np.asarray(o11, dtype=np.float64)
    return (o - expected(o11, r1, c1, n)) / np.sqrt(o)


def log_dice(o11, f1, c1) -> np.ndarray:
    """logDice = 14 + log₂(2 · f(x, y) / (f(x) + f(y))): f(x) the node's frequency, f(y)
    the collocate's; comparable between corpora of any size. (At most 14 when the pair
    occurs no more often than either word; a word in the windows of two near occurrences
    counts twice, so it can pass 14.)"""
    o = np.asarray(o11, dtype=np.float64)
    return 14 + np.log2(2 * o / (np.asarray(f1, dtype=np.float64) + np.asarray(c1, dtype=np.float64)))


def log_likelihood(o11, r1, c1, n) -> np.ndarray:
    """G² = 2 Σ O_ij · ln(O_ij / E_ij) over the four cells of the table."""
    o11, r1, c1, n = (np.asarray(x, dtype=np.float64) for x in (o11, r1, c1, n))
    r2, c2 = n - r1, n - c1
    cells = ((o11, r1, c1), (r1 - o11, r1, c2), (c1 - o11, r2, c1), (n - r1 - c1 + o11, r2, c2))
    return 2 * sum(observed_log(o, row * column / n) for o, row, column in cells)
