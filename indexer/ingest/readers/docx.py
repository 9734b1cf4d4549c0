"""Word files (``.docx``) through python-docx: paragraphs and tables in document order;
a paragraph in a heading style (Heading 1–9, 标题 1–9, Title aside: it is the title
line) is a section heading, as are the numbered headings every format has; a
table's rows become paragraphs of tab-separated cells (merged cells once).

Legacy ``.doc`` files are refused with a reason (see ``readers.REFUSED``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from indexer.ingest.readers.base import ReadError, SourceText

_HEADING_STYLE = re.compile(r"^(heading|标题)\s*\d$", re.IGNORECASE)


def read(data: bytes) -> Iterator[SourceText | ReadError]:
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"not a readable Word (.docx) file ({exc or type(exc).__name__})") from exc
    except Exception as exc:  # lxml's XMLSyntaxError and the like, from a damaged part
        raise ReadError(f"a damaged Word (.docx) file ({type(exc).__name__}: {exc})") from exc
    lines: list[str] = []
    headings: list[str] = []
    # Style names by id, looked up once: python-docx's paragraph.style searches the
    # styles part on every call (three quarters of the reading time).
    style_names = {style.style_id: style.name for style in document.styles}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_rows(block))
            continue
        text = block.text.strip()
        lines.append(text)
        if text and _is_heading_style(style_names.get(block._p.style or "", "")):
            headings.append(text)
    if not any(lines):
        raise ReadError("empty Word file (no text in its paragraphs or tables)")
    yield SourceText("\n".join(lines), headings=frozenset(headings))


def _is_heading_style(name: str) -> bool:
    return bool(_HEADING_STYLE.match(name))


def _rows(table) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # a merged cell is returned once per grid column
                cells.append(text)
        if cells:
            yield "\t".join(cells)
