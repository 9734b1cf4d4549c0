"""Saved web pages (``.html``, ``.htm``, ``.shtml``). The charset comes from a BOM,
then the page's ``<meta charset>`` / ``http-equiv`` (gb2312 and gbk read as their
superset GB18030), then detection. trafilatura finds the main text and drops menus,
sidebars and related-article lists; its block elements and line breaks (``<br>``,
which many government pages put between paragraphs) become lines, read as a plain
text's are (a line broken mid-sentence is joined back), its headings section
headings and the rows of a data table lines of tab-separated cells (a layout
table's cells are read as the blocks they hold). What extractors keep
on Chinese government pages (info bars, share and print widgets, ICP footers) goes
in the shared cleaning. The page's title (its ``<h1>``, else ``<title>``) heads the
text when the extracted text lacks it, and its publication date is a date hint.

A page with (almost) no text of its own is not indexed, and the reason says where
its text is: in an iframe, or written by a script.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura
from lxml import etree

from indexer.analysis import count_cjk
from indexer.ingest.readers.base import ReadError, SourceText, decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.IGNORECASE)
_STRAY_BYTES = 10  # undecodable bytes a page in its declared charset may have (or one per thousand characters)
_GB_ALIASES = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BLOCKS = {"p", "head", "item", "quote", "code"}
_CONTAINERS = {"list", "div", "cell", "row", "table"}
_IFRAME = re.compile(r"<iframe[^>]+src\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
_SCRIPT = re.compile(r"<script[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_MIN_PAGE_TEXT = 60  # characters: less is a page whose text is elsewhere, or none
_MIN_SCRIPT_TEXT = 200  # CJK characters inside scripts that make a report written by JavaScript
_SITE_SUFFIX = re.compile(r"\s*(?:_|\||\s[-–—]+\s)\s*[^_|]{2,30}$")  # 标题_四川省人民政府网站


def read(data: bytes) -> Iterator[SourceText | ReadError]:
    page = _XML_DECLARATION.sub("", decode_page(data))
    extracted = trafilatura.bare_extraction(
        page, include_tables=True, include_comments=False, with_metadata=True, favor_recall=True
    )
    blocks, headings = _blocks(extracted.body) if extracted is not None and extracted.body is not None else ([], [])
    lines = [line.strip() for block in blocks for line in block.split("\n") if line.strip()]
    if sum(map(len, lines)) < _MIN_PAGE_TEXT:
        raise ReadError(_why_empty(page))
    title = _page_title(extracted)
    if title and title not in lines[:3]:
        lines.insert(0, title)
    hints = {"dateline": extracted.date} if extracted.date else {}
    if (extracted.url or "").startswith(("http://", "https://")):
        hints["url"] = extracted.url  # the page's canonical address, the document's source link
    yield SourceText("\n".join(lines), hints=hints, headings=frozenset(headings) - {title})


def decode_page(data: bytes) -> str:
    """Bytes of a page → text: a BOM or UTF-8 first, then the charset the page declares,
    then detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        charset = declared.group(1).decode("ascii").lower()
        try:
            text = data.decode("gb18030" if charset in _GB_ALIASES else charset, errors="replace")
        except LookupError:
            return decode(data)  # an unknown charset: detect instead
        if text.count("\ufffd") <= max(_STRAY_BYTES, len(text) // 1000):
            return text  # right, but for a few stray bytes (pages pasted together from other encodings)
    return decode(data)


def _blocks(body: etree._Element) -> tuple[list[str], list[str]]:
    """The text of each block element in document order, and which of them are headings."""
    blocks: list[str] = []
    headings: list[str] = []
    for element in body:
        _walk(element, blocks, headings)
    return blocks, headings


def _walk(element: etree._Element, blocks: list[str], headings: list[str]) -> None:
    if element.tag == "row" and not any(_has_blocks(cell) for cell in element):
        blocks.append("\t".join(_text(cell) for cell in element if _text(cell)))
    elif element.tag in _BLOCKS or (element.tag not in _CONTAINERS and not _has_blocks(element)):
        text = _text(element)
        blocks.append(text)
        if element.tag == "head" and text:
            headings.append(text)
    else:
        if element.text and element.text.strip():
            blocks.append(element.text.strip())
        for child in element:
            _walk(child, blocks, headings)
            if child.tail and child.tail.strip():
                blocks.append(child.tail.strip())


def _has_blocks(element: etree._Element) -> bool:
    return any(child.tag in _BLOCKS or child.tag in _CONTAINERS for child in element.iter() if child is not element)


def _text(element: etree._Element) -> str:
    """An element's text, its line breaks (<lb/>) as newlines."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            visit(child)
            parts.append(child.tail or "")

    visit(element)
    return re.sub(r"[ \t\u3000]*\n[ \t\u3000]*", "\n", "".join(parts)).strip()


def _page_title(extracted) -> str:
    title = (extracted.title or "").strip()
    return _SITE_SUFFIX.sub("", title)


def _why_empty(page: str) -> str:
    if frame := _IFRAME.search(page):
        return f"the page shows its text in an iframe ({frame.group(1)}): save and index that page instead"
    scripted = sum(map(count_cjk, _SCRIPT.findall(page)))
    if scripted >= _MIN_SCRIPT_TEXT:
        return "the page's text is inside a script (it is written by JavaScript): not indexed"
    return "no main text found in the page"
