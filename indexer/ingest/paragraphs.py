"""Cleaned lines → numbered paragraphs, each with its section path from the headings."""

from __future__ import annotations

from indexer.ingest.headings import heading_label, heading_rank
from indexer.model import Paragraph

MARKED_RANK = 1  # an unnumbered heading the format marks (a bold line in Markdown) opens a top-level section


def build_paragraphs(lines: list[str], marked: frozenset[str] = frozenset()) -> list[Paragraph]:
    """``marked``: lines the source format says are headings, whatever their numbering."""
    stack: list[tuple[int, str]] = []
    paragraphs = []
    for number, line in enumerate(lines, start=1):
        rank = heading_rank(line)
        if rank is None and line in marked:
            rank = MARKED_RANK
        if rank is not None:
            stack = [(r, label) for r, label in stack if r < rank]
            stack.append((rank, heading_label(line)))
        paragraphs.append(Paragraph(number, line, [label for _, label in stack]))
    return paragraphs
