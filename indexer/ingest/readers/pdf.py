"""PDF through PDFium (pypdfium2; Apache-2.0/BSD — PyMuPDF's AGPL would bind a network
service). PDF has no paragraphs, only lines placed on pages, so they are rebuilt
from the geometry: a line starts a paragraph when it is indented (a first-line
indent, a centred heading), when the line before it ended short of the right
margin by more than this line's first word, or when a wider gap than the usual
line spacing stands before it; lines set alike in a larger size than the text's
are one title. Each page has its own margins (a book's
are mirrored). Lines at a page's top or bottom that repeat at the same height on
many pages (running heads, ``— 3 —``, ``第 3 页 共 20 页``) are page furniture. Lines
of one paragraph split by a page break join up because the page boundary is no
paragraph boundary here. Kangxi radicals and compatibility ideographs are folded by the
shared cleaning (``clean.fold_compatibility``).

Not indexed, with the reason: a PDF without a text layer (scanned), one whose fonts
map glyphs to no Unicode characters, an encrypted one and one PDFium cannot open.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from indexer.ingest.clean import join_text
from indexer.ingest.readers.base import ReadError, SourceText

_FURNITURE_SHARE = 0.4  # a line shape at one height on this share of the pages is a running head or foot
_FURNITURE_MIN_PAGES = 2
_EDGE_LINES = 2  # running heads and feet are among the first or last lines of a page
_PAGE_MARGIN_LINES = 6  # a page with fewer lines takes the document's margins
_DISPLAY_EM = 1.2  # lines this much taller than the text's are a title's or heading's
_INDENT_EM = 0.8  # a line starting this much right of the margin is indented
_WORD_SLACK = 1.3  # widths are estimated from a line's average character: wide letters need room
_GAP_EM = 0.5  # a gap this much wider than the usual line spacing separates paragraphs
_HYPHEN_MARK = "\ufffe"  # PDFium's mark for the hyphen of a word it joined over two lines
_UNMAPPED_SHARE = 0.3  # this share of lines without Unicode characters: the fonts have no map


@dataclass
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # PDF coordinates: y grows upwards
    bottom: float
    unmapped: bool = False  # a font maps its first or last glyph to no Unicode character

    @property
    def height(self) -> float:
        return self.top - self.bottom

    @property
    def shape(self) -> tuple[str, int]:
        """Its text with numbers masked, and its height on the page: what a running
        head or page number keeps from page to page."""
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", self.text)), round(self.bottom / 3)


def read(data: bytes) -> Iterator[SourceText | ReadError]:
    pdf = _open(data)
    pages: list[list[Line]] = []
    damaged: list[int] = []
    try:
        for number in range(len(pdf)):
            try:
                pages.append(_page_lines(pdf, number))
            except pdfium.PdfiumError:
                damaged.append(number + 1)
    finally:
        pdf.close()
    lines = [line for page in pages for line in page]
    _check_text_layer(lines, len(pages) + len(damaged))
    yield SourceText("\n".join(_paragraphs(_without_furniture(pages))))
    if damaged:
        yield ReadError(f"page(s) {', '.join(map(str, damaged))} damaged: left out")


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError("encrypted PDF (it needs a password): not indexed") from exc
        raise ReadError(f"not a readable PDF ({_pdfium_reason(exc)})") from exc


def _pdfium_reason(exc: Exception) -> str:
    match = re.search(r"PDFium: ([^)]+)", str(exc))
    return match.group(1).lower() if match else str(exc)


def _page_lines(pdf: pdfium.PdfDocument, number: int) -> list[Line]:
    """The page's text lines with the boxes of their first and last characters (two
    calls a line, not one a character: PDFium places the line breaks itself). Where
    PDFium joined a word hyphenated over two lines (its mark stands for the hyphen),
    the two lines are kept apart: the next text may be a running head."""
    page = pdf[number]
    textpage = page.get_textpage()
    try:
        lines = []
        offset = 0
        for piece in re.split(rf"(\r\n|\n|\r|(?<={_HYPHEN_MARK}))", textpage.get_text_range()):
            if stripped := piece.strip():
                first = offset + piece.index(stripped[0])
                last = first + len(stripped) - 1
                x0, b0, _, t0 = textpage.get_charbox(first, loose=True)
                _, b1, x1, t1 = textpage.get_charbox(last, loose=True)
                unmapped = any(pdfium_c.FPDFText_HasUnicodeMapError(textpage.raw, i) for i in (first, last))
                lines.append(Line(number, stripped, x0, x1, max(t0, t1), min(b0, b1), unmapped or _garbled(stripped)))
            offset += len(piece)
        return lines
    finally:
        textpage.close()
        page.close()


def _check_text_layer(lines: list[Line], pages: int) -> None:
    if not any(line.text for line in lines):
        raise ReadError(f"no text layer in its {pages} page(s) (a scanned PDF?): not indexed — it needs OCR")
    if sum(line.unmapped for line in lines) > _UNMAPPED_SHARE * len(lines):
        raise ReadError("its fonts map glyphs to no Unicode text (it extracts as glyph numbers): not indexed")


def _garbled(text: str) -> bool:
    """Mostly replacement characters, private-use or unassigned code points."""
    odd = sum(1 for c in text if c == "\ufffd" or unicodedata.category(c) in ("Cc", "Co", "Cn"))
    return odd > len(text) / 2


def _without_furniture(pages: list[list[Line]]) -> list[Line]:
    """Every line but those at a page's top or bottom edge whose shape recurs at that
    height on many pages (by position: producers write heads first or last)."""
    edges = [line for page in map(_top_down, pages) for line in page[:_EDGE_LINES] + page[-_EDGE_LINES:]]
    pages_with = Counter(shape for _, shape in {(line.page, line.shape) for line in edges})
    needed = max(_FURNITURE_MIN_PAGES, _FURNITURE_SHARE * len(pages))
    furniture = {shape for shape, count in pages_with.items() if count >= needed}
    return [line for page in pages for line in page if line.shape not in furniture]


def _top_down(page: list[Line]) -> list[Line]:
    return sorted(page, key=lambda line: -line.top)


def _paragraphs(lines: list[Line]) -> list[str]:
    if not lines:
        return []
    em = statistics.median(line.height for line in lines)
    margins = _margins(lines)
    spacing = statistics.median(_gaps(lines) or [0.0])
    paragraphs = [lines[0].text]
    for prev, line in pairwise(lines):
        if _starts_paragraph(prev, line, margins, em, spacing):
            paragraphs.append(line.text)
        elif paragraphs[-1].endswith(_HYPHEN_MARK):
            paragraphs[-1] = paragraphs[-1][:-1] + "-" + line.text  # supply-|side: one word again
        else:
            paragraphs[-1] = join_text(paragraphs[-1], line.text)
    return [paragraph.replace(_HYPHEN_MARK, "-") for paragraph in paragraphs]


def _margins(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Each page's left and right margin: where most of its lines start and end (pages
    of a book have mirrored margins); a page of few lines takes the document's."""
    whole = (_mode(line.x0 for line in lines), _mode(line.x1 for line in lines))
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    return {
        page: (_mode(x.x0 for x in own), _mode(x.x1 for x in own)) if len(own) >= _PAGE_MARGIN_LINES else whole
        for page, own in by_page.items()
    }


def _starts_paragraph(
    prev: Line, line: Line, margins: dict[int, tuple[float, float]], em: float, spacing: float
) -> bool:
    gap = prev.bottom - line.top if prev.page == line.page else 0.0
    if _one_display_size(prev, line, em):  # a title wrapped onto a second line, each line centred
        return gap > spacing + _GAP_EM * line.height
    indented = line.x0 > margins[line.page][0] + _INDENT_EM * em
    room = margins[prev.page][1] - prev.x1  # what was left on the line before
    ended_short = room > _WORD_SLACK * _first_word_width(line) + 0.5 * em  # the word would have fit
    return indented or ended_short or gap > spacing + _GAP_EM * em


def _one_display_size(prev: Line, line: Line, em: float) -> bool:
    """Two lines on one page set alike in a size larger than the text's."""
    larger = min(prev.height, line.height) > _DISPLAY_EM * em
    return prev.page == line.page and larger and abs(prev.height - line.height) < 0.05 * line.height


def _first_word_width(line: Line) -> float:
    per_char = (line.x1 - line.x0) / max(len(line.text), 1)
    word = re.match(r"[A-Za-z0-9'’,.;:()\-]+", line.text)
    return per_char * (len(word.group()) if word else 1)


def _gaps(lines: list[Line]) -> list[float]:
    return [a.bottom - b.top for a, b in pairwise(lines) if a.page == b.page and a.bottom > b.top]


def _mode(values: Iterator[float] | list[float]) -> float:
    """The most common value, to a point: the margin most lines share."""
    counts = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0])
