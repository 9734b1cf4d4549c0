"""Matches marked up: HTML with ``<mark>`` (everything else escaped), or plain text
with the terminal's or the reader's own brackets."""

from __future__ import annotations

import html

from indexer.search.highlight import Snippet, Span

ELLIPSIS = "…"


def mark(text: str, spans: list[Span], on: str = "<mark>", off: str = "</mark>", escape=html.escape) -> str:
    """``text`` escaped, with each span wrapped in ``on`` … ``off``."""
    out, cursor = [], 0
    for start, end in spans:
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        out += [escape(text[cursor:start]), on, escape(text[start:end]), off]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def snippet_html(snippet: Snippet) -> str:
    return _ellipses(snippet, mark(snippet.text, snippet.spans))


def snippet_plain(snippet: Snippet, on: str, off: str) -> str:
    return _ellipses(snippet, mark(snippet.text, snippet.spans, on, off, escape=str))


def _ellipses(snippet: Snippet, body: str) -> str:
    return (ELLIPSIS if snippet.cut_before else "") + body + (ELLIPSIS if snippet.cut_after else "")
