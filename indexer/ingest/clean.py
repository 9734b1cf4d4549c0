"""Cleaning: raw text → the lines that are the document's paragraphs.

Removes what is not the document (collectors' watermarks, web navigation and
footers, download/print/font-size widgets, tables of contents, page numbers,
licence footers), strips markdown emphasis markers, and rejoins lines that a PDF
page break or a web page's inline markup split in the middle of a sentence.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from indexer.analysis import Translation, count_cjk, has_cjk
from indexer.ingest.headings import PART_HEADER, is_heading

_INVISIBLE = Translation(dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad")))
# Kangxi radicals, CJK radicals and compatibility ideographs that PDF fonts map glyphs
# to (⼯ for 工, 﨑 for 崎): each to the unified ideograph NFKC gives it.
_COMPATIBILITY_RANGES = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))
_FOLD = Translation(
    {
        code: folded
        for start, end in _COMPATIBILITY_RANGES
        for code in range(start, end + 1)
        if len(folded := unicodedata.normalize("NFKC", chr(code))) == 1 and folded != chr(code)
    }
)

# A short line (the whole line) that is a collector's watermark or a site's credit.
_WATERMARK = re.compile(
    r"独家资料|独家整理|整理自|遴选网|公众号|微信号|扫码|扫一扫|更多(精彩|资料)|"
    r"(www\.|https?://)\S+|本文来源|责任编辑|来源[:：]"
)
# A line made only of page widgets: 下载 打印 全屏 收藏 【字号：加大 还原 减小】, Print | Share …
_WIDGETS = re.compile(
    r"^(?:[\s【】\[\]|/:：·]*(?:下载|打印|全屏|收藏|关闭窗口|关闭|分享到|分享|字号|加大|还原|减小|默认|"
    r"[大中小]|print|share|close|font ?size|a\+|a-))+[\s【】\[\]|/:：·]*$",
    re.IGNORECASE,
)
# Footer lines of government web sites, Chinese and English.
_FOOTER = re.compile(
    r"^(hosted by|sponsored by|organi[sz]ed by|website (operation|identification)|"
    r"copyright|©|all rights reserved|主办单位|主办[:：]|承办单位|承办[:：]|协办单位|版权所有|"
    r"网站标识码|网站识别码|技术支持[:：]|联系我们)"
    r"|security record|record no\.",
    re.IGNORECASE,
)
# Registration numbers no paragraph of a report carries: a footer line however long.
_REGISTRATION = re.compile(r"icp\s*(备|no\.?|证)|公网安备|网站标识码|网站识别码", re.IGNORECASE)
_REGISTRATION_MAX_CHARS = 160
# A page's info bar: 发布时间：… 来源：… 浏览次数：… 【字体：大 中 小】, and its breadcrumb.
_INFO_LABEL = re.compile(
    r"(发布时间|发布日期|来源|信息来源|文章来源|作者|浏览次数|点击数|阅读次数|访问次数|字体|字号|责任编辑)\s*[:：]"
)
_PAGE_BAR = re.compile(
    r"浏览次数|点击数|阅读次数|访问次数|【\s*字[体号]|^(当前位置|您现在的位置|您的位置)[:：]|^分享到"
)
_PAGE_BAR_MAX_CHARS = 100
# A site's name as a banner line: 四川省人民政府门户网站, 中国政府网.
_SITE_BANNER = re.compile(r"^.{0,30}(门户网站|官方网站|政府网|官网)$")
# A menu written on one line: Home | News | Policies, 首页 > 政务公开 > 通知.
_MENU_LINE = re.compile(r"^[^|>»/·]{1,24}(\s*[|>»/·]\s*[^|>»/·]{1,24}){2,}$")
_TOC_LINE = re.compile(r"(\.{3,}|…{2,}|·{3,}|-{4,})\s*\d+\s*$")
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(\d{1,4}|第\s*\d+\s*页(\s*共\s*\d+\s*页)?|page \d+( of \d+)?)[-—–\s]*$", re.I)
_PUNCT_ONLY = re.compile(r"^[\W_]*$")
# A licence or site footer that ends a text: it and everything after it go.
# (A page's related-article list, too.)
_TAIL_MARKERS = re.compile(
    r"^(本作品(是|来自|在|采用)|public domain$|注：中文维基文库|本模板|"
    r"(相关(文章|阅读|链接|新闻|稿件|信息)|延伸阅读|推荐阅读)\s*([:：]|$))",
    re.IGNORECASE,
)
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")

_SENTENCE_END = "。！？!?；;：:…”\"’'）)」』》.】"
_NAV_MAX_CHARS = 20
_SOFT_WRAP_MIN_CHARS = 30
_HEADING_MAX_CHARS = 60


def clean_lines(text: str, breaks: Literal["line", "block"] = "line") -> list[str]:
    """The cleaned, non-empty lines of a text."""
    text = fold_compatibility(text.replace("\r\n", "\n").replace("\r", "\n"))
    # invisible characters go after blocks are found: a line holding only a zero-width
    # space inside a block (Wikisource's 74.4\n\u200b\n万亿元) is no paragraph break
    lines = _join_blocks(text) if breaks == "block" else text.split("\n")
    lines = [_strip_emphasis(_INVISIBLE(line).strip(" \t\u3000\u00a0")) for line in lines]
    lines = _cut_tail(lines)
    lines = [line for line in lines if line and not is_boilerplate(line)]
    lines = _drop_navigation(lines)
    return _join_soft_wraps(lines)


def is_boilerplate(line: str) -> bool:
    if _PUNCT_ONLY.match(line) or _TOC_LINE.search(line) or _PAGE_NUMBER.match(line):
        return True
    if _WIDGETS.match(line) or _SITE_BANNER.match(line) or _is_page_bar(line):
        return True
    if len(line) <= _REGISTRATION_MAX_CHARS and _REGISTRATION.search(line):
        return True
    if _MENU_LINE.match(line) and all(_is_nav_item(item.strip()) for item in re.split(r"[|>»/·]", line)):
        return True
    short = len(line) <= (40 if has_cjk(line) else 160)
    return short and bool(_WATERMARK.search(line) or _FOOTER.search(line))


def fold_compatibility(text: str) -> str:
    """Kangxi radicals and compatibility ideographs as the characters they stand for,
    in the stored text too: snippets show 工, not ⼯."""
    return _FOLD(text)


def _is_page_bar(line: str) -> bool:
    if len(line) > _PAGE_BAR_MAX_CHARS:
        return False
    return bool(_PAGE_BAR.search(line)) or len(_INFO_LABEL.findall(line)) >= 2


def _strip_emphasis(line: str) -> str:
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), line)


def _join_blocks(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines inside one are inline breaks."""
    joined = []
    for block in re.split(r"\n\s*\n", text):
        pieces = [_INVISIBLE(p).strip(" \t\u3000\u00a0") for p in block.split("\n")]
        line = ""
        for piece in filter(None, pieces):
            line = join_text(line, piece)
        joined.append(line)
    return joined


def join_text(left: str, right: str) -> str:
    """Join two pieces of one sentence: no space next to Chinese text, a space between words."""
    if not left:
        return right
    if _is_wide(left[-1]) or _is_wide(right[0]):
        return left + right
    return left + " " + right


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _cut_tail(lines: list[str]) -> list[str]:
    half = len(lines) // 2
    for i in range(half, len(lines)):
        if _TAIL_MARKERS.match(lines[i]):
            return lines[:i]
    return lines


def _is_nav_item(line: str) -> bool:
    if len(line) > _NAV_MAX_CHARS or any(c in "。，；：！？.,;:!?" for c in line):
        return False
    cjk = count_cjk(line)
    return cjk <= 6 and len(line.split()) <= 3


def _drop_navigation(lines: list[str]) -> list[str]:
    """Drop runs of 3+ menu-like lines at the head or tail of a text (site navigation)."""

    def run_length(indices: range) -> int:
        n = 0
        for i in indices:
            if not _is_nav_item(lines[i]):
                break
            n += 1
        return n

    head = run_length(range(len(lines)))
    start = head if head >= 3 else 0
    tail = run_length(range(len(lines) - 1, start - 1, -1))
    end = len(lines) - tail if tail >= 3 else len(lines)
    return lines[start:end]


def _is_soft_wrap(prev: str, line: str) -> bool:
    """Was the break between prev and line made by a page break, mid-sentence?

    Only running prose is joined: prev is long, contains sentence punctuation and
    stops without ending its sentence; English must continue in lower case.
    """
    if len(prev) < _SOFT_WRAP_MIN_CHARS or prev[-1] in _SENTENCE_END:
        return False
    if not any(c in "，。；、,;" for c in prev):
        return False
    if prev.startswith(("——", "--")) or is_heading(line) or PART_HEADER.match(line):
        return False
    if is_heading(prev) and len(prev) < _HEADING_MAX_CHARS:
        return False
    if _is_wide(prev[-1]) or _is_wide(line[0]):
        return not line.startswith(("——", "•", "·"))
    return (prev[-1].islower() or prev[-1] == ",") and line[0].islower()


def _join_soft_wraps(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _is_soft_wrap(out[-1], line):
            out[-1] = join_text(out[-1], line)
        else:
            out.append(line)
    return out
