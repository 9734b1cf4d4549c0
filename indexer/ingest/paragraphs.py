"""Cleaned lines → numbered paragraphs, each with its section path from the headings."""

from __future__ import annotations

from indexer.ingest.headings import heading_label, heading_rank
from indexer.model import Paragraph


def build_paragraphs(lines: list[str]) -> list[Paragraph]:
    stack: list[tuple[int, str]] = []
    paragraphs = []
    for number, line in enumerate(lines, start=1):
        rank = heading_rank(line)
        if rank is not None:
            stack = [(r, label) for r, label in stack if r < rank]
            stack.append((rank, heading_label(line)))
        paragraphs.append(Paragraph(number, line, [label for _, label in stack]))
    return paragraphs
