"""One report written in every format users collect: plain text, saved web pages in
the layouts of Chinese government portals (GBK, with their navigation, info bars,
share widgets, related-article lists and ICP footers), a PDF printed by Chromium with
running heads and page numbers, and a Word file with heading styles. The tests check
that every format gives the text version's document; ``make bench`` times the
readers on them.

The report comes from a lawtext/gov Markdown file, read here on its own terms (front
matter dropped, ``**`` removed), not by the reader under test.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]

# What portals put around a report, as it appears on the page: none of it may be
# found in the index (beyond where the report itself says it).
FURNITURE = (
    "首页",
    "政务公开",
    "当前位置",
    "发布时间",
    "浏览次数",
    "字体",
    "分享到",
    "打印本页",
    "相关文章",
    "关于召开全省春季农业生产工作会议的通知",
    "网站标识码",
    "公网安备",
    "ICP备",
    "主办单位",
    "扫一扫在手机打开当前页",
)


@dataclass
class Report:
    title: str
    lines: list[str]  # the paragraphs after the title, in order
    headings: list[str]  # those of them that are section headings (一、…; （一）…)


def report_from_markdown(markdown: str) -> Report:
    body = re.sub(r"\A---\n.*?\n-{3,}\n", "", markdown, flags=re.DOTALL)
    lines = [line.strip().replace("**", "") for line in body.splitlines()]
    lines = [line for line in lines if line and not line.startswith("<")]
    headings = [
        line for line in lines[1:] if re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", line)
    ]
    return Report(lines[0], lines[1:], headings)


def to_text(report: Report) -> bytes:
    return "\n".join([report.title, *report.lines]).encode("utf-8")


# --- web pages --------------------------------------------------------------------

_NAV = "".join(
    f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate("首页 政务公开 政务服务 互动交流 走进四川".split())
)
_RELATED = (
    "关于召开全省春季农业生产工作会议的通知",
    "省政府常务会议研究部署稳就业工作",
    "2020年全省经济运行情况新闻发布会",
)
_FOOTER = (
    "<p>主办单位：四川省人民政府办公厅　承办：四川省大数据中心</p>"
    "<p>网站标识码：5100000062　蜀ICP备05003828号　川公网安备 51010402000507号</p>"
    "<p>扫一扫在手机打开当前页</p>"
)


def _paragraphs_html(report: Report, tag: str = "p") -> str:
    out = []
    for line in report.lines:
        text = html.escape(line)
        out.append(f"<h3>{text}</h3>" if line in report.headings and tag == "p" else f"<{tag}>{text}</{tag}>")
    return "\n".join(out)


def _portal_page(report: Report, charset: str) -> str:
    """A provincial portal's article page: <meta http-equiv> charset, menus, breadcrumb,
    an info bar, the article, share and print widgets, related articles, the footer."""
    title = html.escape(report.title)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_四川省人民政府网站</title>
<meta name="PubDate" content="2021-02-03 10:05">
<script>var _hmt = _hmt || []; window.siteId = "5100000062";</script></head>
<body><div class="top"><ul class="nav">{_NAV}</ul><form><input name="q"><button>搜索</button></form></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府工作报告</div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：2021-02-03 10:05　来源：四川省人民政府办公厅　浏览次数：3721
【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="content" id="content">
{_paragraphs_html(report)}
</div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="tools">【<a>打印本页</a>】【<a>关闭窗口</a>】</div></div>
<div class="related"><h4>相关文章</h4><ul>{"".join(f"<li><a href='/r{i}'>{t}</a><span>2021-01-2{i}</span></li>" for i, t in enumerate(_RELATED))}</ul></div>
<div class="footer">{_FOOTER}</div></body></html>"""


def _table_page(report: Report, charset: str) -> str:
    """An older site built of nested tables, <meta charset>, the article in a <td>."""
    title = html.escape(report.title)
    rows = "".join(f"<p>{html.escape(line)}</p>" for line in report.lines)
    return f"""<html><head><meta charset="{charset}"><title>{title}</title></head><body>
<table width="1000"><tr><td><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bs/">办事服务</a></td></tr></table>
<table width="1000"><tr><td class="title"><h1>{title}</h1></td></tr>
<tr><td class="info">日期：2021-02-03　浏览次数：1024　【<a>打印</a>】【<a>关闭</a>】</td></tr>
<tr><td class="text">{rows}</td></tr>
<tr><td>相关文章：<a href="/a">{_RELATED[0]}</a> <a href="/b">{_RELATED[1]}</a></td></tr></table>
<table><tr><td>{_FOOTER}</td></tr></table></body></html>"""


HTML_LAYOUTS = {
    "portal-gbk": lambda report: _portal_page(report, "gb2312").encode("gb18030"),
    "table-gbk": lambda report: _table_page(report, "gbk").encode("gb18030"),
    "portal-utf8": lambda report: _portal_page(report, "utf-8").encode("utf-8"),
}


# --- PDF --------------------------------------------------------------------------

_PRINT_CSS = """
@page { size: A4; margin: 28mm 26mm 30mm 26mm; }
body { font-family: "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.6; text-align: justify; }
h1 { font-size: 22pt; text-align: center; margin: 0 0 1em; }
p { margin: 0; text-indent: 2em; }
"""
_HEAD = '<div style="font-size:9pt;width:100%;text-align:center;font-family:Noto Serif CJK SC">{}</div>'
_FOOTERS = {
    "dash": "— <span class='pageNumber'></span> —",
    "of": "第 <span class='pageNumber'></span> 页 共 <span class='totalPages'></span> 页",
}
_FOOT = '<div style="font-size:10pt;width:100%;text-align:center">{}</div>'


# A book's pages: the inner margin wider, so odd and even pages' text starts elsewhere.
MIRRORED_CSS = (
    "@page :left { margin-left: 40mm; margin-right: 18mm; } @page :right { margin-left: 18mm; margin-right: 40mm; }"
)


def print_html(report: Report, css: str = "") -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in report.lines)
    style = _PRINT_CSS + css
    return f'<html><head><meta charset="utf-8"><style>{style}</style></head><body><h1>{html.escape(report.title)}</h1>{paragraphs}</body></html>'


def to_pdf(report: Report, browser, running_head: str = "政府工作报告", footer: str = "dash", css: str = "") -> bytes:
    """The report printed to PDF by Chromium (a Playwright browser), with a running head
    and a page number on every page: ``— 3 —`` (``dash``) or ``第 3 页 共 20 页`` (``of``);
    ``css`` is added to the print style (``MIRRORED_CSS``)."""
    page = browser.new_page()
    try:
        page.set_content(print_html(report, css))
        return page.pdf(
            display_header_footer=True,
            header_template=_HEAD.format(html.escape(running_head)),
            footer_template=_FOOT.format(_FOOTERS[footer]),
            prefer_css_page_size=True,
        )
    finally:
        page.close()


# --- Word -------------------------------------------------------------------------


def to_docx(report: Report, table: list[list[str]] | None = None) -> bytes:
    """A Word file: the title in the Title style, headings in Heading 1/2, the rest as
    body text; ``table`` is added after the first heading."""
    from docx import Document

    document = Document()
    document.add_paragraph(report.title, style="Title")
    for line in report.lines:
        if line in report.headings:
            document.add_heading(line, level=1 if re.match(r"^[一二三四五六七八九十]+、", line) else 2)
            if table:
                _add_table(document, table)
                table = None
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
