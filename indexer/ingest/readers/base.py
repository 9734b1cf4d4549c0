"""What every reader produces, and how raw bytes become text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

import charset_normalizer


class ReadError(Exception):
    """A file that cannot be read; the message says why, for the run summary."""


@dataclass
class SourceText:
    text: str
    part: str = ""  # where in the file: "" for the whole file, "#3" for a JSONL record
    hints: dict[str, object] = field(default_factory=dict)  # title, year, url from the record
    # "line": every line is a paragraph; "block": blank lines separate paragraphs and a
    # single newline is an inline break (text extracted from web pages).
    breaks: Literal["line", "block"] = "line"
    headings: frozenset[str] = frozenset()  # lines the format marks as headings (Markdown's # and bold lines)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")  # below a space, but a tab, line or page break
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}
_OTHER_DOUBLE_BYTE = {"cp949", "euc_kr", "johab", "shift_jis", "cp932", "euc_jp", "iso2022_kr"}


def decode(data: bytes) -> str:
    """Bytes → text: BOM, else UTF-8, else the detected encoding (GBK read as GB18030)."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    guess = charset_normalizer.from_bytes(data).best()
    if guess is None:
        raise ReadError("undecodable bytes: not UTF-8, GB18030/GBK or another known encoding")
    return _strict(data, _prefer_chinese(guess))


def _prefer_chinese(guess) -> str:
    """Short GBK text is often guessed as Korean or Japanese: these are Chinese
    documents, so GB18030 wins whenever it is among the plausible encodings or the
    guess is another East Asian double-byte encoding."""
    candidates = {c.replace("_", "").lower() for c in [guess.encoding, *guess.could_be_from_charset]}
    if candidates & _GB_FAMILY or guess.encoding in _OTHER_DOUBLE_BYTE:
        return "gb18030"
    return guess.encoding


def _strict(data: bytes, encoding: str) -> str:
    try:
        return _checked(data.decode(encoding))
    except (UnicodeDecodeError, LookupError) as exc:
        raise ReadError(f"undecodable bytes as {encoding}: {exc}") from exc


def _checked(text: str) -> str:
    controls = len(_CONTROL.findall(text))
    if controls > max(3, len(text) // 100):
        raise ReadError("binary file (control characters), not text")
    return text
