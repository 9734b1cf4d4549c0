"""The corpus's files read as they are: the .tar.xz archives member by member
(tarfile), the Markdown's YAML front matter, the seed collection split at its
``【第N篇】`` headers, the State Council's JSONL record by record. Each text becomes
its lines: the paragraphs a reader sees, without what is not the report (empty and
punctuation-only lines, a collector's watermark, a table of contents, a page's
"来源：" line, Wikisource's licence footer)."""

from __future__ import annotations

import json
import re
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n-{3,}[ \t]*\n", re.S)
MARKUP = re.compile(r"<!--.*?-->|<details>.*?</details>", re.S | re.I)
LINE_MARKERS = re.compile(r"^(?:>\s?)+|^\s*[-*+]\s+(?=\S)|^#{1,6}\s+")
TAG_LINE = re.compile(r"^\s*</?[a-zA-Z][^>]*>\s*$")
BOLD = re.compile(r"\*\*(.+?)\*\*")
PUNCTUATION_ONLY = re.compile(r"^[\W_]*$")
# short lines that credit a collector or a site, not the report's words
WATERMARK = re.compile(r"独家|遴选网|整理自|公众号|微信号|扫码|扫一扫|来源[:：]|责任编辑|本文来源|www\.|https?://")
WATERMARK_MAX_CHARS = 40
CONTENTS = re.compile(r"(\.{3,}|…{2,})\s*\d+\s*$")  # a table-of-contents line: title ..... 23
PART = re.compile(r"^【第([一二三四五六七八九十]+)篇】(.+?)(?:[（(]全文[)）])?$")
LICENCE = re.compile(r"^本作品")  # Wikisource's footer starts here and runs to the end
WHITESPACE = " \t\u3000\u00a0\ufeff"
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# A page's date near its top, alone on a line or before the title: 2016年1月12日, Updated:2024.12.25, date 2023-03-16
DATE = r"(?:date|updated|发布时间|日期)?\s*[:：]?\s*(?:19|20)\d\d\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?"
DATE_LINE = re.compile(rf"^{DATE}$", re.I)
DATE_PREFIX = re.compile(rf"^{DATE}\s+", re.I)
DATE_LINES = 6
# An English web page's furniture: a menu of short lines at its head, the site's footer lines.
MENU_ITEM = re.compile(r"^[A-Za-z ]{1,20}$")
SITE_FOOTER = re.compile(r"^(hosted by|website|.*icp no\.|.*security record)", re.I)
# A line that stops mid-sentence (a page's wrap): long, with a comma, not at a sentence end;
# the next line carries on unless it starts a numbered heading.
WRAP_MIN_CHARS = 30
HEADING_MAX_CHARS = 60  # a numbered line shorter than this is a heading, which no wrap continues
SENTENCE_END = "。！？!?；;：:…”\"’'）)」』》.】"
NUMBERED = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+[部章篇])"
)


@dataclass
class Text:
    source: str  # where it is: "lawtext-gov/provinces.tar.xz!…/四川省/2015.md", "…jsonl#3", "….txt#第一篇"
    title: str  # front matter title, a record's title, a collection header ("" if none)
    lines: list[str]
    fields: dict  # a JSONL record's other fields (year)


def clean(lines: list[str]) -> list[str]:
    kept = []
    for raw in lines:
        line = BOLD.sub(r"\1", raw.translate(INVISIBLE)).strip(WHITESPACE)
        if PUNCTUATION_ONLY.match(line) or CONTENTS.search(line) or SITE_FOOTER.match(line):
            continue
        if len(line) <= WATERMARK_MAX_CHARS and WATERMARK.search(line):
            continue
        kept.append(line)
    return unwrap(without_furniture(kept))


def without_furniture(lines: list[str]) -> list[str]:
    """Without a menu at the head and the date lines near the top (a date before the title stays off it)."""
    menu = next((k for k, line in enumerate(lines) if not MENU_ITEM.match(line)), len(lines))
    lines = lines[menu:] if menu >= 3 else lines
    head = [DATE_PREFIX.sub("", line) for line in lines[:DATE_LINES] if not DATE_LINE.match(line)]
    return head + lines[DATE_LINES:]


def unwrap(lines: list[str]) -> list[str]:
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        wrapped = (
            len(previous) >= WRAP_MIN_CHARS and previous[-1] not in SENTENCE_END and any(c in "，,、" for c in previous)
        )
        heading = NUMBERED.match(line) or (NUMBERED.match(previous) and len(previous) < HEADING_MAX_CHARS)
        if wrapped and ord(previous[-1]) > 0x2E80 and not heading:
            joined[-1] = previous + line
        else:
            joined.append(line)
    return joined


def markdown(source: str, data: bytes) -> Text:
    text = data.decode("utf-8").replace("\r\n", "\n")
    title = ""
    if match := FRONT_MATTER.match(text):
        fields = yaml.safe_load(match.group(1)) or {}
        title = str(fields.get("title") or "")
        text = text[match.end() :]
    lines = [LINE_MARKERS.sub("", line.strip(WHITESPACE)) for line in MARKUP.sub("", text).split("\n")]
    return Text(source, title, clean([line for line in lines if not TAG_LINE.match(line)]), {})


def archive(path: Path, name: str) -> Iterator[Text]:
    with tarfile.open(path, "r:xz") as tar:
        for member in tar:
            if member.isfile() and member.name.endswith(".md"):
                yield markdown(f"{name}!{member.name}", tar.extractfile(member).read())


def join_block(block: str) -> str:
    """A JSONL paragraph: its inner line breaks come from the wiki's links, not the text."""
    pieces = [p.translate(INVISIBLE).strip(WHITESPACE) for p in block.split("\n")]
    out = ""
    for piece in filter(None, pieces):
        wide = out and (ord(out[-1]) > 0x2E80 or ord(piece[0]) > 0x2E80)
        out = out + piece if not out or wide else f"{out} {piece}"
    return out


def records(path: Path, name: str) -> Iterator[Text]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        record = json.loads(line)
        blocks = [join_block(b) for b in re.split(r"\n\s*\n", record["content"])]
        end = next((k for k, b in enumerate(blocks) if LICENCE.match(b)), len(blocks))
        yield Text(f"{name}#{number}", record["title"], clean(blocks[:end]), {"year": record.get("year")})


def collection(path: Path, name: str) -> Iterator[Text]:
    """The parts of a collection; what stands before the first header is the collector's."""
    lines = clean(path.read_text(encoding="utf-8").split("\n"))
    headers = [k for k, line in enumerate(lines) if PART.match(line)]
    for k, start in enumerate(headers):
        end = headers[k + 1] if k + 1 < len(headers) else len(lines)
        number, title = PART.match(lines[start]).groups()
        yield Text(f"{name}#第{number}篇", title.strip(), lines[start + 1 : end], {})


def plain(path: Path, name: str) -> Text:
    return Text(name, "", clean(path.read_text(encoding="utf-8").split("\n")), {})


def texts(folder: Path) -> Iterator[Text]:
    """Every text under a corpus folder (corpus/ as bundled, or the tests' sample of it)."""
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if name.endswith(".tar.xz"):
            yield from archive(path, name)
        elif name.endswith(".jsonl"):
            yield from records(path, name)
        elif name.endswith(".txt"):
            is_collection = "【第一篇】" in path.read_text(encoding="utf-8")
            yield from collection(path, name) if is_collection else [plain(path, name)]
