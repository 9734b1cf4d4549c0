"""Markdown with YAML front matter (as lawtext/gov publishes reports): ``title:`` and
``source:`` become hints for the metadata (the source is the page the text came
from); ``# headings`` and lines that are bold as a whole become section headings;
what Markdown adds around the text goes — HTML comments, ``<details>`` blocks (a
table of contents), block-quote and list markers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import yaml

from indexer.ingest.readers.base import ReadError, SourceText, decode

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n-{3,}[ \t]*(?:\n|\Z)", re.DOTALL)  # some close it with ----
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_DETAILS = re.compile(r"<details>.*?</details>", re.DOTALL | re.IGNORECASE)
_TAG_LINE = re.compile(r"^\s*</?[a-zA-Z][^>]*>\s*$")
_ATX = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*$")
_MARKERS = re.compile(r"^(?:>\s?)+|^\s*[-*+]\s+(?=\S)")
_NOT_A_HEADING_END = tuple("：:！!。；;，,")
_OPENING_LINES = 4  # bold lines this close to the top are the title, the speaker, "各位代表："
HINTS = {"title": "title", "source": "url", "date": "date"}


def read(data: bytes) -> Iterator[SourceText | ReadError]:
    text = decode(data).replace("\r\n", "\n")
    hints: dict[str, object] = {}
    if match := _FRONT_MATTER.match(text):
        text = text[match.end() :]
        try:
            fields = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            yield ReadError(f"front matter is not valid YAML ({str(exc).splitlines()[0]}): ignored")
            fields = {}
        if isinstance(fields, dict):
            hints = {HINTS[k]: str(v).strip() for k, v in fields.items() if k in HINTS and v not in (None, "")}
    lines, headings = _plain(_DETAILS.sub("", _COMMENT.sub("", text)))
    yield SourceText("\n".join(lines), hints=hints, headings=frozenset(headings))


def _plain(text: str) -> tuple[list[str], list[str]]:
    """The text's lines without Markdown, and which of them are headings."""
    lines: list[str] = []
    headings: list[str] = []
    for raw in text.split("\n"):
        if _TAG_LINE.match(raw):
            continue
        line = _MARKERS.sub("", raw).strip()
        if heading := _ATX.match(line):
            line = heading.group(1)
            headings.append(line)
        elif (bold := _BOLD_LINE.match(line)) and _is_heading(bold.group(1).strip(), lines):
            line = bold.group(1).strip()
            headings.append(line)
        lines.append(line)
    return lines, headings


def _is_heading(text: str, before: list[str]) -> bool:
    content = sum(1 for line in before if line)
    return content >= _OPENING_LINES and not text.endswith(_NOT_A_HEADING_END) and len(text) >= 2
